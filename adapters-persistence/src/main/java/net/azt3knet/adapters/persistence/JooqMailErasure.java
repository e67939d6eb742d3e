package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.AGENT;
import static net.azt3knet.adapters.persistence.jooq.Tables.INBOUND_MESSAGE;
import static net.azt3knet.adapters.persistence.jooq.Tables.RESPONDER_MAIL;
import static net.azt3knet.adapters.persistence.jooq.Tables.RESPONDER_REPLY;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import net.azt3knet.ports.out.responder.MailErasure;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * {@link MailErasure} on {@code inbound_message}, {@code responder_mail} and {@code responder_reply}; each erasure is
 * one transaction, so a failure leaves every table as it was.
 */
final class JooqMailErasure implements MailErasure {

    private final DSLContext dsl;

    JooqMailErasure(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Erased olderThan(String population, Instant cutoff) {
        UUID id = ResponderIds.population(population);
        OffsetDateTime before = cutoff.atOffset(ZoneOffset.UTC);
        return Translate.errors("erase the mail of population " + population + " older than " + cutoff,
                () -> dsl.transactionResult(cfg -> {
                    DSLContext tx = cfg.dsl();
                    int inbound = tx.deleteFrom(INBOUND_MESSAGE).where(INBOUND_MESSAGE.RECEIVED_AT.lt(before)
                            .and(INBOUND_MESSAGE.RECIPIENT.in(DSL.select(AGENT.EMAIL).from(AGENT).where(AGENT.POPULATION_ID.eq(id)))))
                            .execute();
                    int queued = tx.deleteFrom(RESPONDER_MAIL).where(RESPONDER_MAIL.POPULATION_ID.eq(id)
                            .and(RESPONDER_MAIL.RECEIVED_AT.lt(before))).execute();
                    int replies = tx.deleteFrom(RESPONDER_REPLY).where(RESPONDER_REPLY.POPULATION_ID.eq(id)
                            .and(RESPONDER_REPLY.CREATED_AT.lt(before))).execute();
                    return new Erased(inbound, queued, replies);
                }));
    }

    @Override
    public Erased address(String address, String addressHash) {
        String a = address.toLowerCase(Locale.ROOT);
        // the address itself stays out of the message: it is the personal data being erased
        return Translate.errors("erase the mail of address " + addressHash, () -> dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            int inbound = tx.deleteFrom(INBOUND_MESSAGE)
                    .where(DSL.lower(INBOUND_MESSAGE.SENDER).eq(a).or(DSL.lower(INBOUND_MESSAGE.RECIPIENT).eq(a))).execute();
            int queued = tx.deleteFrom(RESPONDER_MAIL).where(RESPONDER_MAIL.SENDER_HASH.eq(addressHash)).execute();
            int replies = tx.deleteFrom(RESPONDER_REPLY).where(RESPONDER_REPLY.RECIPIENT_HASH.eq(addressHash)).execute();
            return new Erased(inbound, queued, replies);
        }));
    }
}
