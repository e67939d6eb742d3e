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
}
