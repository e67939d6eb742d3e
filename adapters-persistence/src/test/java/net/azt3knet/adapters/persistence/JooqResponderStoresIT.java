package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.IMAP_CHECKPOINT;
import static net.azt3knet.adapters.persistence.jooq.Tables.INBOUND_MESSAGE;
import static net.azt3knet.adapters.persistence.jooq.Tables.RESPONDER_AGENT;
import static net.azt3knet.adapters.persistence.jooq.Tables.RESPONDER_MAIL;
import static net.azt3knet.adapters.persistence.jooq.Tables.RESPONDER_POLICY;
import static net.azt3knet.adapters.persistence.jooq.Tables.RESPONDER_REPLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.out.inbound.InboundMailbox.InboundMessage;
import net.azt3knet.ports.out.inbound.InboundMessageStore;
import net.azt3knet.ports.out.responder.MailErasure;
import net.azt3knet.ports.out.responder.ReplyQueue;
import net.azt3knet.ports.out.responder.ReplyStore;
import net.azt3knet.ports.out.responder.ResponderRoster;
import net.azt3knet.ports.out.responder.UidCheckpoints;
import net.azt3knet.testkit.contracts.ResponderStoresContract;
import net.azt3knet.testkit.fixtures.SettableClock;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.jooq.JSONB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The responder's stores on embedded PostgreSQL: the contract, plus what only a real database shows. */
class JooqResponderStoresIT implements ResponderStoresContract {

    private static PostgresPersistence db;
    private static PopulationSpec spec;
    private static List<String> agents;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T12:00:00Z"));

    @BeforeAll
    static void start() throws Exception {
        db = PostgresPersistence.start(TestDatabases.fresh("responder"), Clock.systemUTC());
        spec = StoreFixtures.aSpecOnItsOwnDomain(3, "responder-stores");
        var records = StoreFixtures.agentsOf(spec);
        db.populations().save(StoreFixtures.aHeader(spec, Instant.parse("2026-01-01T00:00:00Z")), StoreFixtures.feedOf(records, 3),
                AuditEvent.ok("test", "population.persist", "population:" + spec.populationId(), Map.of()));
        agents = records.stream().map(r -> r.email()).toList();
    }

    @AfterAll
    static void stop() {
        if (db != null) db.close();
    }

    @BeforeEach
    void empty() {
        db.dsl().truncate(RESPONDER_MAIL, RESPONDER_REPLY, RESPONDER_AGENT, RESPONDER_POLICY, IMAP_CHECKPOINT, INBOUND_MESSAGE).execute();
    }

    /** Each process on a host of its own, so only leases (never process ids) decide who may take an entry over. */
    @Override
    public ReplyQueue queue(String name) {
        return new JooqReplyQueue(db.dsl(), clock, new JooqJobStore.Holder("host-" + name, 1));
    }

    @Override
    public ReplyStore replies() {
        return db.replyStore();
    }

    @Override
    public ResponderRoster roster() {
        return db.responderRoster();
    }

    @Override
    public UidCheckpoints checkpoints() {
        return db.uidCheckpoints();
    }

    @Override
    public MailErasure erasure() {
        return db.mailErasure();
    }

    /** The erasure looks at envelopes only: the box stands for the sealed content the application writes. */
    @Override
    public void keepInbound(InboundMessage message) {
        db.inboundMessages().deliver(new InboundMessageStore.Sealed(message.messageId(), message.recipient(), message.sender(),
                message.source(), message.receivedAt(), message.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Override
    public List<InboundMessage> inbound(String recipient) {
        return db.inboundMessages().messages(recipient, 100).stream().map(k -> new InboundMessage(k.messageId(), k.recipient(),
                k.sender(), null, k.source(), "", k.receivedAt())).toList();
    }

    @Override
    public SettableClock clock() {
        return clock;
    }

    @Override
    public String population() {
        return spec.populationId().toString();
    }

    @Override
    public List<String> agents() {
        return agents;
    }

    @Test
    void anEntryHeldByAProcessThatEndedOnThisHostIsTakenOverAtOnce() throws Exception {
        String here = JooqJobStore.Holder.CURRENT.host();
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        ReplyQueue dead = new JooqReplyQueue(db.dsl(), clock, new JooqJobStore.Holder(here, p.pid()));
        long orphan = dead.enqueue(new ReplyQueue.NewMail(agents.get(0), population(), "orphan", "imap", "orphan", SENDER,
                new byte[] {1}, clock.instant())).orElseThrow().id();
        dead.claim(1, LEASE);

        ReplyQueue next = db.replyQueue();
        assertThat(next.claim(5, LEASE)).extracting(c -> c.entry().id()).containsExactly(orphan);
        assertThat(next.claim(5, LEASE)).as("now held by a live process here").isEmpty();
    }

    @Test
    void thePolicyIsStoredAsReadableJsonAndAnOlderDocumentTakesTheDefaultsForWhatItLacks() {
        roster().setPolicy(population(), net.azt3knet.domain.responder.ReplyPolicy.DEFAULT);
        String json = db.dsl().select(RESPONDER_POLICY.POLICY).from(RESPONDER_POLICY).fetchOne().value1().data();
        assertThat(json).contains("\"mode\": \"review\"").contains("\"oncePer\": \"PT24H\"");

        db.dsl().update(RESPONDER_POLICY).set(RESPONDER_POLICY.POLICY, JSONB.valueOf("{\"mode\": \"auto\", \"threadCap\": 2}")).execute();
        var read = roster().policy(population()).orElseThrow();
        assertThat(read.mode()).isEqualTo(net.azt3knet.domain.responder.ReplyMode.AUTO);
        assertThat(read.threadCap()).isEqualTo(2);
        assertThat(read.perHour()).isEqualTo(net.azt3knet.domain.responder.ReplyPolicy.DEFAULT.perHour());
    }

    @Test
    void aPopulationThatIsNotAnIdIsRefusedNamingIt() {
        assertThatThrownBy(() -> roster().policy("not-an-id")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'not-an-id' is not a population id");
    }
}
