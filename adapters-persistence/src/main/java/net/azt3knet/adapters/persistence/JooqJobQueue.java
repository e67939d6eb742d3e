package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.JOB;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.adapters.persistence.JooqJobStore.Holder;
import net.azt3knet.adapters.persistence.jooq.tables.records.JobRecord;
import net.azt3knet.ports.out.store.JobQueue;
import net.azt3knet.ports.out.store.JobState;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record1;

/**
 * {@link JobQueue} on the {@code job} table's rows that have a queue. Claims lock candidate rows with
 * {@code FOR UPDATE SKIP LOCKED}, so processes claiming at once never wait for each other nor take the same job; a
 * lease names its holder as {@link JooqJobStore}'s do, and only the holder may renew, finish or release it.
 * Documents are written and read by {@link JobJson}.
 */
final class JooqJobQueue implements JobQueue {

    /** Enough candidates that a few held by live processes on this host do not hide a claimable one behind them. */
    private static final int CANDIDATES = 16;

    /** A stored document, decoded when asked for. */
    private record JsonDocument(String json) implements Document {
        @Override
        public <T> T as(Class<T> type) {
            return JobJson.read(json, type);
        }
    }

    private final DSLContext dsl;
    private final Clock clock;
    private final Holder self;

    JooqJobQueue(DSLContext dsl, Clock clock, Holder self) {
        this.dsl = dsl;
        this.clock = clock;
        this.self = self;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private Condition heldHere(long id) {
        return JOB.ID.eq(id).and(JOB.STATE.eq(JobState.RUNNING.word())).and(JOB.LEASE_HOST.eq(self.host()))
                .and(JOB.LEASE_PID.eq(self.pid()));
    }

    @Override
    public QueuedJob submit(String queue, String kind, String target, String owner, Object request) {
        JSONB body = JobJson.jsonb(request);
        OffsetDateTime now = now();
        return Translate.errors("queue a " + kind + " job", () -> job(dsl.insertInto(JOB).set(JOB.QUEUE, queue).set(JOB.KIND, kind)
                .set(JOB.TARGET, target).set(JOB.OWNER, owner).set(JOB.STATE, JobState.QUEUED.word()).set(JOB.PAYLOAD, body)
                .set(JOB.ATTEMPTS, 0).set(JOB.CREATED_AT, now).set(JOB.UPDATED_AT, now).returning().fetchOne()));
    }

    @Override
    public Optional<QueuedJob> claim(String queue, Duration lease) {
        return Translate.errors("claim a job of queue " + queue, () -> dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            OffsetDateTime now = now();
            Condition waitOver = JOB.LEASE_UNTIL.isNull().or(JOB.LEASE_UNTIL.le(now));
            List<JobRecord> candidates = tx.selectFrom(JOB)
                    .where(JOB.QUEUE.eq(queue))
                    .and(JOB.STATE.eq(JobState.QUEUED.word()).and(waitOver)
                            .or(JOB.STATE.eq(JobState.RUNNING.word()).and(waitOver.or(JOB.LEASE_HOST.eq(self.host())))))
                    .orderBy(JOB.ID).limit(CANDIDATES).forUpdate().skipLocked().fetch();
            for (JobRecord r : candidates) {
                if (JobState.RUNNING.word().equals(r.getState()) && self.keptOutBy(r.getLeaseUntil(), r.getLeaseHost(), r.getLeasePid(), now)) {
                    continue; // a live process on this host holds it
                }
                if (r.getCancelRequested()) { // cancelled while its holder was gone: it ends here instead of running again
                    r.setState(JobState.CANCELLED.word());
                    r.setLeaseUntil(null);
                    r.setFinishedAt(now);
                    r.setUpdatedAt(now);
                    r.store();
                    continue;
                }
                r.setState(JobState.RUNNING.word());
                r.setAttempts(r.getAttempts() + 1);
                r.setLeaseUntil(now.plus(lease));
                r.setLeaseHost(self.host());
                r.setLeasePid(self.pid());
                r.setUpdatedAt(now);
                r.store();
                return Optional.of(job(r));
            }
            return Optional.<QueuedJob>empty();
        }));
    }

    @Override
    public Renewal renew(long id, long done, long total, Duration lease) {
        OffsetDateTime now = now();
        Optional<Boolean> cancel = Translate.errors("renew the lease of job " + id, () -> dsl.update(JOB)
                .set(JOB.PROGRESS_DONE, done).set(JOB.PROGRESS_TOTAL, total).set(JOB.LEASE_UNTIL, now.plus(lease))
                .set(JOB.UPDATED_AT, now).where(heldHere(id)).returningResult(JOB.CANCEL_REQUESTED).fetchOptional()
                .map(Record1::value1));
        return cancel.map(c -> c ? Renewal.CANCEL_REQUESTED : Renewal.HELD).orElse(Renewal.LOST);
    }

    @Override
    public void finish(long id, JobState state, Object result, Object error) {
        if (!state.terminal()) throw new IllegalArgumentException("a job finishes done, failed or cancelled, not " + state.word());
        org.jooq.JSON r = JobJson.json(result);
        org.jooq.JSON e = JobJson.json(error);
        OffsetDateTime now = now();
        Translate.errors("finish job " + id, () -> dsl.update(JOB).set(JOB.STATE, state.word()).set(JOB.RESULT, r).set(JOB.ERROR, e)
                .setNull(JOB.LEASE_UNTIL).set(JOB.FINISHED_AT, now).set(JOB.UPDATED_AT, now).where(heldHere(id)).execute());
    }

    @Override
    public void release(long id, Duration wait) {
        OffsetDateTime now = now();
        Translate.errors("put job " + id + " back in its queue", () -> dsl.update(JOB).set(JOB.STATE, JobState.QUEUED.word())
                .set(JOB.LEASE_UNTIL, now.plus(wait)).setNull(JOB.LEASE_HOST).setNull(JOB.LEASE_PID).set(JOB.UPDATED_AT, now)
                .where(heldHere(id)).execute());
    }

    @Override
    public Optional<QueuedJob> find(String queue, long id) {
        return Translate.errors("read job " + id, () -> dsl.selectFrom(JOB).where(JOB.QUEUE.eq(queue), JOB.ID.eq(id)).fetchOptional()
                .map(JooqJobQueue::job));
    }

    @Override
    public List<QueuedJob> list(String queue, Long before, int limit) {
        Condition page = before == null ? JOB.QUEUE.eq(queue) : JOB.QUEUE.eq(queue).and(JOB.ID.lt(before));
        return Translate.errors("list the jobs of queue " + queue, () -> dsl.selectFrom(JOB).where(page).orderBy(JOB.ID.desc())
                .limit(limit).fetch(JooqJobQueue::job));
    }

    @Override
    public Optional<QueuedJob> cancel(String queue, long id) {
        return Translate.errors("cancel job " + id, () -> dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            JobRecord r = tx.selectFrom(JOB).where(JOB.QUEUE.eq(queue), JOB.ID.eq(id)).forUpdate().fetchOne();
            if (r == null) return Optional.<QueuedJob>empty();
            OffsetDateTime now = now();
            if (JobState.QUEUED.word().equals(r.getState())) {
                r.setState(JobState.CANCELLED.word());
                r.setLeaseUntil(null);
                r.setCancelRequested(true);
                r.setFinishedAt(now);
                r.setUpdatedAt(now);
                r.store();
            } else if (JobState.RUNNING.word().equals(r.getState())) {
                r.setCancelRequested(true);
                r.setUpdatedAt(now);
                r.store();
            }
            return Optional.of(job(r));
        }));
    }

    @Override
    public Map<JobState, Long> counts(String queue) {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) counts.put(s, 0L);
        Translate.errors("count the jobs of queue " + queue, () -> dsl.select(JOB.STATE, org.jooq.impl.DSL.count()).from(JOB)
                .where(JOB.QUEUE.eq(queue)).groupBy(JOB.STATE).fetch()).forEach(r -> counts.put(JobState.of(r.value1()), (long) r.value2()));
        return counts;
    }

    @Override
    public List<Long> purge(String queue, Instant cutoff) {
        OffsetDateTime before = cutoff.atOffset(ZoneOffset.UTC);
        return Translate.errors("delete old jobs of queue " + queue, () -> dsl.deleteFrom(JOB)
                .where(JOB.QUEUE.eq(queue), JOB.FINISHED_AT.lt(before)).returningResult(JOB.ID).fetch(Record1::value1));
    }

    private static QueuedJob job(JobRecord r) {
        Optional<String> holder = r.getLeaseHost() == null ? Optional.empty() : Optional.of(r.getLeaseHost() + "/" + r.getLeasePid());
        return new QueuedJob(r.getId(), r.getQueue(), r.getKind(), r.getTarget(), r.getOwner(), JobState.of(r.getState()),
                r.getProgressDone(), r.getProgressTotal(), new JsonDocument(r.getPayload().data()),
                Optional.ofNullable(r.getResult()).map(j -> new JsonDocument(j.data())),
                Optional.ofNullable(r.getError()).map(j -> new JsonDocument(j.data())), r.getAttempts(), r.getCancelRequested(),
                r.getCreatedAt().toInstant(), r.getUpdatedAt().toInstant(), Optional.ofNullable(r.getFinishedAt()).map(OffsetDateTime::toInstant),
                holder);
    }
}
