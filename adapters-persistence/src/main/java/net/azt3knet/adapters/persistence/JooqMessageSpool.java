package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.SMTP_SPOOL;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.azt3knet.adapters.persistence.JooqJobStore.Holder;
import net.azt3knet.adapters.persistence.jooq.tables.records.SmtpSpoolRecord;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.MessageSpoolException;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpoolEntry;
import net.azt3knet.ports.out.spool.SpoolQuery;
import net.azt3knet.ports.out.spool.SpoolState;
import net.azt3knet.ports.out.spool.SpooledMessage;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * {@link MessageSpool} on the {@code smtp_spool} table, claimed the way {@link JooqJobQueue} claims jobs: candidate
 * rows locked {@code FOR UPDATE SKIP LOCKED} (processes claiming at once never wait for each other nor take the same
 * message), a lease naming its {@link Holder}, and only the holder may move a message on. A store is one INSERT in its
 * own transaction: when it returns, the row is committed (the pool runs with {@code synchronous_commit} on).
 */
final class JooqMessageSpool implements MessageSpool {

    private static final List<String> OPEN = List.of(word(SpoolState.QUEUED), word(SpoolState.DEFERRED));

    /** The columns a listing reads: all but the content. */
    private static final List<Field<?>> ENTRY_FIELDS = List.<Field<?>>of(SMTP_SPOOL.fields()).stream()
            .filter(f -> !f.equals(SMTP_SPOOL.CONTENT)).toList();

    private final DSLContext dsl;
    private final Clock clock;
    private final Holder self;

    JooqMessageSpool(DSLContext dsl, Clock clock, Holder self) {
        this.dsl = dsl;
        this.clock = clock;
        this.self = self;
    }

    private static String word(SpoolState s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private static SpoolState state(String word) {
        return SpoolState.valueOf(word.toUpperCase(Locale.ROOT));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static <T> T errors(String doing, Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw new MessageSpoolException("cannot " + doing + ": " + Translate.reason(e), e);
        }
    }

    private Condition heldHere(QueueId id) {
        return SMTP_SPOOL.ID.eq(id.value()).and(SMTP_SPOOL.LEASE_HOST.eq(self.host())).and(SMTP_SPOOL.LEASE_PID.eq(self.pid()))
                .and(SMTP_SPOOL.STATE.in(word(SpoolState.QUEUED), word(SpoolState.DEFERRED), word(SpoolState.SENDING)));
    }

    @Override
    public QueueId store(Envelope envelope, byte[] content) {
        return insert(envelope, content, false, content.length);
    }

    @Override
    public QueueId storeSealed(Envelope envelope, byte[] sealed, int size) {
        return insert(envelope, sealed, true, size);
    }

    private QueueId insert(Envelope envelope, byte[] content, boolean sealed, int size) {
        OffsetDateTime now = now();
        return errors("spool a message", () -> new QueueId(dsl.insertInto(SMTP_SPOOL)
                .set(SMTP_SPOOL.STATE, word(SpoolState.QUEUED)).set(SMTP_SPOOL.REVERSE_PATH, envelope.reversePath())
                .set(SMTP_SPOOL.RECIPIENTS, envelope.recipients().toArray(String[]::new))
                .set(SMTP_SPOOL.SUBMITTER, envelope.submitter().orElse(null)).set(SMTP_SPOOL.CLIENT, envelope.client())
                .set(SMTP_SPOOL.HELO, envelope.helo()).set(SMTP_SPOOL.CONTENT, content).set(SMTP_SPOOL.SEALED, sealed).set(SMTP_SPOOL.SIZE, size)
                .set(SMTP_SPOOL.CREATED_AT, now).set(SMTP_SPOOL.UPDATED_AT, now)
                .returningResult(SMTP_SPOOL.ID).fetchOne().value1()));
    }

    @Override
    public List<SpooledMessage> claim(int max, Duration lease) {
        if (max <= 0) throw new IllegalArgumentException("claim at least one message, not " + max);
        return errors("claim spooled messages", () -> dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            OffsetDateTime now = now();
            Condition mayTake = self.mayTake(SMTP_SPOOL.LEASE_UNTIL, SMTP_SPOOL.LEASE_HOST, now);
            Condition due = SMTP_SPOOL.NEXT_ATTEMPT_AT.isNull().or(SMTP_SPOOL.NEXT_ATTEMPT_AT.le(now));
            List<SmtpSpoolRecord> candidates = tx.selectFrom(SMTP_SPOOL)
                    .where(SMTP_SPOOL.STATE.in(OPEN).and(due).and(mayTake))
                    .or(SMTP_SPOOL.STATE.eq(word(SpoolState.SENDING)).and(mayTake))
                    .orderBy(SMTP_SPOOL.ID).limit(max + Holder.EXTRA_CANDIDATES).forUpdate().skipLocked().fetch();
            List<SmtpSpoolRecord> taken = self.claimable(candidates, max, SMTP_SPOOL.LEASE_UNTIL, SMTP_SPOOL.LEASE_HOST,
                    SMTP_SPOOL.LEASE_PID, now);
            if (taken.isEmpty()) return List.of();
            OffsetDateTime until = now.plus(lease);
            // one statement for the round, not one per message: the rows are locked by this transaction already
            tx.update(SMTP_SPOOL).set(SMTP_SPOOL.LEASE_UNTIL, until).set(SMTP_SPOOL.LEASE_HOST, self.host())
                    .set(SMTP_SPOOL.LEASE_PID, self.pid()).set(SMTP_SPOOL.UPDATED_AT, now)
                    .where(SMTP_SPOOL.ID.in(taken.stream().map(SmtpSpoolRecord::getId).toList())).execute();
            List<SpooledMessage> claimed = new ArrayList<>(taken.size());
            for (SmtpSpoolRecord r : taken) {
                r.setLeaseUntil(until);
                r.setLeaseHost(self.host());
                r.setLeasePid(self.pid());
                r.setUpdatedAt(now);
                claimed.add(new SpooledMessage(entry(r), r.getContent(), r.getSealed()));
            }
            return claimed;
        }));
    }

    @Override
    public boolean markSending(QueueId id) {
        OffsetDateTime now = now();
        return errors("record an attempt for message " + id, () -> dsl.update(SMTP_SPOOL)
                .set(SMTP_SPOOL.STATE, word(SpoolState.SENDING)).set(SMTP_SPOOL.ATTEMPTS, SMTP_SPOOL.ATTEMPTS.plus(1))
                .set(SMTP_SPOOL.UPDATED_AT, now).where(heldHere(id)).execute() == 1);
    }

    @Override
    public boolean markSent(QueueId id, String providerMessageId) {
        OffsetDateTime now = now();
        return errors("mark message " + id + " sent", () -> dsl.update(SMTP_SPOOL)
                .set(SMTP_SPOOL.STATE, word(SpoolState.SENT)).set(SMTP_SPOOL.PROVIDER_MESSAGE_ID, providerMessageId)
                .setNull(SMTP_SPOOL.LEASE_UNTIL).setNull(SMTP_SPOOL.NEXT_ATTEMPT_AT).set(SMTP_SPOOL.FINISHED_AT, now)
                .set(SMTP_SPOOL.UPDATED_AT, now).where(heldHere(id)).execute() == 1);
    }

    @Override
    public boolean markDeferred(QueueId id, Instant nextAttempt, String reason) {
        OffsetDateTime now = now();
        return errors("defer message " + id, () -> dsl.update(SMTP_SPOOL)
                .set(SMTP_SPOOL.STATE, word(SpoolState.DEFERRED)).set(SMTP_SPOOL.NEXT_ATTEMPT_AT, nextAttempt.atOffset(ZoneOffset.UTC))
                .set(SMTP_SPOOL.LAST_ERROR, reason).setNull(SMTP_SPOOL.LEASE_UNTIL).set(SMTP_SPOOL.UPDATED_AT, now)
                .where(heldHere(id)).execute() == 1);
    }

    @Override
    public boolean markBounced(QueueId id, String reason) {
        OffsetDateTime now = now();
        return errors("bounce message " + id, () -> dsl.update(SMTP_SPOOL)
                .set(SMTP_SPOOL.STATE, word(SpoolState.BOUNCED)).set(SMTP_SPOOL.LAST_ERROR, reason)
                .setNull(SMTP_SPOOL.LEASE_UNTIL).setNull(SMTP_SPOOL.NEXT_ATTEMPT_AT).set(SMTP_SPOOL.FINISHED_AT, now)
                .set(SMTP_SPOOL.UPDATED_AT, now).where(heldHere(id)).execute() == 1);
    }

    @Override
    public Optional<SpooledMessage> find(QueueId id) {
        return errors("read message " + id, () -> dsl.selectFrom(SMTP_SPOOL).where(SMTP_SPOOL.ID.eq(id.value())).fetchOptional()
                .map(r -> new SpooledMessage(entry(r), r.getContent(), r.getSealed())));
    }

    /** The SQL form of {@code query}; addresses compared in lower case, as RCPT and MAIL FROM are case-insensitive in practice. */
    private static Condition where(SpoolQuery query) {
        Condition where = DSL.noCondition();
        if (query.state().isPresent()) where = where.and(SMTP_SPOOL.STATE.eq(word(query.state().get())));
        if (query.sender().isPresent()) where = where.and(DSL.lower(SMTP_SPOOL.REVERSE_PATH).eq(query.sender().get().toLowerCase(Locale.ROOT)));
        if (query.recipient().isPresent()) {
            // ILIKE ANY: case-insensitive against each element; the address's own LIKE wildcards (_ is common) escaped
            String literal = query.recipient().get().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            where = where.and(DSL.condition("{0} ILIKE ANY ({1})", DSL.val(literal), SMTP_SPOOL.RECIPIENTS));
        }
        if (query.createdBefore().isPresent()) where = where.and(SMTP_SPOOL.CREATED_AT.lt(query.createdBefore().get().atOffset(ZoneOffset.UTC)));
        return where;
    }

    @Override
    public List<SpoolEntry> list(SpoolQuery query, QueueId before, int limit) {
        Condition page = before == null ? where(query) : where(query).and(SMTP_SPOOL.ID.lt(before.value()));
        return errors("list the spool", () -> dsl.select(ENTRY_FIELDS).from(SMTP_SPOOL).where(page).orderBy(SMTP_SPOOL.ID.desc())
                .limit(limit).fetch(r -> entry(r.into(SMTP_SPOOL))));
    }

    @Override
    public long count(SpoolQuery query) {
        return errors("count the spool", () -> (long) dsl.fetchCount(SMTP_SPOOL, where(query)));
    }

    @Override
    public Optional<SpoolEntry> change(QueueId id, Change change) {
        OffsetDateTime now = now();
        List<String> from = switch (change) {
            case HOLD -> OPEN;
            case RELEASE -> List.of(word(SpoolState.HELD));
            case RETRY -> List.of(word(SpoolState.QUEUED), word(SpoolState.DEFERRED), word(SpoolState.HELD));
        };
        SpoolState to = change == Change.HOLD ? SpoolState.HELD : SpoolState.QUEUED;
        return errors("change message " + id, () -> {
            // Clearing the lease takes the message from a worker that claimed it but has not recorded an attempt yet:
            // its markSending then finds the lease lost.
            dsl.update(SMTP_SPOOL).set(SMTP_SPOOL.STATE, word(to)).setNull(SMTP_SPOOL.NEXT_ATTEMPT_AT).setNull(SMTP_SPOOL.LEASE_UNTIL)
                    .setNull(SMTP_SPOOL.LEASE_HOST).setNull(SMTP_SPOOL.LEASE_PID).set(SMTP_SPOOL.UPDATED_AT, now)
                    .where(SMTP_SPOOL.ID.eq(id.value()).and(SMTP_SPOOL.STATE.in(from))).execute();
            return dsl.select(ENTRY_FIELDS).from(SMTP_SPOOL).where(SMTP_SPOOL.ID.eq(id.value())).fetchOptional(r -> entry(r.into(SMTP_SPOOL)));
        });
    }

    @Override
    public boolean delete(QueueId id) {
        return errors("delete message " + id, () -> dsl.deleteFrom(SMTP_SPOOL)
                .where(SMTP_SPOOL.ID.eq(id.value()).and(SMTP_SPOOL.STATE.ne(word(SpoolState.SENDING)))).execute() == 1);
    }

    @Override
    public long purge(SpoolQuery query) {
        return errors("purge the spool", () -> (long) dsl.deleteFrom(SMTP_SPOOL)
                .where(where(query).and(SMTP_SPOOL.STATE.ne(word(SpoolState.SENDING)))).execute());
    }

    @Override
    public Optional<Instant> oldest(SpoolState state) {
        return errors("read the spool's oldest message", () -> Optional.ofNullable(dsl.select(DSL.min(SMTP_SPOOL.CREATED_AT)).from(SMTP_SPOOL)
                .where(SMTP_SPOOL.STATE.eq(word(state))).fetchOne().value1()).map(OffsetDateTime::toInstant));
    }

    @Override
    public Map<SpoolState, Long> counts() {
        Map<SpoolState, Long> counts = new EnumMap<>(SpoolState.class);
        for (SpoolState s : SpoolState.values()) counts.put(s, 0L);
        errors("count the spool", () -> dsl.select(SMTP_SPOOL.STATE, DSL.count()).from(SMTP_SPOOL).groupBy(SMTP_SPOOL.STATE).fetch())
                .forEach(r -> counts.put(state(r.value1()), (long) r.value2()));
        return counts;
    }

    @Override
    public Waiting waiting() {
        var r = errors("measure the spool", () -> dsl.select(DSL.count(), DSL.coalesce(DSL.sum(SMTP_SPOOL.SIZE), java.math.BigDecimal.ZERO))
                .from(SMTP_SPOOL)
                // IN, not NOT IN: the (state, id) index then reads only the unsent rows, not a table of sent history
                .where(SMTP_SPOOL.STATE.in(word(SpoolState.QUEUED), word(SpoolState.SENDING), word(SpoolState.DEFERRED), word(SpoolState.HELD)))
                .fetchOne());
        return new Waiting(r.value1(), r.value2().longValue());
    }

    private static SpoolEntry entry(SmtpSpoolRecord r) {
        Envelope envelope = new Envelope(r.getReversePath(), List.of(r.getRecipients()), Optional.ofNullable(r.getSubmitter()),
                r.getClient(), r.getHelo());
        Optional<String> holder = r.getLeaseHost() == null ? Optional.empty() : Optional.of(r.getLeaseHost() + "/" + r.getLeasePid());
        return new SpoolEntry(new QueueId(r.getId()), envelope, state(r.getState()), r.getSize(), r.getAttempts(),
                r.getCreatedAt().toInstant(), r.getUpdatedAt().toInstant(),
                Optional.ofNullable(r.getNextAttemptAt()).map(OffsetDateTime::toInstant), Optional.ofNullable(r.getProviderMessageId()),
                Optional.ofNullable(r.getLastError()), holder);
    }
}
