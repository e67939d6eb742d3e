package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.RESPONDER_REPLY;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.azt3knet.adapters.persistence.jooq.tables.records.ResponderReplyRecord;
import net.azt3knet.domain.responder.ReplyCounts;
import net.azt3knet.ports.out.responder.ReplyStore;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link ReplyStore} on the {@code responder_reply} table. */
final class JooqReplyStore implements ReplyStore {

    /** What the caps count: a rejected draft was never sent. */
    private static final Condition SPENT = RESPONDER_REPLY.STATE.ne(word(State.REJECTED));

    private final DSLContext dsl;

    JooqReplyStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    private static String word(State s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Reply add(NewReply r) {
        // a reply added already sent (auto mode) is decided when written
        OffsetDateTime created = r.createdAt().atOffset(ZoneOffset.UTC);
        return Translate.errors("store a reply of " + r.agent(), () -> reply(dsl.insertInto(RESPONDER_REPLY)
                .set(RESPONDER_REPLY.MAIL_ID, r.mailId()).set(RESPONDER_REPLY.AGENT, r.agent())
                .set(RESPONDER_REPLY.POPULATION_ID, ResponderIds.population(r.population()))
                .set(RESPONDER_REPLY.RECIPIENT_HASH, r.recipientHash()).set(RESPONDER_REPLY.THREAD_ID, r.threadId())
                .set(RESPONDER_REPLY.SUBJECT, r.subject()).set(RESPONDER_REPLY.STATE, word(r.state()))
                .set(RESPONDER_REPLY.TOKENS, r.tokens()).set(RESPONDER_REPLY.CONTENT, r.content())
                .set(RESPONDER_REPLY.QUEUE_ID, r.queueId().orElse(null)).set(RESPONDER_REPLY.CREATED_AT, created)
                .set(RESPONDER_REPLY.DECIDED_AT, r.state() == State.DRAFT ? null : created)
                .returning().fetchOne()));
    }

    @Override
    public Optional<Reply> find(long id) {
        return Translate.errors("read reply " + id, () -> dsl.selectFrom(RESPONDER_REPLY).where(RESPONDER_REPLY.ID.eq(id))
                .fetchOptional().map(JooqReplyStore::reply));
    }

    @Override
    public List<Reply> list(Filter filter) {
        Condition where = DSL.noCondition();
        if (filter.state().isPresent()) where = where.and(RESPONDER_REPLY.STATE.eq(word(filter.state().get())));
        if (filter.agent().isPresent()) where = where.and(RESPONDER_REPLY.AGENT.eq(filter.agent().get()));
        if (filter.population().isPresent()) {
            where = where.and(RESPONDER_REPLY.POPULATION_ID.eq(ResponderIds.population(filter.population().get())));
        }
        if (filter.before().isPresent()) where = where.and(RESPONDER_REPLY.ID.lt(filter.before().get()));
        Condition page = where;
        return Translate.errors("list the replies", () -> dsl.selectFrom(RESPONDER_REPLY).where(page)
                .orderBy(RESPONDER_REPLY.ID.desc()).limit(filter.limit()).fetch().map(JooqReplyStore::reply));
    }

    @Override
    public boolean decide(long id, State to, Optional<String> queueId, Instant at) {
        if (to == State.DRAFT) throw new IllegalArgumentException("a reply is decided to REJECTED or SENT, not DRAFT");
        return Translate.errors("decide reply " + id, () -> dsl.update(RESPONDER_REPLY)
                .set(RESPONDER_REPLY.STATE, word(to))
                .set(RESPONDER_REPLY.QUEUE_ID, queueId.<org.jooq.Field<String>>map(DSL::val).orElse(RESPONDER_REPLY.QUEUE_ID))
                .set(RESPONDER_REPLY.DECIDED_AT, at.atOffset(ZoneOffset.UTC))
                .where(RESPONDER_REPLY.ID.eq(id).and(RESPONDER_REPLY.STATE.eq(word(State.DRAFT)))).execute() == 1);
    }

    @Override
    public ReplyCounts counts(String agent, String senderHash, String threadId, Instant now) {
        OffsetDateTime hourAgo = now.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC);
        OffsetDateTime midnight = now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        // one round trip; each count its own subquery so each reads its own index
        var r = Translate.errors("count the replies", () -> dsl.select(
                DSL.field(dsl.selectCount().from(RESPONDER_REPLY).where(RESPONDER_REPLY.RECIPIENT_HASH.eq(senderHash)
                        .and(RESPONDER_REPLY.CREATED_AT.gt(hourAgo)).and(SPENT))),
                DSL.field(dsl.selectCount().from(RESPONDER_REPLY).where(RESPONDER_REPLY.CREATED_AT.gt(hourAgo).and(SPENT))),
                DSL.field(dsl.select(DSL.max(RESPONDER_REPLY.CREATED_AT)).from(RESPONDER_REPLY).where(RESPONDER_REPLY.AGENT.eq(agent)
                        .and(RESPONDER_REPLY.RECIPIENT_HASH.eq(senderHash)).and(SPENT))),
                DSL.field(dsl.selectCount().from(RESPONDER_REPLY).where(RESPONDER_REPLY.THREAD_ID.eq(threadId).and(SPENT))),
                // tokens were spent whatever became of the reply: rejected drafts count here too
                DSL.field(dsl.select(DSL.coalesce(DSL.sum(RESPONDER_REPLY.TOKENS), java.math.BigDecimal.ZERO)).from(RESPONDER_REPLY)
                        .where(RESPONDER_REPLY.CREATED_AT.ge(midnight)))).fetchOne());
        return new ReplyCounts(r.value1(), r.value2(), Optional.ofNullable(r.value3()).map(OffsetDateTime::toInstant),
                r.value4(), r.value5().longValue());
    }

    private static Reply reply(ResponderReplyRecord r) {
        return new Reply(r.getId(), r.getMailId(), r.getAgent(), r.getPopulationId().toString(), r.getRecipientHash(),
                r.getThreadId(), r.getSubject(), State.valueOf(r.getState().toUpperCase(Locale.ROOT)), r.getTokens(),
                r.getContent(), Optional.ofNullable(r.getQueueId()), r.getCreatedAt().toInstant(),
                Optional.ofNullable(r.getDecidedAt()).map(OffsetDateTime::toInstant));
    }
}
