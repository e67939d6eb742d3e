package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code azt3knet … | head -1} over stored data, as its own process: the reader closes the pipe after the first
 * line and the command ends quietly with exit 0. Each output is far larger than a pipe's buffer, so the CLI is still
 * writing when the pipe closes.
 */
class ClosedPipeIT {

    private static CliHome home;
    private static String population;

    @BeforeAll
    static void start() throws IOException {
        home = CliHome.open("pipe-it-");
        // 600 agents with mailboxes: ~0.6 MB of agents and 600 audit entries (~170 kB), against a 64 kB pipe buffer.
        CliRun persisted = CliRun.in(home.env, home.dir, "populate", "--count", "600", "--seed", "pipe",
                "--domain", "agents.example.org", "--create-mailboxes");
        assertThat(persisted.exitCode()).as(persisted.err()).isZero();
        population = persisted.out().strip();
    }

    @AfterAll
    static void stop() {
        home.close();
    }

    @Test
    void populationsExportIntoAClosedPipeExitsZero() throws Exception {
        assertEndsQuietly("populations", "export", population);
    }

    @Test
    void auditListIntoAClosedPipeExitsZero() throws Exception {
        assertEndsQuietly("audit", "list", "--format", "ndjson");
    }

    @Test
    void agentsListIntoAClosedPipeExitsZero() throws Exception {
        assertEndsQuietly("agents", "list", "--population", population, "--format", "csv");
    }

    private static void assertEndsQuietly(String... args) throws Exception {
        ProcessBuilder builder = CliProcessIT.cli(args).directory(home.dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(home.env);
        builder.environment().put("PATH", System.getenv("PATH"));
        Process p = builder.start();
        p.getOutputStream().close();
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = reader.readLine();
        if (first == null) p.waitFor(120, TimeUnit.SECONDS);
        assertThat(first).as("the first line; stderr: %s", first == null ? new String(p.getErrorStream().readAllBytes(),
                StandardCharsets.UTF_8) : "").isNotBlank();
        p.getInputStream().close(); // what head does after its line
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the CLI stops once nobody reads").isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(err).as(String.join(" ", args)).doesNotContain("Broken pipe", "failed", "Exception");
        assertThat(p.exitValue()).as(String.join(" ", args) + ": " + err).isZero();
    }
}
