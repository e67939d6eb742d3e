package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.INBOUND_MESSAGE;
import static net.azt3knet.adapters.persistence.jooq.Tables.RESPONDER_MAIL;
import static net.azt3knet.adapters.persistence.jooq.Tables.RESPONDER_REPLY;
import static net.azt3knet.adapters.persistence.jooq.Tables.SMTP_SPOOL;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.out.inbound.InboundMessageStore.Sealed;
import net.azt3knet.ports.out.responder.ReplyQueue.NewMail;
import net.azt3knet.ports.out.responder.ReplyStore.NewReply;
import net.azt3knet.ports.out.responder.ReplyStore.State;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.store.SealedMailStore;
import net.azt3knet.ports.out.store.SealedMailStore.Box;
import net.azt3knet.ports.out.store.SealedMailStore.Place;
import net.azt3knet.testkit.contracts.MessageSpoolContract;
import net.azt3knet.testkit.contracts.SealedMailStoreContract;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sealed mail of the four tables on embedded PostgreSQL, each row written through its own table's store. */
class JooqSealedMailStoreIT implements SealedMailStoreContract {

    private static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");
    private static PostgresPersistence db;
    private static String agent;
    private static String population;
    private final AtomicInteger messages = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        db = PostgresPersistence.start(TestDatabases.fresh("sealed-mail"), Clock.systemUTC());
        PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(1, "sealed-mail-store");
        var records = StoreFixtures.agentsOf(spec);
        db.populations().save(StoreFixtures.aHeader(spec, AT), StoreFixtures.feedOf(records, 1),
                AuditEvent.ok("test", "population.persist", "population:" + spec.populationId(), Map.of()));
        agent = records.getFirst().email();
        population = spec.populationId().toString();
    }

    @AfterAll
    static void stop() {
        if (db != null) db.close();
    }

    @BeforeEach
    void empty() {
        db.dsl().truncate(SMTP_SPOOL).execute();
        db.dsl().truncate(INBOUND_MESSAGE).execute();
        db.dsl().truncate(RESPONDER_REPLY).execute();
        db.dsl().truncate(RESPONDER_MAIL).execute();
    }

    @Override
    public SealedMailStore store() {
        return db.sealedMail();
    }

    @Override
    public long keep(Place place, byte[] box) {
        String id = "<" + messages.incrementAndGet() + "@sealed.example>";
        return switch (place) {
            case SPOOL -> db.messageSpool().storeSealed(MessageSpoolContract.anEnvelope("x@example.net"), box, box.length).value();
            case MAILBOX -> {
                db.inboundMessages().deliver(new Sealed(id, agent, "ana@outside.example", "smtp", AT, box));
                yield db.dsl().select(INBOUND_MESSAGE.ID).from(INBOUND_MESSAGE).where(INBOUND_MESSAGE.MESSAGE_ID.eq(id)).fetchSingle().value1();
            }
            case RESPONDER_MAIL -> db.replyQueue().enqueue(new NewMail(agent, population, id, "smtp", id, "h".repeat(64), box, AT))
                    .orElseThrow().id();
            case RESPONDER_REPLY -> db.replyStore().add(new NewReply(1, agent, population, "r".repeat(64), id, "Re: hello",
                    State.DRAFT, 10, box, Optional.empty(), AT)).id();
        };
    }

    @Override
    public void keepClear(Place place, byte[] content) {
        switch (place) {
            case SPOOL -> db.messageSpool().store(MessageSpoolContract.anEnvelope("x@example.net"), content);
            case MAILBOX -> db.dsl().execute("INSERT INTO inbound_message (message_id, recipient, sender, subject, source, payload,"
                    + " received_at) VALUES (?, ?, 'ana@outside.example', 'hello', 'smtp', ?, now())",
                    "<clear" + messages.incrementAndGet() + "@x>", agent, new String(content, java.nio.charset.StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException(place + " keeps nothing in the clear");
        }
    }

    @Override
    public void delete(Place place, long id) {
        switch (place) {
            case SPOOL -> db.messageSpool().delete(new QueueId(id));
            case MAILBOX -> db.dsl().deleteFrom(INBOUND_MESSAGE).where(INBOUND_MESSAGE.ID.eq(id)).execute();
            case RESPONDER_MAIL -> db.replyQueue().drop(id);
            case RESPONDER_REPLY -> db.dsl().deleteFrom(RESPONDER_REPLY).where(RESPONDER_REPLY.ID.eq(id)).execute();
        }
    }

    @Test
    void aReplacementKeepsEveryOtherColumnOfTheRow() {
        long id = keep(Place.SPOOL, new byte[] {1, 2, 3});
        var before = db.dsl().selectFrom(SMTP_SPOOL).where(SMTP_SPOOL.ID.eq(id)).fetchSingle();
        assertThat(store().replace(Place.SPOOL, List.of(new SealedMailStore.Replacement(id, new byte[] {1, 2, 3}, new byte[] {9, 9}))))
                .isEqualTo(1);
        var after = db.dsl().selectFrom(SMTP_SPOOL).where(SMTP_SPOOL.ID.eq(id)).fetchSingle();
        assertThat(after.getContent()).containsExactly(9, 9);
        assertThat(after.getSealed()).isTrue();
        assertThat(after.getSize()).as("the size in the clear").isEqualTo(before.getSize());
        assertThat(after.getState()).isEqualTo(before.getState());
        assertThat(after.getUpdatedAt()).isEqualTo(before.getUpdatedAt());
    }

    @Test
    void aPageOfLargeMessagesIsCutByTheDatabaseNotAfterReadingThemAll() {
        byte[] large = new byte[3 << 20];
        for (int i = 0; i < 4; i++) keep(Place.SPOOL, large);
        List<Box> page = store().boxes(Place.SPOOL, 0, 100, 8 << 20);
        assertThat(page).hasSize(3);
        assertThat(store().boxes(Place.SPOOL, page.getLast().id(), 100, 8 << 20)).hasSize(1);
    }
}
