package net.azt3knet.app.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.azt3knet.ports.out.store.PeriodicTasks;

/**
 * The periodic work of {@code serve}, run once per period across every process on the database: each process looks
 * every {@link #TICK}, and the one whose {@link PeriodicTasks#claimRound} succeeds runs the round. The address update
 * becomes a job (so it runs once even if that process dies mid-way, and its outcome is listed with the other jobs);
 * retention deletes ended jobs older than {@code retention}, and each process then the result files it wrote for them.
 */
final class Schedule implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Schedule.class.getName());
    static final Duration TICK = Duration.ofSeconds(15);
    /** The actor the scheduled jobs run as, in the audit trail. */
    static final String ACTOR = "serve:schedule";

    private final PeriodicTasks tasks;
    private final Jobs jobs;
    private final Clock clock;
    private final Duration retention;
    private final Optional<Duration> dynUpdateEvery;
    private final String dynUpdateDomain;
    /** When this process next deletes its result files of deleted jobs; null until its first tick. */
    private Instant nextSweep;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "azt3knet-schedule");
        t.setDaemon(true);
        return t;
    });

    Schedule(PeriodicTasks tasks, Jobs jobs, Clock clock, Duration retention, Optional<Duration> dynUpdateEvery, String dynUpdateDomain) {
        this.tasks = tasks;
        this.jobs = jobs;
        this.clock = clock;
        this.retention = retention;
        this.dynUpdateEvery = dynUpdateEvery;
        this.dynUpdateDomain = dynUpdateDomain;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            // retention runs at least hourly, and more often when jobs are kept for less than an hour
            Duration every = retention.compareTo(Duration.ofHours(1)) < 0 ? retention : Duration.ofHours(1);
            if (tasks.claimRound("jobs.retention", every)) {
                int gone = jobs.purge(clock.instant().minus(retention));
                if (gone > 0) LOG.log(System.Logger.Level.INFO, "deleted {0} jobs that ended over {1} ago", gone, OperatorEndpoints.shown(retention));
            }
            // every process, not only the one that ran the round: the result files are in each one's own directory
            Instant now = clock.instant();
            if (nextSweep == null || !now.isBefore(nextSweep)) {
                nextSweep = now.plus(every);
                int swept = jobs.sweepOutputs();
                if (swept > 0) LOG.log(System.Logger.Level.INFO, "deleted {0} result files of jobs that no longer exist", swept);
            }
            if (dynUpdateEvery.isPresent() && tasks.claimRound(ReconcileEndpoints.DYN_UPDATE, dynUpdateEvery.get())) {
                jobs.submit(ReconcileEndpoints.DYN_UPDATE, ACTOR, "zone:" + dynUpdateDomain, new JobRequests.DynUpdate(dynUpdateDomain));
            }
        } catch (RuntimeException e) {
            // the database is away for a moment: the next tick tries again
            LOG.log(System.Logger.Level.WARNING, "scheduled work skipped: {0}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
