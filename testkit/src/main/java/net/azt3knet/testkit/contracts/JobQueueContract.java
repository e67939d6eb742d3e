package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.azt3knet.ports.out.store.JobQueue;
import net.azt3knet.ports.out.store.JobQueue.QueuedJob;
import net.azt3knet.ports.out.store.JobQueue.Renewal;
import net.azt3knet.ports.out.store.JobState;
import net.azt3knet.ports.out.store.PeriodicTasks;
import net.azt3knet.testkit.fixtures.SettableClock;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobQueue} and {@link PeriodicTasks} must do. Each test uses a queue of its own, so implementations
 * may share one database across tests. {@link #process(String)} is a queue of another process on the same storage.
 */
public interface JobQueueContract {

    Duration LEASE = Duration.ofSeconds(30);

    /** The queue as seen by the process named {@code name}; every process shares the storage and {@link #clock()}. */
    JobQueue process(String name);

    /** Periodic tasks as seen by the process named {@code name}. */
    PeriodicTasks tasks(String name);

    /** The clock leases and schedules are measured on. */
    SettableClock clock();

    /** A request document, as callers store them. */
    record Request(String population, int count) {
    }

    private static String aQueue() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    default void aSubmittedJobIsQueuedWithItsRequestAndClaimedOnceWithItsLease() {
        String q = aQueue();
        JobQueue a = process("a");
        QueuedJob submitted = a.submit(q, "populate.persist", "population:p1", "token:ops", new Request("p1", 3));

        assertThat(submitted.state()).isEqualTo(JobState.QUEUED);
        assertThat(submitted.request().as(Request.class)).isEqualTo(new Request("p1", 3));
        QueuedJob claimed = a.claim(q, LEASE).orElseThrow();
        assertThat(claimed.id()).isEqualTo(submitted.id());
        assertThat(claimed.state()).isEqualTo(JobState.RUNNING);
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.owner()).isEqualTo("token:ops");
        assertThat(claimed.holder()).isPresent();
        assertThat(process("b").claim(q, LEASE)).as("a live lease is not claimed again").isEmpty();
        assertThat(a.claim(q, LEASE)).isEmpty();
    }

    @Test
    default void progressResultAndErrorAreStoredAndReadBack() {
        String q = aQueue();
        JobQueue a = process("a");
        long ok = a.submit(q, "k", "t", "o", new Request("x", 1)).id();
        long bad = a.submit(q, "k", "t", "o", new Request("y", 1)).id();
        a.claim(q, LEASE);
        assertThat(a.renew(ok, 5, 9, LEASE)).isEqualTo(Renewal.HELD);
        assertThat(a.find(q, ok).orElseThrow()).extracting(QueuedJob::done, QueuedJob::total).containsExactly(5L, 9L);
        a.finish(ok, JobState.DONE, new Request("done", 9), null);
        a.claim(q, LEASE);
        a.finish(bad, JobState.FAILED, null, new Request("error", 0));

        QueuedJob done = a.find(q, ok).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.result().orElseThrow().as(Request.class)).isEqualTo(new Request("done", 9));
        assertThat(done.error()).isEmpty();
        assertThat(done.finishedAt()).isPresent();
        assertThat(done.holder()).as("the process that ran it").isPresent();
        QueuedJob failed = a.find(q, bad).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error().orElseThrow().as(Request.class)).isEqualTo(new Request("error", 0));
        assertThat(a.renew(ok, 9, 9, LEASE)).as("an ended job has no lease to renew").isEqualTo(Renewal.LOST);
    }

    @Test
    default void aJobWhoseHolderStoppedRenewingIsTakenOverAfterItsLeaseAndTheOldHolderLearnsItLostIt() {
        String q = aQueue();
        JobQueue a = process("a");
        JobQueue b = process("b");
        long id = a.submit(q, "k", "t", "o", new Request("x", 1)).id();
        a.claim(q, LEASE);
        clock().advance(LEASE.minusSeconds(1));
        assertThat(b.claim(q, LEASE)).isEmpty();
        clock().advance(Duration.ofSeconds(2));

        QueuedJob taken = b.claim(q, LEASE).orElseThrow();
        assertThat(taken.id()).isEqualTo(id);
        assertThat(taken.attempts()).isEqualTo(2);
        assertThat(a.renew(id, 1, 1, LEASE)).isEqualTo(Renewal.LOST);
        a.finish(id, JobState.DONE, null, null); // ignored: only the holder ends a job
        assertThat(b.find(q, id).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        assertThat(b.renew(id, 1, 1, LEASE)).isEqualTo(Renewal.HELD);
    }

    @Test
    default void cancellingAQueuedJobEndsItAndARunningOneIsFlaggedForItsHolder() {
        String q = aQueue();
        JobQueue a = process("a");
        JobQueue b = process("b");
        long running = a.submit(q, "k", "t", "o", new Request("x", 1)).id();
        a.claim(q, LEASE);
        long queued = a.submit(q, "k", "t", "o", new Request("y", 1)).id();

        assertThat(b.cancel(q, queued).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(b.cancel(q, running).orElseThrow().cancelRequested()).isTrue();
        assertThat(a.claim(q, LEASE)).as("a cancelled job is never claimed").isEmpty();
        assertThat(a.renew(running, 1, 2, LEASE)).isEqualTo(Renewal.CANCEL_REQUESTED);
        a.finish(running, JobState.CANCELLED, null, null);
        assertThat(b.find(q, running).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(b.cancel(q, running).orElseThrow().state()).as("cancelling an ended job changes nothing")
                .isEqualTo(JobState.CANCELLED);
        assertThat(b.cancel(q, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    default void aRunningJobCancelledWhileItsHolderWasGoneEndsInsteadOfRunningAgain() {
        String q = aQueue();
        JobQueue a = process("a");
        long id = a.submit(q, "k", "t", "o", new Request("x", 1)).id();
        a.claim(q, LEASE);
        a.cancel(q, id);
        clock().advance(LEASE.plusSeconds(1));

        assertThat(process("b").claim(q, LEASE)).isEmpty();
        assertThat(a.find(q, id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    default void aReleasedJobWaitsThenAnyProcessClaimsIt() {
        String q = aQueue();
        JobQueue a = process("a");
        long id = a.submit(q, "k", "t", "o", new Request("x", 1)).id();
        a.claim(q, LEASE);
        a.release(id, Duration.ofSeconds(10));

        assertThat(a.find(q, id).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(process("b").claim(q, LEASE)).isEmpty();
        clock().advance(Duration.ofSeconds(10));
        assertThat(process("b").claim(q, LEASE).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    default void processesClaimingAtOnceEachGetDifferentJobsAndEveryJobRunsOnce() throws Exception {
        String q = aQueue();
        int jobs = 40;
        for (int i = 0; i < jobs; i++) process("a").submit(q, "k", "t", "o", new Request("p" + i, i));
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<Long> runs = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                JobQueue mine = process("worker-" + w);
                workers.add(threads.submit(() -> {
                    go.await();
                    for (Optional<QueuedJob> j = mine.claim(q, LEASE); j.isPresent(); j = mine.claim(q, LEASE)) {
                        runs.add(j.get().id());
                        seen.add(j.get().id());
                        mine.finish(j.get().id(), JobState.DONE, null, null);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : workers) f.get();
        } finally {
            threads.shutdownNow();
        }
        assertThat(runs).hasSize(jobs).doesNotHaveDuplicates();
        assertThat(process("a").counts(q)).containsEntry(JobState.DONE, (long) jobs).containsEntry(JobState.QUEUED, 0L);
    }

    @Test
    default void listingIsNewestFirstInPagesAndPurgeDeletesOnlyJobsThatEndedBeforeTheCutoff() {
        String q = aQueue();
        JobQueue a = process("a");
        long first = a.submit(q, "k", "t", "o", new Request("1", 1)).id();
        long second = a.submit(q, "k", "t", "o", new Request("2", 2)).id();
        long third = a.submit(q, "k", "t", "o", new Request("3", 3)).id();
        assertThat(a.list(q, null, 2)).extracting(QueuedJob::id).containsExactly(third, second);
        assertThat(a.list(q, second, 2)).extracting(QueuedJob::id).containsExactly(first);

        a.claim(q, LEASE);
        a.finish(first, JobState.DONE, null, null);
        clock().advance(Duration.ofHours(2));
        a.cancel(q, third);
        assertThat(a.purge(q, clock().instant().minus(Duration.ofHours(1)))).containsExactly(first);
        assertThat(a.list(q, null, 10)).extracting(QueuedJob::id).containsExactly(third, second);
        assertThat(a.counts(q)).containsAllEntriesOf(Map.of(JobState.QUEUED, 1L, JobState.CANCELLED, 1L, JobState.DONE, 0L));
    }

    @Test
    default void aPeriodicTaskRunsOncePerPeriodAcrossProcesses() {
        String task = "test." + UUID.randomUUID();
        Duration every = Duration.ofMinutes(5);

        assertThat(tasks("a").claimRound(task, every)).isTrue();
        assertThat(tasks("b").claimRound(task, every)).isFalse();
        assertThat(tasks("a").claimRound(task, every)).isFalse();
        clock().advance(every);
        assertThat(tasks("b").claimRound(task, every)).isTrue();
        assertThat(tasks("a").claimRound(task, every)).isFalse();
    }
}
