package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.INBOUND_MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.out.inbound.InboundMessageStore;
import net.azt3knet.ports.out.inbound.InboundMessageStore.Sealed;
import net.azt3knet.testkit.contracts.InboundMessageStoreContract;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agents' mailbox store on embedded PostgreSQL: the contract, and what the table itself holds. */
class JooqInboundMessageStoreIT implements InboundMessageStoreContract {

    private static PostgresPersistence db;
    private static String agent;

    @BeforeAll
    static void start() throws Exception {
        db = PostgresPersistence.start(TestDatabases.fresh("inbound"), Clock.systemUTC());
        PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(1, "inbound-store");
        var records = StoreFixtures.agentsOf(spec);
        db.populations().save(StoreFixtures.aHeader(spec, Instant.parse("2026-01-01T00:00:00Z")), StoreFixtures.feedOf(records, 1),
                AuditEvent.ok("test", "population.persist", "population:" + spec.populationId(), Map.of()));
        agent = records.getFirst().email();
    }

    @AfterAll
    static void stop() {
        if (db != null) db.close();
    }

    @BeforeEach
    void empty() {
        db.dsl().truncate(INBOUND_MESSAGE).execute();
    }

    @Override
    public InboundMessageStore store() {
        return db.inboundMessages();
    }

    @Override
    public String agent() {
        return agent;
    }

    /** As V3 wrote it: no content column then, so none is named. */
    @Override
    public void keepClear(String messageId, String recipient, String sender, String subject, String payload, Instant receivedAt) {
        db.dsl().execute("INSERT INTO inbound_message (message_id, recipient, sender, subject, source, payload, received_at)"
                + " VALUES (?, ?, ?, ?, 'smtp', ?, CAST(? AS TIMESTAMPTZ))", messageId, recipient, sender, subject, payload, receivedAt.toString());
    }

    @Test
    void aSealedRowHoldsOnlyItsBoxAndASealedLegacyRowLosesItsClearColumns() {
        byte[] box = "opaque".getBytes(StandardCharsets.UTF_8);
        store().deliver(new Sealed("<1@x>", agent, "ana@outside.example", "smtp", AT, box));
        keepClear("<old@x>", agent, "ana@outside.example", "hello", "the old body", AT);
        long old = store().clear(1).getFirst().id();
        store().seal(old, box);

        for (Record r : db.dsl().select(INBOUND_MESSAGE.SUBJECT, INBOUND_MESSAGE.PAYLOAD, INBOUND_MESSAGE.CONTENT, INBOUND_MESSAGE.SENDER)
                .from(INBOUND_MESSAGE).fetch()) {
            assertThat(r.get(INBOUND_MESSAGE.SUBJECT)).isNull();
            assertThat(r.get(INBOUND_MESSAGE.PAYLOAD)).isNull();
            assertThat(r.get(INBOUND_MESSAGE.CONTENT)).isEqualTo(box);
            assertThat(r.get(INBOUND_MESSAGE.SENDER)).as("queryable for erasure").isEqualTo("ana@outside.example");
        }
    }

    @Test
    void erasureFindsSealedAndClearRowsBySender() {
        store().deliver(new Sealed("<1@x>", agent, "Ana@Outside.example", "smtp", AT, new byte[] {1}));
        keepClear("<old@x>", agent, "ana@outside.example", "hello", "the old body", AT);
        keepClear("<other@x>", agent, "bob@outside.example", "hi", "another body", AT);

        assertThat(db.mailErasure().address("ana@outside.example", "a".repeat(64)).inbound()).isEqualTo(2);
        assertThat(store().messages(agent, 10)).extracting(InboundMessageStore.Kept::messageId).containsExactly("<other@x>");
    }
}
