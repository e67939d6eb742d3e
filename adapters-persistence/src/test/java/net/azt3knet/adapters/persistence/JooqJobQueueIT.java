package net.azt3knet.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import net.azt3knet.ports.out.store.JobQueue;
import net.azt3knet.ports.out.store.JobState;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.ports.out.store.PeriodicTasks;
import net.azt3knet.testkit.contracts.JobQueueContract;
import net.azt3knet.testkit.fixtures.SettableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The queue on embedded PostgreSQL: the contract, plus what only a real process table can show. */
class JooqJobQueueIT implements JobQueueContract {

    private static PostgresPersistence db;
    private final SettableClock clock = new SettableClock(Instant.now());

    @BeforeAll
    static void start() throws Exception {
        db = PostgresPersistence.start(TestDatabases.fresh("queue"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (db != null) db.close();
    }

    /** Each process on a host of its own, so only leases (never process ids) decide who may take a job over. */
    @Override
    public JobQueue process(String name) {
        return new JooqJobQueue(db.dsl(), clock, new JooqJobStore.Holder("host-" + name, 1));
    }

    @Override
    public PeriodicTasks tasks(String name) {
        return new JooqPeriodicTasks(db.dsl(), clock, new JooqJobStore.Holder("host-" + name, 1));
    }

    @Override
    public SettableClock clock() {
        return clock;
    }

    @Test
    void aJobHeldByAProcessThatEndedOnThisHostIsTakenOverAtOnceAndOneOfALiveProcessIsNot() throws Exception {
        String here = JooqJobStore.Holder.CURRENT.host();
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        JobQueue dead = new JooqJobQueue(db.dsl(), clock, new JooqJobStore.Holder(here, p.pid()));
        JobQueue live = new JooqJobQueue(db.dsl(), clock, new JooqJobStore.Holder(here, ProcessHandle.current().pid()));
        long held = live.submit("pids", "k", "t", "o", new Request("y", 1)).id();
        live.claim("pids", Duration.ofMinutes(5));
        long orphan = dead.submit("pids", "k", "t", "o", new Request("x", 1)).id();
        dead.claim("pids", Duration.ofMinutes(5));

        JobQueue next = db.jobQueue();
        assertThat(next.claim("pids", Duration.ofMinutes(5)).orElseThrow().id()).isEqualTo(orphan);
        assertThat(next.claim("pids", Duration.ofMinutes(5))).isEmpty();
        assertThat(next.find("pids", held).orElseThrow().state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void queuedJobsAndTheReconcilesLeaseRowsDoNotSeeEachOther() {
        JobQueue queue = process("a");
        long queued = queue.submit("api", "mailboxes.apply", "population:x/provider:local", "o", new Request("x", 1)).id();
        var run = db.jobs().claim("mailboxes.apply", "population:x/provider:local", JobStore.Progress.of(0, 0), Duration.ofMinutes(2));

        assertThat(run.id()).isNotEqualTo(queued);
        assertThat(run.resumed()).isFalse();
        assertThat(queue.find("api", run.id())).isEmpty();
    }
}
