package net.azt3knet.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs azt3knet in-process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        return in(System.getenv(), Path.of("").toAbsolutePath(), args);
    }

    /** Runs with {@code env} as the whole environment and {@code dir} as the working directory. */
    static CliRun in(Map<String, String> env, Path dir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new Cli(out, new PrintStream(err, true, StandardCharsets.UTF_8), env, dir), args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
