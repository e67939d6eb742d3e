package net.azt3knet.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.integration.SchemaMigrations;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.store.JobQueue;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.ports.out.store.PeriodicTasks;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.ports.out.text.GeneratedTextCache;
import net.azt3knet.ports.out.store.PopulationStoreException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The persistence facade: owns the connection pool (and the embedded server, when used) and hands out the port
 * implementations. jOOQ, HikariCP and Flyway types stay inside this module.
 */
public final class PostgresPersistence implements AutoCloseable {

    private static final String MIGRATIONS = "classpath:net/azt3knet/adapters/persistence/migration";
    /** The name {@code db status} gives the schema of this module's own migrations. */
    static final String CORE = "core";
    /**
     * The checksum of V2 as earlier releases shipped it, when it also created the local provider's tables (now that
     * adapter's own migrations): a database that recorded it gets the current checksum; any other difference stays an error.
     */
    private static final int V2_WITH_LOCAL_TABLES = 906113510;

    static {
        // jOOQ logs an ASCII-art banner and a "tip of the day" on first use: noise in an operator's log.
        if (System.getProperty("org.jooq.no-logo") == null) System.setProperty("org.jooq.no-logo", "true");
        if (System.getProperty("org.jooq.no-tips") == null) System.setProperty("org.jooq.no-tips", "true");
    }

    private final DatabaseSettings settings;
    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final Flyway flyway;
    /** Each integration's own migrations, applied after these, in the order given. */
    private final List<Schema> integrations;
    private final DSLContext dsl;
    private final Clock clock;

    private record Schema(String owner, Flyway flyway) {
    }

    private PostgresPersistence(DatabaseSettings settings, EmbeddedPostgres embedded, HikariDataSource pool, Clock clock,
                                List<SchemaMigrations> others) {
        this.settings = settings;
        this.embedded = embedded;
        this.pool = pool;
        this.clock = clock;
        this.flyway = Flyway.configure().dataSource(pool).locations(MIGRATIONS).failOnMissingLocations(true).load();
        List<Schema> schemas = new ArrayList<>();
        for (SchemaMigrations m : others) {
            // The database schema is never empty when they run (these tables come first): a new history table starts
            // from a baseline 0, below every script, instead of Flyway refusing a non-empty schema.
            schemas.add(new Schema(m.owner(), Flyway.configure().dataSource(pool).locations("classpath:" + m.location())
                    .table(m.historyTable()).baselineOnMigrate(true).baselineVersion("0").failOnMissingLocations(true).load()));
        }
        this.integrations = List.copyOf(schemas);
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES, new Settings().withRenderSchema(false).withExecuteLogging(false));
    }

    /**
     * Connects (starting or attaching to the embedded server when no URL is set) and, when the settings say so,
     * applies pending migrations: this module's, then each of {@code integrations}' own.
     *
     * @throws PopulationStoreException when the database cannot be reached or its schema is newer than this build
     */
    public static PostgresPersistence start(DatabaseSettings settings, Clock clock, List<SchemaMigrations> integrations) {
        return open(settings, clock, true, integrations);
    }

    /** {@link #start(DatabaseSettings, Clock, List)} with this module's tables only. */
    public static PostgresPersistence start(DatabaseSettings settings, Clock clock) {
        return start(settings, clock, List.of());
    }

    /** Connects without touching or checking the schema: for {@link #migrate()} and {@link #status()} as asked. */
    public static PostgresPersistence connect(DatabaseSettings settings, Clock clock, List<SchemaMigrations> integrations) {
        return open(settings, clock, false, integrations);
    }

    private static PostgresPersistence open(DatabaseSettings settings, Clock clock, boolean prepareSchema,
                                            List<SchemaMigrations> integrations) {
        EmbeddedPostgres embedded = settings.embedded() ? EmbeddedPostgres.open(settings.dataDir(), settings.binariesCache()) : null;
        HikariDataSource pool = null;
        try {
            HikariConfig config = new HikariConfig();
            config.setPoolName("azt3knet");
            config.setJdbcUrl(embedded != null ? embedded.jdbcUrl() : settings.jdbcUrl());
            if (embedded != null) {
                config.setUsername(embedded.user());
                config.setPassword(embedded.password().reveal());
            } else {
                if (settings.user() != null) config.setUsername(settings.user());
                if (settings.password() != null) config.setPassword(settings.password().reveal());
            }
            // 4: with 10, bench/smtp.sh acknowledged bursts faster (1,218 msg/s against 970: more commits share an fsync),
            // but a steady 300 msg/s for 10 minutes slowed (p99 238 ms against 6.7 ms) and the relay fell behind
            config.setMaximumPoolSize(4);
            config.setMinimumIdle(1);
            config.setConnectionTimeout(10_000);
            config.setInitializationFailTimeout(1);
            config.addDataSourceProperty("ApplicationName", "azt3knet");
            config.addDataSourceProperty("connectTimeout", "10");
            pool = new HikariDataSource(config);
            PostgresPersistence p = new PostgresPersistence(settings, embedded, pool, clock, integrations);
            if (prepareSchema && settings.migrateOnStart()) p.migrate();
            else if (prepareSchema) p.requireCurrentSchema();
            return p;
        } catch (HikariPool.PoolInitializationException e) {
            close(pool, embedded);
            throw new PopulationStoreException("cannot connect to the database at " + settings.describe() + ": "
                    + Translate.reason(e) + "; check that it runs and that AZT3KNET_DB_URL, AZT3KNET_DB_USER and"
                    + " AZT3KNET_DB_PASSWORD are right (docs/storage.md)", e);
        } catch (RuntimeException e) {
            close(pool, embedded);
            throw e;
        }
    }

    private static void close(HikariDataSource pool, EmbeddedPostgres embedded) {
        if (pool != null) pool.close();
        if (embedded != null) embedded.close();
    }

    /** Where the data is (never a password). */
    public String describe() {
        return settings.describe();
    }

    public PopulationStore populations() {
        return new JooqPopulationStore(dsl, clock);
    }

    public AuditTrail auditTrail() {
        return new JooqAuditTrail(dsl, clock);
    }

    public CredentialStore credentials() {
        return new JooqCredentialStore(dsl, clock);
    }

    public MailboxLedger mailboxLedger() {
        return new JooqMailboxLedger(dsl, clock);
    }

    public JobStore jobs() {
        return new JooqJobStore(dsl, clock);
    }

    /** The durable work queues, on the same job table and leases as {@link #jobs()}. */
    public JobQueue jobQueue() {
        return new JooqJobQueue(dsl, clock, JooqJobStore.Holder.CURRENT);
    }

    /** The SMTP gateway's spool, leased like {@link #jobQueue()}'s jobs. */
    public MessageSpool messageSpool() {
        return new JooqMessageSpool(dsl, clock, JooqJobStore.Holder.CURRENT);
    }

    /** Recipients that bounced hard, refused by the SMTP gateway at RCPT. */
    public net.azt3knet.ports.out.spool.SuppressedRecipients suppressedRecipients() {
        return new JooqSuppressedRecipients(dsl, clock);
    }

    public PeriodicTasks periodicTasks() {
        return new JooqPeriodicTasks(dsl, clock, JooqJobStore.Holder.CURRENT);
    }

    /** The pool, for integrations that keep their own tables in this database (see {@link SchemaMigrations}). */
    public javax.sql.DataSource dataSource() {
        return pool;
    }

    public net.azt3knet.ports.out.access.ApiTokenStore apiTokens() {
        return new JooqApiTokenStore(dsl);
    }

    /** The SMTP gateway's own users (table {@code smtp_user}). */
    public net.azt3knet.ports.out.submission.GatewayUserStore gatewayUsers() {
        return new JooqGatewayUserStore(dsl);
    }

    /** The agents' mailbox store; its content is sealed by the caller. */
    public net.azt3knet.ports.out.inbound.InboundMessageStore inboundMessages() {
        return new JooqInboundMessageStore(dsl);
    }

    /** The responder's queue of received messages, leased like {@link #jobQueue()}'s jobs. */
    public net.azt3knet.ports.out.responder.ReplyQueue replyQueue() {
        return new JooqReplyQueue(dsl, clock, JooqJobStore.Holder.CURRENT);
    }

    /** The replies the responder wrote, drafts and sent. */
    public net.azt3knet.ports.out.responder.ReplyStore replyStore() {
        return new JooqReplyStore(dsl);
    }

    /** Which agents answer, and each population's reply policy. */
    public net.azt3knet.ports.out.responder.ResponderRoster responderRoster() {
        return new JooqResponderRoster(dsl, clock);
    }

    /** How far the IMAP intake has read each mailbox. */
    public net.azt3knet.ports.out.responder.UidCheckpoints uidCheckpoints() {
        return new JooqUidCheckpoints(dsl, clock);
    }

    /** Retention and erasure of the kept mail (inbound messages, the responder's queue and replies). */
    public net.azt3knet.ports.out.responder.MailErasure mailErasure() {
        return new JooqMailErasure(dsl);
    }

    /** The sealed mail of the spool, the agents' mailboxes and the responder, paged for a key rotation. */
    public net.azt3knet.ports.out.store.SealedMailStore sealedMail() {
        return new JooqSealedMailStore(dsl);
    }

    /** One round trip to the database, for readiness checks; says why it failed. */
    public void ping() {
        Translate.errors("reach the database at " + describe(), () -> dsl.selectOne().fetch());
    }

    public GeneratedTextCache textCache() {
        return new JooqGeneratedTextCache(dsl);
    }

    /** For this module's tests, which tamper with tables the ports never let anyone change. */
    DSLContext dsl() {
        return dsl;
    }

    /** Applies pending migrations, this module's first, and returns the resulting status of each schema. */
    public List<SchemaStatus> migrate() {
        try {
            realignV2();
            flyway.migrate();
            for (Schema s : integrations) s.flyway().migrate();
        } catch (FlywayException e) {
            throw new PopulationStoreException("cannot migrate the schema of " + describe() + ": "
                    + e.getMessage().lines().findFirst().orElse("") , e);
        }
        return status();
    }

    private void realignV2() {
        for (MigrationInfo m : flyway.info().applied()) {
            if (m.getVersion() != null && m.getVersion().getVersion().equals("2") && m.getAppliedChecksum() != null
                    && m.getAppliedChecksum() == V2_WITH_LOCAL_TABLES && m.getResolvedChecksum() != null) {
                dsl.execute("UPDATE flyway_schema_history SET checksum = ? WHERE version = '2' AND checksum = ?",
                        m.getResolvedChecksum(), V2_WITH_LOCAL_TABLES);
            }
        }
    }

    /** Each schema's version applied and what is pending: this module's ({@code core}) first, then the integrations'. */
    public List<SchemaStatus> status() {
        List<SchemaStatus> all = new ArrayList<>();
        all.add(status(CORE, flyway));
        for (Schema s : integrations) all.add(status(s.owner(), s.flyway()));
        return List.copyOf(all);
    }

    private SchemaStatus status(String schema, Flyway of) {
        try {
            MigrationInfoService info = of.info();
            List<String> applied = new ArrayList<>();
            for (MigrationInfo m : info.applied()) {
                if (!m.getType().isBaseline()) applied.add(m.getVersion() + " " + m.getDescription());
            }
            List<String> pending = new ArrayList<>();
            for (MigrationInfo m : info.pending()) pending.add(m.getVersion() + " " + m.getDescription());
            MigrationInfo current = info.current();
            MigrationInfo[] all = info.all();
            String latest = all.length == 0 ? "none" : all[all.length - 1].getVersion().toString();
            boolean none = current == null || current.getType().isBaseline();
            return new SchemaStatus(schema, describe(), none ? "none" : current.getVersion().toString(), latest, pending, applied);
        } catch (FlywayException e) {
            throw new PopulationStoreException("cannot read the " + schema + " schema version of " + describe() + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** Refuses a database whose schemas are behind this build, naming every one that is (one {@code db migrate} does all). */
    private void requireCurrentSchema() {
        List<String> behind = new ArrayList<>();
        for (SchemaStatus s : status()) {
            if (!s.upToDate()) {
                String which = s.schema().equals(CORE) ? "the schema" : "the " + s.schema() + " schema";
                behind.add(which + " of " + describe() + " is at version " + s.current() + ", this build needs " + s.latest());
            }
        }
        if (!behind.isEmpty()) {
            throw new PopulationStoreException(String.join("; ", behind)
                    + "; run 'azt3knet db migrate' (or set AZT3KNET_DB_MIGRATE=true)");
        }
    }

    @Override
    public void close() {
        close(pool, embedded);
    }
}
