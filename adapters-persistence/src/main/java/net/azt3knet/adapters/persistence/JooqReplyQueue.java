package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.RESPONDER_MAIL;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.adapters.persistence.JooqJobStore.Holder;
import net.azt3knet.adapters.persistence.jooq.tables.records.ResponderMailRecord;
import net.azt3knet.ports.out.responder.ReplyQueue;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * {@link ReplyQueue} on the {@code responder_mail} table, claimed as {@link JooqMessageSpool} claims: candidate rows
 * locked {@code FOR UPDATE SKIP LOCKED}, a lease naming its {@link Holder}, and only the holder may end an entry.
 */
final class JooqReplyQueue implements ReplyQueue {

    /** The columns an entry reads: all but the content. */
    private static final List<Field<?>> ENTRY_FIELDS = List.<Field<?>>of(RESPONDER_MAIL.fields()).stream()
            .filter(f -> !f.equals(RESPONDER_MAIL.CONTENT)).toList();

    private final DSLContext dsl;
    private final Clock clock;
    private final Holder self;

    JooqReplyQueue(DSLContext dsl, Clock clock, Holder self) {
        this.dsl = dsl;
        this.clock = clock;
        this.self = self;
    }

    private static String word(State s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private static State state(String word) {
        return State.valueOf(word.toUpperCase(Locale.ROOT));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private Condition heldHere(long id) {
        return RESPONDER_MAIL.ID.eq(id).and(RESPONDER_MAIL.STATE.eq(word(State.PROCESSING)))
                .and(RESPONDER_MAIL.LEASE_HOST.eq(self.host())).and(RESPONDER_MAIL.LEASE_PID.eq(self.pid()));
    }

    @Override
    public Optional<Entry> enqueue(NewMail m) {
        return Translate.errors("queue a message for " + m.agent(), () -> dsl.insertInto(RESPONDER_MAIL)
                .set(RESPONDER_MAIL.AGENT, m.agent()).set(RESPONDER_MAIL.POPULATION_ID, ResponderIds.population(m.population()))
                .set(RESPONDER_MAIL.MESSAGE_ID, m.messageId()).set(RESPONDER_MAIL.SOURCE, m.source())
                .set(RESPONDER_MAIL.THREAD_ID, m.threadId()).set(RESPONDER_MAIL.SENDER_HASH, m.senderHash())
                .set(RESPONDER_MAIL.STATE, word(State.PENDING)).set(RESPONDER_MAIL.CONTENT, m.content())
                .set(RESPONDER_MAIL.RECEIVED_AT, m.receivedAt().atOffset(ZoneOffset.UTC))
                .onConflict(RESPONDER_MAIL.AGENT, RESPONDER_MAIL.MESSAGE_ID).doNothing()
                .returningResult(ENTRY_FIELDS).fetchOptional(r -> entry(r.into(RESPONDER_MAIL))));
    }

    @Override
    public List<Claimed> claim(int max, Duration lease) {
        if (max <= 0) throw new IllegalArgumentException("claim at least one message, not " + max);
        return Translate.errors("claim queued messages", () -> dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            OffsetDateTime now = now();
            Condition due = RESPONDER_MAIL.NEXT_ATTEMPT_AT.isNull().or(RESPONDER_MAIL.NEXT_ATTEMPT_AT.le(now));
            List<ResponderMailRecord> candidates = tx.selectFrom(RESPONDER_MAIL)
                    .where(RESPONDER_MAIL.STATE.eq(word(State.PENDING)).and(due))
                    .or(RESPONDER_MAIL.STATE.eq(word(State.PROCESSING))
                            .and(self.mayTake(RESPONDER_MAIL.LEASE_UNTIL, RESPONDER_MAIL.LEASE_HOST, now)))
                    .orderBy(RESPONDER_MAIL.ID).limit(max + Holder.EXTRA_CANDIDATES).forUpdate().skipLocked().fetch();
            List<ResponderMailRecord> taken = self.claimable(candidates, max, RESPONDER_MAIL.LEASE_UNTIL,
                    RESPONDER_MAIL.LEASE_HOST, RESPONDER_MAIL.LEASE_PID, now);
            if (taken.isEmpty()) return List.of();
            // one statement for the round: the rows are locked by this transaction already
            return tx.update(RESPONDER_MAIL).set(RESPONDER_MAIL.STATE, word(State.PROCESSING))
                    .set(RESPONDER_MAIL.ATTEMPTS, RESPONDER_MAIL.ATTEMPTS.plus(1)).set(RESPONDER_MAIL.LAST_ATTEMPT_AT, now)
                    .set(RESPONDER_MAIL.LEASE_UNTIL, now.plus(lease)).set(RESPONDER_MAIL.LEASE_HOST, self.host())
                    .set(RESPONDER_MAIL.LEASE_PID, self.pid())
                    .where(RESPONDER_MAIL.ID.in(taken.stream().map(ResponderMailRecord::getId).toList()))
                    .returning().fetch().stream().sorted(Comparator.comparing(ResponderMailRecord::getId))
                    .map(r -> new Claimed(entry(r), r.getContent())).toList();
        }));
    }

    @Override
    public boolean complete(long id, String outcome, String detail) {
        return Translate.errors("complete queued message " + id, () -> dsl.update(RESPONDER_MAIL)
                .set(RESPONDER_MAIL.STATE, word(State.COMPLETED)).set(RESPONDER_MAIL.OUTCOME, outcome)
                .set(RESPONDER_MAIL.DETAIL, detail).setNull(RESPONDER_MAIL.NEXT_ATTEMPT_AT)
                .setNull(RESPONDER_MAIL.LEASE_UNTIL).setNull(RESPONDER_MAIL.LEASE_HOST).setNull(RESPONDER_MAIL.LEASE_PID)
                .where(heldHere(id)).execute() == 1);
    }

    @Override
    public boolean fail(long id, String detail, Optional<Instant> retryAt) {
        State to = retryAt.isPresent() ? State.PENDING : State.FAILED;
        return Translate.errors("record a failure of queued message " + id, () -> dsl.update(RESPONDER_MAIL)
                .set(RESPONDER_MAIL.STATE, word(to)).set(RESPONDER_MAIL.DETAIL, detail)
                .set(RESPONDER_MAIL.NEXT_ATTEMPT_AT, retryAt.map(t -> t.atOffset(ZoneOffset.UTC)).orElse(null))
                .setNull(RESPONDER_MAIL.LEASE_UNTIL).setNull(RESPONDER_MAIL.LEASE_HOST).setNull(RESPONDER_MAIL.LEASE_PID)
                .where(heldHere(id)).execute() == 1);
    }

    @Override
    public Optional<Entry> find(long id) {
        return Translate.errors("read queued message " + id, () -> dsl.select(ENTRY_FIELDS).from(RESPONDER_MAIL)
                .where(RESPONDER_MAIL.ID.eq(id)).fetchOptional(r -> entry(r.into(RESPONDER_MAIL))));
    }

    @Override
    public List<Entry> list(Filter filter) {
        Condition where = DSL.noCondition();
        if (filter.state().isPresent()) where = where.and(RESPONDER_MAIL.STATE.eq(word(filter.state().get())));
        if (filter.agent().isPresent()) where = where.and(RESPONDER_MAIL.AGENT.eq(filter.agent().get()));
        if (filter.population().isPresent()) {
            where = where.and(RESPONDER_MAIL.POPULATION_ID.eq(ResponderIds.population(filter.population().get())));
        }
        if (filter.before().isPresent()) where = where.and(RESPONDER_MAIL.ID.lt(filter.before().get()));
        Condition page = where;
        return Translate.errors("list the responder queue", () -> dsl.select(ENTRY_FIELDS).from(RESPONDER_MAIL).where(page)
                .orderBy(RESPONDER_MAIL.ID.desc()).limit(filter.limit()).fetch(r -> entry(r.into(RESPONDER_MAIL))));
    }

    @Override
    public boolean retry(long id) {
        return Translate.errors("retry queued message " + id, () -> dsl.update(RESPONDER_MAIL)
                .set(RESPONDER_MAIL.STATE, word(State.PENDING)).setNull(RESPONDER_MAIL.NEXT_ATTEMPT_AT)
                .where(RESPONDER_MAIL.ID.eq(id).and(RESPONDER_MAIL.STATE.ne(word(State.PROCESSING)))).execute() == 1);
    }

    @Override
    public boolean drop(long id) {
        return Translate.errors("drop queued message " + id, () -> dsl.deleteFrom(RESPONDER_MAIL)
                .where(RESPONDER_MAIL.ID.eq(id).and(RESPONDER_MAIL.STATE.ne(word(State.PROCESSING)))).execute() == 1);
    }

    @Override
    public List<Claimed> thread(String agent, String threadId, int limit) {
        return Translate.errors("read a thread of " + agent, () -> dsl.selectFrom(RESPONDER_MAIL)
                .where(RESPONDER_MAIL.AGENT.eq(agent).and(RESPONDER_MAIL.THREAD_ID.eq(threadId)))
                .orderBy(RESPONDER_MAIL.RECEIVED_AT, RESPONDER_MAIL.ID).limit(limit).fetch()
                .map(r -> new Claimed(entry(r), r.getContent())));
    }

    @Override
    public Map<State, Long> counts() {
        Map<State, Long> counts = new EnumMap<>(State.class);
        for (State s : State.values()) counts.put(s, 0L);
        Translate.errors("count the responder queue", () -> dsl.select(RESPONDER_MAIL.STATE, DSL.count()).from(RESPONDER_MAIL)
                .groupBy(RESPONDER_MAIL.STATE).fetch()).forEach(r -> counts.put(state(r.value1()), (long) r.value2()));
        return counts;
    }

    private static Entry entry(ResponderMailRecord r) {
        return new Entry(r.getId(), r.getAgent(), r.getPopulationId().toString(), r.getMessageId(), r.getSource(),
                r.getThreadId(), r.getSenderHash(), state(r.getState()), r.getAttempts(), instant(r.getLastAttemptAt()),
                instant(r.getNextAttemptAt()), Optional.ofNullable(r.getOutcome()), Optional.ofNullable(r.getDetail()),
                r.getReceivedAt().toInstant());
    }

    private static Optional<Instant> instant(OffsetDateTime t) {
        return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
    }
}
