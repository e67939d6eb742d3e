package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.AGENT;
import static net.azt3knet.adapters.persistence.jooq.Tables.INBOUND_MESSAGE;

import java.time.ZoneOffset;
import java.util.List;
import net.azt3knet.adapters.persistence.jooq.tables.records.InboundMessageRecord;
import net.azt3knet.ports.out.inbound.InboundMailbox.Delivery;
import net.azt3knet.ports.out.inbound.InboundMessageStore;
import org.jooq.DSLContext;

/** {@link InboundMessageStore} on the {@code inbound_message} table, for the addresses of stored agents. */
final class JooqInboundMessageStore implements InboundMessageStore {

    private final DSLContext dsl;

    JooqInboundMessageStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Delivery deliver(Sealed m) {
        return Translate.errors("store a message for " + m.recipient(), () -> {
            if (!dsl.fetchExists(AGENT, AGENT.EMAIL.eq(m.recipient()))) return Delivery.UNKNOWN_RECIPIENT;
            int inserted = dsl.insertInto(INBOUND_MESSAGE).set(INBOUND_MESSAGE.MESSAGE_ID, m.messageId())
                    .set(INBOUND_MESSAGE.RECIPIENT, m.recipient()).set(INBOUND_MESSAGE.SENDER, m.sender())
                    .set(INBOUND_MESSAGE.SOURCE, m.source()).set(INBOUND_MESSAGE.CONTENT, m.box())
                    .set(INBOUND_MESSAGE.RECEIVED_AT, m.receivedAt().atOffset(ZoneOffset.UTC))
                    .onConflictDoNothing().execute();
            return inserted == 1 ? Delivery.STORED : Delivery.DUPLICATE;
        });
    }

    @Override
    public boolean knows(String address) {
        return Translate.errors("look up " + address, () -> dsl.fetchExists(AGENT, AGENT.EMAIL.eq(address)));
    }

    @Override
    public List<Kept> messages(String recipient, int limit) {
        return Translate.errors("read the messages for " + recipient, () -> dsl.selectFrom(INBOUND_MESSAGE)
                .where(INBOUND_MESSAGE.RECIPIENT.eq(recipient)).orderBy(INBOUND_MESSAGE.ID.desc()).limit(limit).fetch()
                .map(JooqInboundMessageStore::kept).reversed());
    }

    @Override
    public List<Kept> clear(int limit) {
        return Translate.errors("read the messages kept in the clear", () -> dsl.selectFrom(INBOUND_MESSAGE)
                .where(INBOUND_MESSAGE.CONTENT.isNull()).orderBy(INBOUND_MESSAGE.ID).limit(limit).fetch()
                .map(JooqInboundMessageStore::kept));
    }

    @Override
    public boolean seal(long id, byte[] box) {
        return Translate.errors("seal message " + id, () -> dsl.update(INBOUND_MESSAGE).set(INBOUND_MESSAGE.CONTENT, box)
                .setNull(INBOUND_MESSAGE.SUBJECT).setNull(INBOUND_MESSAGE.PAYLOAD)
                .where(INBOUND_MESSAGE.ID.eq(id).and(INBOUND_MESSAGE.CONTENT.isNull())).execute() == 1);
    }

    private static Kept kept(InboundMessageRecord r) {
        Content content = r.getContent() != null ? new Box(r.getContent()) : new Clear(r.getSubject(), r.getPayload());
        return new Kept(r.getId(), r.getMessageId(), r.getRecipient(), r.getSender(), r.getSource(), r.getReceivedAt().toInstant(),
                content);
    }
}
