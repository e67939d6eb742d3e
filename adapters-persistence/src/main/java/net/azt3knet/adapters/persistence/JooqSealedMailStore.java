package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.INBOUND_MESSAGE;
import static net.azt3knet.adapters.persistence.jooq.Tables.RESPONDER_MAIL;
import static net.azt3knet.adapters.persistence.jooq.Tables.RESPONDER_REPLY;
import static net.azt3knet.adapters.persistence.jooq.Tables.SMTP_SPOOL;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import net.azt3knet.ports.out.store.SealedMailStore;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * {@link SealedMailStore} on {@code smtp_spool} (its sealed rows), {@code inbound_message} (rows with a box),
 * {@code responder_mail} and {@code responder_reply}. A page is cut where the boxes' lengths add up to the byte budget,
 * counted by the database from the stored lengths, so a page of large messages is never read whole to be cut.
 */
final class JooqSealedMailStore implements SealedMailStore {

    /** One place's table, its id and box columns, and which of its rows hold a box. */
    private record Columns(Table<?> table, Field<Long> id, Field<byte[]> content, Condition boxed, String name) {
    }

    private final DSLContext dsl;

    JooqSealedMailStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    private static Columns columns(Place place) {
        return switch (place) {
            case SPOOL -> new Columns(SMTP_SPOOL, SMTP_SPOOL.ID, SMTP_SPOOL.CONTENT, SMTP_SPOOL.SEALED.isTrue(), "spooled messages");
            case MAILBOX -> new Columns(INBOUND_MESSAGE, INBOUND_MESSAGE.ID, INBOUND_MESSAGE.CONTENT, INBOUND_MESSAGE.CONTENT.isNotNull(),
                    "the agents' mail");
            case RESPONDER_MAIL -> new Columns(RESPONDER_MAIL, RESPONDER_MAIL.ID, RESPONDER_MAIL.CONTENT, DSL.noCondition(),
                    "the responder's mail");
            case RESPONDER_REPLY -> new Columns(RESPONDER_REPLY, RESPONDER_REPLY.ID, RESPONDER_REPLY.CONTENT, DSL.noCondition(),
                    "the responder's replies");
        };
    }

    @Override
    public List<Box> boxes(Place place, long after, int limit, long maxBytes) {
        if (limit < 1 || maxBytes < 1) throw new IllegalArgumentException("a page holds at least one box of at least one byte");
        Columns c = columns(place);
        Field<Integer> length = DSL.field("octet_length({0})", Integer.class, c.content()); // of the stored value: not detoasted
        Field<BigDecimal> before = DSL.sum(length).over(DSL.orderBy(c.id())).minus(length).as("before");
        Table<?> page = DSL.select(c.id().as("id"), c.content().as("content"), before).from(c.table())
                .where(c.boxed().and(c.id().gt(after))).orderBy(c.id()).limit(limit).asTable("page");
        Field<Long> id = page.field("id", Long.class);
        return Translate.errors("read " + c.name() + " to re-encrypt", () -> dsl.select(id, page.field("content", byte[].class))
                .from(page).where(page.field("before", BigDecimal.class).lt(BigDecimal.valueOf(maxBytes))).orderBy(id)
                .fetch(r -> new Box(r.value1(), r.value2())));
    }

    @Override
    public int replace(Place place, List<Replacement> replacements) {
        if (replacements.isEmpty()) return 0;
        Columns c = columns(place);
        return Translate.errors("re-encrypt " + c.name(), () -> dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            // one prepared statement bound once a row, the boxes as parameters (never inlined into the SQL)
            BatchBindStep batch = tx.batch(tx.update(c.table()).set(c.content(), (byte[]) null)
                    .where(c.id().eq((Long) null).and(c.content().eq((byte[]) null))));
            for (Replacement r : replacements) batch = batch.bind(r.next(), r.id(), r.was());
            return Arrays.stream(batch.execute()).sum();
        }));
    }
}
