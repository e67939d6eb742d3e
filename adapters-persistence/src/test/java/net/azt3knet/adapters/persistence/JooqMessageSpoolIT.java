package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.SMTP_SPOOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.MessageSpoolException;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.testkit.contracts.MessageSpoolContract;
import net.azt3knet.testkit.fixtures.SettableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The spool on embedded PostgreSQL: the contract, plus what only a real process table and a real database show. */
class JooqMessageSpoolIT implements MessageSpoolContract {

    private static PostgresPersistence db;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T12:00:00Z"));

    @BeforeAll
    static void start() throws Exception {
        db = PostgresPersistence.start(TestDatabases.fresh("spool"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (db != null) db.close();
    }

    @BeforeEach
    void empty() {
        db.dsl().truncate(SMTP_SPOOL).execute();
    }

    /** Each process on a host of its own, so only leases (never process ids) decide who may take a message over. */
    @Override
    public MessageSpool process(String name) {
        return new JooqMessageSpool(db.dsl(), clock, new JooqJobStore.Holder("host-" + name, 1));
    }

    @Override
    public SettableClock clock() {
        return clock;
    }

    @Test
    void aMessageHeldByAProcessThatEndedOnThisHostIsTakenOverAtOnce() throws Exception {
        String here = JooqJobStore.Holder.CURRENT.host();
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        MessageSpool dead = new JooqMessageSpool(db.dsl(), clock, new JooqJobStore.Holder(here, p.pid()));
        QueueId orphan = dead.store(MessageSpoolContract.anEnvelope("x@example.net"), MessageSpoolContract.aMessage("x"));
        dead.claim(1, LEASE);
        dead.markSending(orphan);

        MessageSpool next = new JooqMessageSpool(db.dsl(), clock, new JooqJobStore.Holder(here, ProcessHandle.current().pid()));
        assertThat(next.claim(5, LEASE)).extracting(m -> m.id()).containsExactly(orphan);
        assertThat(next.claim(5, LEASE)).as("now held by a live process here").isEmpty();
    }

    @Test
    void theFacadeHandsOutTheSpoolAndADatabaseFailureIsTheSpoolsOwnExceptionWithoutTheContent() {
        MessageSpool spool = db.messageSpool();
        QueueId id = spool.store(MessageSpoolContract.anEnvelope("x@example.net"), MessageSpoolContract.aMessage("facade"));
        assertThat(spool.find(id)).isPresent();

        db.dsl().execute("ALTER TABLE smtp_spool ADD CONSTRAINT smtp_spool_refuse_all CHECK (size < 0) NOT VALID");
        try {
            assertThatThrownBy(() -> spool.store(MessageSpoolContract.anEnvelope("y@example.net"), MessageSpoolContract.aMessage("secret body")))
                    .isInstanceOf(MessageSpoolException.class)
                    .hasMessageStartingWith("cannot spool a message: ")
                    .hasMessageContaining("smtp_spool_refuse_all")
                    .hasMessageNotContaining("secret body");
        } finally {
            db.dsl().execute("ALTER TABLE smtp_spool DROP CONSTRAINT smtp_spool_refuse_all");
        }
    }
}
