package net.azt3knet.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.out.store.PopulationStoreException;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.Test;

/** The embedded server across processes: attach, survive, stop with the last user, name whoever holds it. */
class EmbeddedPostgresIT {

    private static Process child(Path dataDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SecondProcess.class.getName(),
                dataDir.toString(), TestDatabases.binariesCache().toString()).redirectErrorStream(true).start();
    }

    private static String run(Process p) throws Exception {
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private static boolean serverRuns(Path dataDir) {
        return Files.exists(dataDir.resolve("cluster/postmaster.pid"));
    }

    @Test
    void aSecondProcessAttachesAndTheLastOneToLeaveStopsTheServer() throws Exception {
        Path dir = TestDatabases.freshDataDir("shared");
        PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(3, "shared");
        try (PostgresPersistence first = PostgresPersistence.start(DatabaseSettings.embedded(dir, TestDatabases.binariesCache()),
                Clock.systemUTC())) {
            first.populations().save(StoreFixtures.aHeader(spec, Instant.now()),
                    StoreFixtures.feedOf(StoreFixtures.agentsOf(spec), 10),
                    net.azt3knet.domain.audit.AuditEvent.ok("t", "population.persist", "population:x", java.util.Map.of()));
            Process second = child(dir);
            String out = run(second);
            assertThat(out).endsWith("populations=1");
            assertThat(second.exitValue()).isZero();
            // the second process left, the first still works on the same server
            assertThat(serverRuns(dir)).isTrue();
            assertThat(first.populations().list()).hasSize(1);
        }
        assertThat(serverRuns(dir)).isFalse();

        // alone, a process starts the server, sees the data kept on disk, and stops it again
        Process again = child(dir);
        assertThat(run(again)).endsWith("populations=1");
        assertThat(serverRuns(dir)).isFalse();
    }

    @Test
    void aServerLeftRunningByAProcessKilledWithSigkillIsReusedNeverDoubledAndStoppedByTheLastUser() throws Exception {
        Path dir = TestDatabases.freshDataDir("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SecondProcess.class.getName(),
                dir.toString(), TestDatabases.binariesCache().toString(), "hold").redirectErrorStream(true).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("populations=")) {
                assertThat(line).doesNotStartWith("failed:");
            }
            assertThat(line).as("the child opened the database").isEqualTo("populations=0");
            long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("cluster/postmaster.pid")).get(0).strip());
            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("the server outlives its killed parent").contains(true);

            try (PostgresPersistence next = PostgresPersistence.start(DatabaseSettings.embedded(dir, TestDatabases.binariesCache()),
                    Clock.systemUTC())) {
                assertThat(next.populations().list()).isEmpty();
                assertThat(Long.parseLong(Files.readAllLines(dir.resolve("cluster/postmaster.pid")).get(0).strip()))
                        .as("the next process attaches to that server instead of starting a second one").isEqualTo(postmaster);
            }
            assertThat(serverRuns(dir)).as("the next process, now the last user, stopped it").isFalse();
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aDirectoryHeldByAProcessThatDoesNotAnswerIsNotTouched() throws Exception {
        Path dir = TestDatabases.freshDataDir("held");
        // create the cluster, then stop it
        PostgresPersistence.start(DatabaseSettings.embedded(dir, TestDatabases.binariesCache()), Clock.systemUTC()).close();
        Process holder = new ProcessBuilder("sleep", "120").start();
        try {
            int deadPort;
            try (var s = new java.net.ServerSocket(0)) {
                deadPort = s.getLocalPort();
            }
            Files.write(dir.resolve("cluster/postmaster.pid"), List.of(Long.toString(holder.pid()), dir.toString(), "0",
                    Integer.toString(deadPort), "", "127.0.0.1", "", "ready"));
            assertThatThrownBy(() -> PostgresPersistence.start(DatabaseSettings.embedded(dir, TestDatabases.binariesCache()),
                    Clock.systemUTC()))
                    .isInstanceOf(PopulationStoreException.class)
                    .hasMessageContaining("held by process " + holder.pid())
                    .hasMessageContaining("sleep");
            assertThat(Files.readAllLines(dir.resolve("cluster/postmaster.pid")).get(0)).isEqualTo(Long.toString(holder.pid()));
        } finally {
            holder.destroy();
        }
    }

    @Test
    void anUnreachableExternalDatabaseIsAClearError() throws Exception {
        int deadPort;
        try (var s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        DatabaseSettings external = DatabaseSettings.external("postgres://someone:pw@127.0.0.1:" + deadPort + "/nothing", null, null, true);
        assertThatThrownBy(() -> PostgresPersistence.start(external, Clock.systemUTC()))
                .isInstanceOf(PopulationStoreException.class)
                .hasMessageContaining("cannot connect to the database at jdbc:postgresql://127.0.0.1:" + deadPort + "/nothing")
                .hasMessageNotContaining("pw@");
    }

    /**
     * Run as root (as in CI), every other test here covers root, through the user namespace; this one runs a
     * process as {@code nobody} to cover a normal user too. Run as a normal user, the other tests cover that.
     */
    @Test
    void aNormalUserRunsItDirectly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0 && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "only as root can the test switch to another user");
        Path base = Files.createTempDirectory(Path.of("/tmp"), "azt3knet-nobody-");
        try {
            List<String> classpath = new java.util.ArrayList<>();
            int n = 0;
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path from = Path.of(entry);
                if (!Files.exists(from)) continue;
                Path to = base.resolve("cp/" + (n++) + "-" + from.getFileName());
                copyTree(from, to);
                classpath.add(to.toString());
            }
            Path home = Files.createDirectories(base.resolve("home"));
            new ProcessBuilder("chmod", "-R", "a+rX", base.toString()).start().waitFor();
            new ProcessBuilder("chown", "-R", "65534:65534", home.toString()).start().waitFor();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", java,
                    "-Duser.home=" + home, "-cp", String.join(":", classpath), SecondProcess.class.getName(),
                    home.resolve("data").toString(), home.resolve("cache").toString()).redirectErrorStream(true).start();
            assertThat(run(p)).endsWith("populations=0");
            assertThat(p.exitValue()).isZero();
            assertThat(Files.getAttribute(home.resolve("data/cluster/PG_VERSION"), "unix:uid")).isEqualTo(65534);
            assertThat(serverRuns(home.resolve("data"))).isFalse();
        } finally {
            new ProcessBuilder("rm", "-rf", base.toString()).start().waitFor();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.isRegularFile(from)) {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
            return;
        }
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
