package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.JOB;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.azt3knet.adapters.persistence.jooq.tables.records.JobRecord;
import net.azt3knet.ports.out.store.JobState;
import net.azt3knet.ports.out.store.JobStore;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * {@link JobStore} on the {@code job} table (its rows without a queue; {@link JooqJobQueue} has the rest). A claim locks the job's row ({@code FOR UPDATE}), so two processes
 * claiming the same work at once see each other's lease. A lease records the host and process that holds it: a live
 * lease whose process is gone from this host (killed, crashed) is taken over at once; one held elsewhere, or by a
 * process that still runs here, is waited for.
 */
final class JooqJobStore implements JobStore {

    /** A process that can hold leases: host name and process id. */
    record Holder(String host, long pid) {

        /** This process. */
        static final Holder CURRENT = new Holder(hostName(), ProcessHandle.current().pid());

        /** True when this holder is on {@code host} and its process has ended. */
        boolean goneFrom(String host) {
            return this.host.equals(host) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }

        /**
         * True when a lease held by {@code host}/{@code pid} until {@code until} keeps this holder out at {@code now}:
         * it has not expired, and its process is not one gone from this holder's host. Every leased table claims by it.
         */
        boolean keptOutBy(OffsetDateTime until, String host, Long pid, OffsetDateTime now) {
            boolean live = until != null && until.isAfter(now);
            return live && !(host != null && pid != null && new Holder(host, pid).goneFrom(this.host));
        }

        /** Rows looked at beyond a claim's {@code max}, so a few held by live processes on this host do not hide claimable ones. */
        static final int EXTRA_CANDIDATES = 16;

        /**
         * Whether a row leased in {@code until} and {@code host} may be a candidate for this holder's claim: its lease is
         * over, or it is held on this host (where {@link #claimable} tells a live holder from a gone one).
         */
        Condition mayTake(Field<OffsetDateTime> until, Field<String> host, OffsetDateTime now) {
            return until.isNull().or(until.le(now)).or(host.eq(this.host));
        }

        /** The first {@code max} of {@code candidates} (locked rows, in claim order) whose lease does not keep this holder out. */
        <R extends Record> List<R> claimable(List<R> candidates, int max, Field<OffsetDateTime> until, Field<String> host,
                                             Field<Long> pid, OffsetDateTime now) {
            List<R> taken = new ArrayList<>();
            for (R r : candidates) {
                if (taken.size() == max) break;
                if (keptOutBy(r.get(until), r.get(host), r.get(pid), now)) continue;
                taken.add(r);
            }
            return taken;
        }

        private static String hostName() {
            try {
                // The kernel's name for the host, without the DNS lookup InetAddress.getLocalHost() may wait for.
                return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
            } catch (java.io.IOException | RuntimeException notLinux) {
                try {
                    return java.net.InetAddress.getLocalHost().getHostName();
                } catch (java.io.IOException unknown) {
                    return "unknown";
                }
            }
        }
    }

    private final DSLContext dsl;
    private final Clock clock;
    private final Holder self;

    JooqJobStore(DSLContext dsl, Clock clock) {
        this(dsl, clock, Holder.CURRENT);
    }

    JooqJobStore(DSLContext dsl, Clock clock, Holder self) {
        this.dsl = dsl;
        this.clock = clock;
        this.self = self;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    @Override
    public Job claim(String kind, String target, Progress payload, Duration lease) {
        return Translate.errors("claim the job for " + target, () -> dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            OffsetDateTime now = now();
            JobRecord open = tx.selectFrom(JOB).where(JOB.QUEUE.isNull(), JOB.KIND.eq(kind), JOB.TARGET.eq(target), JOB.STATE.eq(JobState.RUNNING.word()))
                    .orderBy(JOB.ID.desc()).limit(1).forUpdate().fetchOne();
            if (open != null) {
                if (self.keptOutBy(open.getLeaseUntil(), open.getLeaseHost(), open.getLeasePid(), now)) {
                    String holder = open.getLeaseHost() == null ? "" : ", process " + open.getLeasePid() + " on " + open.getLeaseHost();
                    throw new JobBusyException("another run is working on " + target + " (job " + open.getId() + holder
                            + ", lease until " + open.getLeaseUntil() + "); wait for it, or for its lease to expire if it died");
                }
                open.setAttempts(open.getAttempts() + 1);
                open.setLeaseUntil(now.plus(lease));
                open.setLeaseHost(self.host());
                open.setLeasePid(self.pid());
                open.setUpdatedAt(now);
                open.store();
                return job(open, true);
            }
            JobRecord created = tx.insertInto(JOB).set(JOB.KIND, kind).set(JOB.TARGET, target).set(JOB.STATE, JobState.RUNNING.word())
                    .set(JOB.PAYLOAD, JobJson.jsonb(payload)).set(JOB.ATTEMPTS, 1).set(JOB.LEASE_UNTIL, now.plus(lease))
                    .set(JOB.LEASE_HOST, self.host()).set(JOB.LEASE_PID, self.pid())
                    .set(JOB.CREATED_AT, now).set(JOB.UPDATED_AT, now).returning().fetchOne();
            return job(created, false);
        }));
    }

    @Override
    public void progress(long id, Progress payload, Duration lease) {
        OffsetDateTime now = now();
        Translate.errors("record the progress of job " + id, () -> dsl.update(JOB).set(JOB.PAYLOAD, JobJson.jsonb(payload))
                .set(JOB.LEASE_UNTIL, now.plus(lease)).set(JOB.UPDATED_AT, now).where(JOB.ID.eq(id)).execute());
    }

    @Override
    public void finish(long id, JobState state, Progress payload) {
        Translate.errors("finish job " + id, () -> dsl.update(JOB).set(JOB.STATE, state.word()).set(JOB.PAYLOAD, JobJson.jsonb(payload))
                .setNull(JOB.LEASE_UNTIL).set(JOB.UPDATED_AT, now()).where(JOB.ID.eq(id)).execute());
    }

    @Override
    public Optional<Job> latest(String kind, String target) {
        return Translate.errors("read the jobs for " + target, () -> dsl.selectFrom(JOB)
                .where(JOB.QUEUE.isNull(), JOB.KIND.eq(kind), JOB.TARGET.eq(target)).orderBy(JOB.ID.desc()).limit(1)
                .fetchOptional().map(r -> job(r, false)));
    }

    private static Job job(JobRecord r, boolean resumed) {
        return new Job(r.getId(), r.getKind(), r.getTarget(), JobState.of(r.getState()),
                JobJson.read(r.getPayload().data(), Progress.class), r.getAttempts(), resumed);
    }
}
