package net.azt3knet.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.store.JobQueue;
import net.azt3knet.ports.out.store.JobState;
import net.azt3knet.ports.out.store.PopulationStoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An external PostgreSQL, reached by URL, user and password: played by a second database on an embedded server.
 * Covers migrate-on-start being off, {@code db migrate}, {@code db status}, and two processes sharing its job queue.
 */
class ExternalDatabaseIT {

    private static PostgresPersistence server;
    private static EmbeddedPostgres embedded;

    @BeforeAll
    static void start() throws Exception {
        DatabaseSettings settings = TestDatabases.fresh("external");
        server = PostgresPersistence.start(settings, Clock.systemUTC());
        embedded = EmbeddedPostgres.open(settings.dataDir(), settings.binariesCache()); // the same server, for its URL
        server.dsl().execute("CREATE DATABASE external_app");
    }

    @AfterAll
    static void stop() {
        if (embedded != null) embedded.close();
        if (server != null) server.close();
    }

    private static DatabaseSettings external(boolean migrate) {
        String url = embedded.jdbcUrl().replace("/postgres", "/external_app");
        return DatabaseSettings.external(url, embedded.user(), embedded.password(), migrate);
    }

    @Test
    void withoutMigrateOnStartAnOldSchemaIsRefusedUntilMigrated() {
        assertThatThrownBy(() -> PostgresPersistence.start(external(false), Clock.systemUTC()))
                .isInstanceOf(PopulationStoreException.class)
                .hasMessageContaining("is at version none, this build needs 13")
                .hasMessageContaining("azt3knet db migrate");
        try (PostgresPersistence db = PostgresPersistence.connect(external(false), Clock.systemUTC(), List.of())) {
            SchemaStatus before = db.status().get(0);
            assertThat(before.schema()).isEqualTo("core");
            assertThat(before.current()).isEqualTo("none");
            assertThat(before.pending()).containsExactly("1 schema", "2 mailboxes", "3 api", "4 job holder", "5 job queue", "6 smtp spool",
                    "7 smtp users", "8 smtp suppression", "9 smtp spool held", "10 responder", "11 inbound sealed", "12 spool sealed", "13 agent email lower");
            SchemaStatus after = db.migrate().get(0);
            assertThat(after.upToDate()).isTrue();
            assertThat(after.current()).isEqualTo("13");
            assertThat(after.database()).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/external_app");
        }
        try (PostgresPersistence db = PostgresPersistence.start(external(false), Clock.systemUTC())) {
            assertThat(db.populations().list()).isEmpty();
        }
    }

    /** Two processes' pools on one external database, claiming at once: every queued job runs exactly once. */
    @Test
    void twoPoolsOnOneExternalDatabaseSplitTheQueuedJobsAndRunEachOnce() throws Exception {
        server.dsl().execute("CREATE DATABASE external_queue"); // its own: the other tests expect external_app unmigrated
        DatabaseSettings queueDb = DatabaseSettings.external(embedded.jdbcUrl().replace("/postgres", "/external_queue"),
                embedded.user(), embedded.password(), true);
        try (PostgresPersistence first = PostgresPersistence.start(queueDb, Clock.systemUTC());
             PostgresPersistence second = PostgresPersistence.start(queueDb, Clock.systemUTC())) {
            List<JobQueue> processes = List.of(
                    new JooqJobQueue(first.dsl(), Clock.systemUTC(), new JooqJobStore.Holder("host-1", 1)),
                    new JooqJobQueue(second.dsl(), Clock.systemUTC(), new JooqJobStore.Holder("host-2", 2)));
            for (int i = 0; i < 60; i++) processes.get(i % 2).submit("external", "k", "t", "o", Map.of("n", i));
            Map<Long, String> ranBy = new ConcurrentHashMap<>();
            List<Long> runs = Collections.synchronizedList(new ArrayList<>());
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    JobQueue q = processes.get(w % 2);
                    String name = "process-" + (w % 2);
                    workers.add(threads.submit(() -> {
                        for (var j = q.claim("external", Duration.ofMinutes(1)); j.isPresent(); j = q.claim("external", Duration.ofMinutes(1))) {
                            runs.add(j.get().id());
                            ranBy.put(j.get().id(), name);
                            q.finish(j.get().id(), JobState.DONE, null, null);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : workers) f.get();
            } finally {
                threads.shutdownNow();
            }
            assertThat(runs).hasSize(60).doesNotHaveDuplicates();
            assertThat(ranBy.values()).contains("process-0", "process-1");
            assertThat(processes.get(1).counts("external")).containsEntry(JobState.DONE, 60L);
        }
    }

    @Test
    void aWrongPasswordIsAClearErrorWithoutThePassword() {
        String url = embedded.jdbcUrl().replace("/postgres", "/external_app");
        DatabaseSettings wrong = DatabaseSettings.external(url, embedded.user(), Secret.of("not-the-password"), true);
        assertThatThrownBy(() -> PostgresPersistence.start(wrong, Clock.systemUTC()))
                .isInstanceOf(PopulationStoreException.class)
                .hasMessageContaining("cannot connect to the database at " + url)
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("not-the-password");
    }
}
