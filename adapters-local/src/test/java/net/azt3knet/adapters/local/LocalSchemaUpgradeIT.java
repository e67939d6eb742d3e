package net.azt3knet.adapters.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import net.azt3knet.adapters.persistence.DatabaseSettings;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.adapters.persistence.SchemaStatus;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.mailbox.NewMailbox;
import net.azt3knet.ports.out.store.PopulationStoreException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The local provider's tables moved from the core schema's V2 to this module's own migrations. A database made by an
 * earlier release (its scripts are kept in {@code earlier-release/}) upgrades in place and keeps every row; a new one
 * gets the tables from this module alone.
 */
class LocalSchemaUpgradeIT {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final String EARLIER_RELEASE = "classpath:net/azt3knet/adapters/local/earlier-release";

    /** A database as the earlier release left it: its core scripts applied, one local mailbox and one cached answer. */
    private static DatabaseSettings earlierReleaseDatabase() throws Exception {
        DatabaseSettings settings = LocalDatabases.fresh("upgrade");
        try (PostgresPersistence db = PostgresPersistence.connect(settings, CLOCK, List.of())) {
            Flyway.configure().dataSource(db.dataSource()).locations(EARLIER_RELEASE).load().migrate();
            LocalMailboxProvisioning local = new LocalMailboxProvisioning(db.dataSource(), CLOCK);
            local.ensureDomain("old.example.org");
            local.create(new NewMailbox("ada@old.example.org", "Ada", Secret.of("Kept-Password-1!"), "azt3knet-old"));
            sql(db.dataSource(), "INSERT INTO llm_cache (cache_key, model, parameters, response, created_at)"
                    + " VALUES ('k1', 'm', '{}', 'kept', now())");
        }
        return settings;
    }

    @Test
    void anEarlierReleasesDatabaseUpgradesAndKeepsItsMailboxesAndRows() throws Exception {
        DatabaseSettings settings = earlierReleaseDatabase();

        try (PostgresPersistence db = PostgresPersistence.start(settings, CLOCK, List.of(LocalIntegration.SCHEMA))) {
            List<SchemaStatus> status = db.status();
            assertThat(status).extracting(SchemaStatus::schema).containsExactly("core", "local");
            assertThat(status).allMatch(SchemaStatus::upToDate);
            assertThat(status.get(0).current()).isEqualTo("13");
            assertThat(status.get(1).current()).isEqualTo("1");
            assertThat(status.get(1).applied()).containsExactly("1 mailboxes");

            LocalMailboxProvisioning local = new LocalMailboxProvisioning(db.dataSource(), CLOCK);
            assertThat(local.list("old.example.org")).singleElement()
                    .satisfies(m -> assertThat(m.owner()).isEqualTo("azt3knet-old"));
            assertThat(local.authenticates("ada@old.example.org", Secret.of("Kept-Password-1!"))).isTrue();
            assertThat(db.textCache().size()).isEqualTo(1);
            assertThat(db.migrate()).allMatch(SchemaStatus::upToDate); // a second migrate finds nothing to do
        }
    }

    @Test
    void aNewDatabaseGetsTheLocalTablesFromTheLocalMigrationsOnly() throws Exception {
        DatabaseSettings settings = LocalDatabases.fresh("new");
        try (PostgresPersistence db = PostgresPersistence.start(settings, CLOCK)) {
            assertThat(exists(db.dataSource(), "local_mailbox")).as("the core schema no longer creates it").isFalse();
        }
        try (PostgresPersistence db = PostgresPersistence.start(settings, CLOCK, List.of(LocalIntegration.SCHEMA))) {
            assertThat(exists(db.dataSource(), "local_mailbox")).isTrue();
            assertThat(exists(db.dataSource(), "flyway_local_history")).isTrue();
            LocalMailboxProvisioning local = new LocalMailboxProvisioning(db.dataSource(), CLOCK);
            local.ensureDomain("new.example.org");
            assertThat(local.domainChanges("new.example.org")).isEmpty();
        }
    }

    /** With AZT3KNET_DB_MIGRATE=false the upgrade waits for {@code db migrate}, and the refusal names the local schema. */
    @Test
    void withoutMigrateOnStartTheLocalSchemaWaitsForDbMigrate() throws Exception {
        DatabaseSettings earlier = earlierReleaseDatabase();
        DatabaseSettings onPurpose = new DatabaseSettings(null, null, null, earlier.dataDir(), earlier.binariesCache(), false);
        assertThatThrownBy(() -> PostgresPersistence.start(onPurpose, CLOCK, List.of(LocalIntegration.SCHEMA)).close())
                .isInstanceOf(PopulationStoreException.class)
                .hasMessageContaining("is at version 5, this build needs 13; the local schema of")
                .hasMessageContaining("is at version none, this build needs 1; run 'azt3knet db migrate'");
        try (PostgresPersistence db = PostgresPersistence.connect(onPurpose, CLOCK, List.of(LocalIntegration.SCHEMA))) {
            assertThat(db.status().get(0).pending()).containsExactly("6 smtp spool", "7 smtp users", "8 smtp suppression", "9 smtp spool held", "10 responder", "11 inbound sealed", "12 spool sealed", "13 agent email lower");
            assertThat(db.status().get(1).pending()).containsExactly("1 mailboxes");
            assertThat(db.migrate()).allMatch(SchemaStatus::upToDate);
        }
        try (PostgresPersistence db = PostgresPersistence.start(onPurpose, CLOCK, List.of(LocalIntegration.SCHEMA))) {
            assertThat(new LocalMailboxProvisioning(db.dataSource(), CLOCK).find("ada@old.example.org")).isPresent();
        }
    }

    /** Only the checksum of the earlier release's own V2 is realigned: any other edit of an applied script still fails. */
    @Test
    void aCoreScriptChangedInAnyOtherWayIsStillRefused() throws Exception {
        DatabaseSettings settings = earlierReleaseDatabase();
        try (PostgresPersistence db = PostgresPersistence.connect(settings, CLOCK, List.of(LocalIntegration.SCHEMA))) {
            sql(db.dataSource(), "UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '2'");
            assertThatThrownBy(db::migrate)
                    .isInstanceOf(PopulationStoreException.class)
                    .hasMessageContaining("cannot migrate the schema")
                    .hasStackTraceContaining("checksum mismatch for migration version 2");
        }
    }

    private static void sql(DataSource ds, String statement) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static boolean exists(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            r.next();
            return r.getBoolean(1);
        }
    }
}
