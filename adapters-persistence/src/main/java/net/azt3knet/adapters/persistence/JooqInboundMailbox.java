package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.AGENT;
import static net.azt3knet.adapters.persistence.jooq.Tables.INBOUND_MESSAGE;

import java.time.ZoneOffset;
import java.util.List;
import net.azt3knet.ports.out.inbound.InboundMailbox;
import org.jooq.DSLContext;

/** {@link InboundMailbox} on the {@code inbound_message} table, for the addresses of stored agents. */
final class JooqInboundMailbox implements InboundMailbox {

    private final DSLContext dsl;

    JooqInboundMailbox(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Delivery deliver(InboundMessage m) {
        return Translate.errors("store a message for " + m.recipient(), () -> {
            if (!dsl.fetchExists(AGENT, AGENT.EMAIL.eq(m.recipient()))) return Delivery.UNKNOWN_RECIPIENT;
            int inserted = dsl.insertInto(INBOUND_MESSAGE).set(INBOUND_MESSAGE.MESSAGE_ID, m.messageId())
                    .set(INBOUND_MESSAGE.RECIPIENT, m.recipient()).set(INBOUND_MESSAGE.SENDER, m.sender())
                    .set(INBOUND_MESSAGE.SUBJECT, m.subject()).set(INBOUND_MESSAGE.SOURCE, m.source())
                    .set(INBOUND_MESSAGE.PAYLOAD, m.payload()).set(INBOUND_MESSAGE.RECEIVED_AT, m.receivedAt().atOffset(ZoneOffset.UTC))
                    .onConflictDoNothing().execute();
            return inserted == 1 ? Delivery.STORED : Delivery.DUPLICATE;
        });
    }

    @Override
    public boolean knows(String address) {
        return Translate.errors("look up " + address, () -> dsl.fetchExists(AGENT, AGENT.EMAIL.eq(address)));
    }

    @Override
    public List<InboundMessage> messages(String recipient, int limit) {
        return Translate.errors("read the messages for " + recipient, () -> dsl.selectFrom(INBOUND_MESSAGE)
                .where(INBOUND_MESSAGE.RECIPIENT.eq(recipient)).orderBy(INBOUND_MESSAGE.ID.desc()).limit(limit).fetch()
                .map(r -> new InboundMessage(r.getMessageId(), r.getRecipient(), r.getSender(), r.getSubject(), r.getSource(),
                        r.getPayload(), r.getReceivedAt().toInstant())).reversed());
    }
}
