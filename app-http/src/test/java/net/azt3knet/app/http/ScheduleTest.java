package net.azt3knet.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.azt3knet.ports.out.store.JobQueue.QueuedJob;
import net.azt3knet.ports.out.store.JobState;
import net.azt3knet.testkit.fakes.InMemoryJobQueue;
import net.azt3knet.testkit.fixtures.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Periodic work of two serve processes on one database: each round runs on one of them. */
class ScheduleTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryJobQueue queue = new InMemoryJobQueue(clock);
    @TempDir
    Path work;

    private Schedule process(String name, Optional<Duration> dynUpdateEvery) {
        return process(name, dynUpdateEvery, new Jobs(queue.process(name), 1, work, Failures::problem));
    }

    private Schedule process(String name, Optional<Duration> dynUpdateEvery, Jobs jobs) {
        InMemoryJobQueue mine = queue.process(name);
        jobs.register(ReconcileEndpoints.DYN_UPDATE, JobRequests.DynUpdate.class, (r, job) -> Json.object());
        return new Schedule(mine, jobs, clock, Duration.ofDays(7), dynUpdateEvery, "agents.example.org");
    }

    private List<QueuedJob> dynUpdates() {
        return queue.list(Jobs.QUEUE, null, 100).stream().filter(j -> j.kind().equals(ReconcileEndpoints.DYN_UPDATE)).toList();
    }

    @Test
    void theAddressUpdateIsQueuedOncePerPeriodWhicheverProcessTicks() {
        Schedule a = process("a", Optional.of(Duration.ofMinutes(5)));
        Schedule b = process("b", Optional.of(Duration.ofMinutes(5)));

        a.tick();
        b.tick();
        assertThat(dynUpdates()).hasSize(1);
        assertThat(dynUpdates().getFirst().request().as(JobRequests.DynUpdate.class).domain()).isEqualTo("agents.example.org");
        assertThat(dynUpdates().getFirst().owner()).isEqualTo(Schedule.ACTOR);
        clock.advance(Duration.ofMinutes(4));
        a.tick();
        b.tick();
        assertThat(dynUpdates()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        b.tick();
        a.tick();
        assertThat(dynUpdates()).hasSize(2);
    }

    @Test
    void withoutAnIntervalThereIsNoAddressUpdate() {
        process("a", Optional.empty()).tick();

        assertThat(dynUpdates()).isEmpty();
    }

    @Test
    void retentionDeletesJobsThatEndedLongerAgoThanItKeepsThem() {
        Schedule a = process("a", Optional.empty());
        long old = queue.submit(Jobs.QUEUE, "x", "t", "o", "{}").id();
        queue.claim(Jobs.QUEUE, Duration.ofMinutes(1));
        queue.finish(old, JobState.DONE, null, null);
        clock.advance(Duration.ofDays(6));
        long recent = queue.submit(Jobs.QUEUE, "x", "t", "o", "{}").id();
        queue.claim(Jobs.QUEUE, Duration.ofMinutes(1));
        queue.finish(recent, JobState.DONE, null, null);
        clock.advance(Duration.ofDays(1).plusMinutes(1));

        a.tick();

        assertThat(queue.find(Jobs.QUEUE, old)).isEmpty();
        assertThat(queue.find(Jobs.QUEUE, recent)).isPresent();
    }

    @Test
    void eachProcessDeletesItsOwnResultFilesOfJobsRetentionDeletedWhicheverProcessRanTheRound(@TempDir Path workOfB) throws Exception {
        Jobs jobsOfA = new Jobs(queue.process("a"), 1, work, Failures::problem);
        Schedule a = process("a", Optional.empty(), jobsOfA);
        Schedule b = process("b", Optional.empty(), new Jobs(queue.process("b"), 1, workOfB, Failures::problem));
        long old = queue.submit(Jobs.QUEUE, "x", "t", "o", "{}").id();
        queue.claim(Jobs.QUEUE, Duration.ofMinutes(1));
        queue.finish(old, JobState.DONE, null, null);
        jobsOfA.writeOutput(old, out -> out.write("[]".getBytes()));
        b.tick(); // b's first round: nothing is old enough yet
        a.tick(); // a's first sweep: the job still exists
        assertThat(jobsOfA.output(old)).exists();
        clock.advance(Duration.ofDays(7).plusMinutes(1));

        b.tick();
        a.tick();
        assertThat(queue.find(Jobs.QUEUE, old)).as("b ran the retention round").isEmpty();
        assertThat(jobsOfA.output(old)).as("a swept its own file").doesNotExist();
    }
}
