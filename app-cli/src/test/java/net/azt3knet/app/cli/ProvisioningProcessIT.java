package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.azt3knet.adapters.mailjet.MailjetStub;
import net.azt3knet.testkit.http.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged CLI killed without warning ({@code kill -9}) in the middle of an apply: the next run does not wait
 * for the dead process's lease, resumes its job from the ledger and converges without creating anything twice.
 */
class ProvisioningProcessIT {

    private static final Path JAR = Path.of("target", "azt3knet.jar");
    private static final MailjetStub MAILJET = new MailjetStub();
    @RegisterExtension
    static final StubServer SERVER = new StubServer(MAILJET);

    @Test
    void aRunKilledMidApplyIsResumedAtOnceByTheNext() throws Exception {
        try (CliHome home = CliHome.open("kill-it-")) {
            Map<String, String> env = new HashMap<>(home.env);
            env.put("MAILJET_BASE_URL", SERVER.server().baseUrl());
            env.put("MAILJET_API_KEY", MailjetStub.KEY);
            env.put("MAILJET_SECRET_KEY", MailjetStub.SECRET);
            CliRun stored = CliRun.in(env, home.dir, "populate", "--count", "20", "--seed", "kill", "--domain", "kill.example.org", "--persist");
            assertThat(stored.exitCode()).as(stored.err()).isZero();
            String id = stored.out().strip();

            MAILJET.slow(150);
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                    JAR.toString(), "mailboxes", "apply", "--population", id, "--provider", "mailjet", "--concurrency", "1"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.dir.resolve("killed.log").toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            Process p = builder.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (MAILJET.senders(s -> s.path("Email").asText().endsWith("@kill.example.org")
                    && !s.path("Email").asText().startsWith("*")).size() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no lease released
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int made = MAILJET.senders(s -> s.path("Email").asText().endsWith("@kill.example.org")
                    && !s.path("Email").asText().startsWith("*")).size();
            assertThat(made).as("killed mid-apply").isBetween(5, 19);
            MAILJET.slow(0);

            long start = System.nanoTime();
            CliRun rerun = CliRun.in(env, home.dir, "mailboxes", "apply", "--population", id, "--provider", "mailjet");

            assertThat(rerun.exitCode()).as(rerun.err()).isZero();
            assertThat(rerun.err()).doesNotContain("another run");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("no wait for the dead run's lease").isLessThan(60);
            assertThat(rerun.out()).contains("\"resumed\":true");
            assertThat(MAILJET.senders(s -> s.path("Email").asText().endsWith("@kill.example.org")
                    && !s.path("Email").asText().startsWith("*"))).hasSize(20)
                    .extracting(s -> s.path("Email").asText()).doesNotHaveDuplicates();
        }
    }
}
