package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged CLI (target/azt3knet.jar + lib/) as its own process: real exit codes and streams. */
class CliProcessIT {

    private static final Path JAR = Path.of("target", "azt3knet.jar");

    private record Run(int code, String out, String err) {
    }

    /** The packaged CLI with {@code args}, ready to start (other process ITs launch it this way too). */
    static ProcessBuilder cli(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static Run run(String... args) throws Exception {
        Process p = cli(args).start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void populatesAndExitsZero() throws Exception {
        Run run = run("populate", "--count", "25", "--seed", "42");
        assertThat(run.code()).isZero();
        assertThat(run.out().lines()).hasSize(25);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void badInputExitsTwoWithoutAStackTrace() throws Exception {
        Run run = run("populate", "--count", "abc", "--seed", "1");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--count (count): 'abc' is not a whole number").doesNotContain("Exception", "\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aReaderThatStopsEarlyEndsTheRunQuietly() throws Exception {
        // Like `azt3knet populate ... | head -1`: the pipe closes and the CLI stops without an error.
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(),
                "populate", "--count", "2000000", "--seed", "pipe", "--format", "ndjson").start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).startsWith("{\"id\":");
        p.getInputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the CLI stops once nobody reads").isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isZero();
        assertThat(err).doesNotContain("Exception");
    }

    @Test
    void aRunStoppedHalfWayLeavesNoFileBehind(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(),
                "populate", "--count", "20000000", "--seed", "stop", "--output", dir.resolve("agents.ndjson").toString())
                .redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (listing(dir).isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(listing(dir)).singleElement().asString().startsWith(".agents.ndjson.").endsWith(".part");
        p.destroy(); // SIGTERM, as a service manager or Ctrl-C in a terminal would stop it
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(listing(dir)).as("no partial output, not even the temporary file").isEmpty();
    }

    private static List<String> listing(Path dir) throws Exception {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    @Test
    void writesUtf8WhateverTheDefaultCharset() throws Exception {
        Run run = run("populate", "--count", "300", "--seed", "utf8", "--country", "DE");
        assertThat(run.out()).contains("ü");
    }
}
