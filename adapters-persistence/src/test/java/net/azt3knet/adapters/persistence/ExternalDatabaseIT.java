package net.azt3knet.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.store.PopulationStoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An external PostgreSQL, reached by URL, user and password: played by a second database on an embedded server.
 * Covers migrate-on-start being off, {@code db migrate} and {@code db status}.
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
                .hasMessageContaining("is at version none, this build needs 5")
                .hasMessageContaining("azt3knet db migrate");
        try (PostgresPersistence db = PostgresPersistence.connect(external(false), Clock.systemUTC())) {
            SchemaStatus before = db.status();
            assertThat(before.current()).isEqualTo("none");
            assertThat(before.pending()).containsExactly("1 schema", "2 mailboxes", "3 api", "4 job holder", "5 job queue");
            SchemaStatus after = db.migrate();
            assertThat(after.upToDate()).isTrue();
            assertThat(after.current()).isEqualTo("5");
            assertThat(after.database()).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/external_app");
        }
        try (PostgresPersistence db = PostgresPersistence.start(external(false), Clock.systemUTC())) {
            assertThat(db.populations().list()).isEmpty();
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
