package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.SMTP_SUPPRESSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import net.azt3knet.ports.out.spool.SuppressedRecipients;
import net.azt3knet.testkit.contracts.SuppressedRecipientsContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The suppression list (migration 8) on embedded PostgreSQL. */
class JooqSuppressedRecipientsIT implements SuppressedRecipientsContract {

    private static PostgresPersistence db;

    @BeforeAll
    static void start() throws Exception {
        db = PostgresPersistence.start(TestDatabases.fresh("suppression"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (db != null) db.close();
    }

    @BeforeEach
    void empty() {
        db.dsl().truncate(SMTP_SUPPRESSION).execute();
    }

    @Override
    public SuppressedRecipients list() {
        return db.suppressedRecipients();
    }

    @Test
    void oneRowPerMailboxKeepingTheFirstReason() {
        list().suppress("Gone@example.net", "550 first");
        list().suppress("gone@EXAMPLE.net", "550 second");
        assertThat(db.dsl().selectFrom(SMTP_SUPPRESSION).fetch()).singleElement()
                .satisfies(r -> assertThat(r.getAddress() + " " + r.getReason()).isEqualTo("gone@example.net 550 first"));
    }
}
