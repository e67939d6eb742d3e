package net.azt3knet.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import net.azt3knet.ports.out.store.JobQueue.QueuedJob;
import net.azt3knet.ports.out.store.JobState;
import net.azt3knet.testkit.fakes.InMemoryJobQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's job runner on the queue fake: results, failures, cancels from another process, shutdown, sharing. */
class JobsTest {

    record Count(int upTo) {
    }

    private final InMemoryJobQueue queue = new InMemoryJobQueue(Clock.systemUTC());
    private final List<Jobs> started = new ArrayList<>();
    @TempDir
    Path work;

    private Jobs jobs(InMemoryJobQueue on, Jobs.Work<Count> work) {
        Jobs jobs = new Jobs(on, 2, this.work, Failures::problem);
        jobs.register("test.count", Count.class, work);
        started.add(jobs);
        return jobs;
    }

    @AfterEach
    void stop() {
        started.forEach(Jobs::close);
    }

    private QueuedJob awaitJob(long id, Predicate<QueuedJob> until) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            QueuedJob j = queue.find(Jobs.QUEUE, id).orElseThrow();
            if (until.test(j)) return j;
            Thread.sleep(20);
        }
        throw new AssertionError("job " + id + " is still " + queue.find(Jobs.QUEUE, id).orElseThrow().state());
    }

    @Test
    void aJobRunsFromItsStoredRequestAndItsResultAndProgressAreStored() throws Exception {
        Jobs jobs = jobs(queue, (r, job) -> {
            job.progress(r.upTo(), r.upTo());
            return Json.object().put("counted", r.upTo()).put("by", job.owner);
        });
        jobs.start();
        QueuedJob submitted = jobs.submit("test.count", "token:ops", "population:p", new Count(7));

        QueuedJob done = awaitJob(submitted.id(), j -> j.state().terminal());
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.done()).isEqualTo(7);
        JsonNode shown = jobs.json(done);
        assertThat(shown.get("state").asText()).isEqualTo("succeeded");
        assertThat(shown.at("/result/counted").asInt()).isEqualTo(7);
        assertThat(shown.at("/result/by").asText()).isEqualTo("token:ops");
        assertThat(shown.at("/links/population").asText()).isEqualTo("/api/populations/p");
    }

    @Test
    void aFailureIsStoredAsTheProblemTheApiWouldAnswer() throws Exception {
        Jobs jobs = jobs(queue, (r, job) -> {
            throw new IllegalStateException("the thing broke");
        });
        jobs.start();
        long id = jobs.submit("test.count", "o", "t", new Count(1)).id();

        QueuedJob failed = awaitJob(id, j -> j.state().terminal());
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(jobs.json(failed).at("/error/instance").asText()).isEqualTo("/api/jobs/" + id);
    }

    @Test
    void aCancelFromAnotherProcessStopsTheRunningWorkAtItsNextRenewal() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Jobs jobs = jobs(queue, (r, job) -> {
            running.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return Json.object();
        });
        jobs.start();
        long id = jobs.submit("test.count", "o", "t", new Count(1)).id();
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        queue.process("another serve").cancel(Jobs.QUEUE, id);

        long asked = System.nanoTime();
        assertThat(awaitJob(id, j -> j.state().terminal()).state()).isEqualTo(JobState.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Jobs.RENEW.multipliedBy(4));
        assertThat(interrupted).isTrue();
    }

    @Test
    void stoppingPutsRunningJobsBackInTheQueueAndAnotherProcessFinishesThem() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        Jobs first = jobs(queue, (r, job) -> {
            running.countDown();
            Thread.sleep(Duration.ofMinutes(1));
            return Json.object();
        });
        first.start();
        long id = first.submit("test.count", "o", "t", new Count(1)).id();
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        first.close();
        assertThat(queue.find(Jobs.QUEUE, id).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        jobs(queue.process("second"), (r, job) -> Json.object().put("attempt", job.attempts)).start();

        QueuedJob done = awaitJob(id, j -> j.state().terminal());
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.result().orElseThrow().as(JsonNode.class).get("attempt").asInt()).isEqualTo(2);
    }

    @Test
    void twoProcessesOnOneQueueSplitTheJobsAndRunEachOnce() throws Exception {
        Map<Integer, String> ranBy = new ConcurrentHashMap<>();
        List<Integer> runs = java.util.Collections.synchronizedList(new ArrayList<>());
        for (String name : List.of("a", "b")) {
            jobs(queue.process(name), (r, job) -> {
                runs.add(r.upTo());
                ranBy.put(r.upTo(), name);
                Thread.sleep(100); // longer, all told, than an idle process waits before it looks again
                return Json.object();
            }).start();
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) ids.add(queue.submit(Jobs.QUEUE, "test.count", "t", "o", new Count(i)).id());

        for (long id : ids) assertThat(awaitJob(id, j -> j.state().terminal()).state()).isEqualTo(JobState.DONE);
        assertThat(runs).hasSize(30).doesNotHaveDuplicates();
        assertThat(ranBy.values()).contains("a", "b");
    }

    @Test
    void retentionDeletesEndedJobsAndTheirResultFiles() throws Exception {
        Jobs jobs = jobs(queue, (r, job) -> Json.object());
        jobs.start();
        long id = jobs.submit("test.count", "o", "t", new Count(1)).id();
        awaitJob(id, j -> j.state().terminal());
        Files.writeString(jobs.output(id), "[]");

        assertThat(jobs.purge(java.time.Instant.now().plusSeconds(1))).isEqualTo(1);
        assertThat(queue.find(Jobs.QUEUE, id)).isEmpty();
        assertThat(jobs.output(id)).doesNotExist();
    }

    @Test
    void aResultFileIsDeletedByTheProcessThatWroteItOnceItsJobIsGoneWhicheverProcessPurged(@TempDir Path otherWork) throws Exception {
        Jobs a = jobs(queue.process("a"), (r, job) -> Json.object());
        Jobs b = new Jobs(queue.process("b"), 1, otherWork, Failures::problem);
        started.add(b);
        long ended = queue.submit(Jobs.QUEUE, "test.count", "t", "o", new Count(1)).id();
        queue.claim(Jobs.QUEUE, Duration.ofMinutes(1));
        queue.finish(ended, JobState.DONE, null, null);
        long kept = queue.submit(Jobs.QUEUE, "test.count", "t", "o", new Count(2)).id();
        a.writeOutput(ended, out -> out.write("[]".getBytes()));
        a.writeOutput(kept, out -> out.write("[]".getBytes()));
        Path partial = work.resolve("job-" + ended + "-123456789.part"); // left by a process killed mid-write
        Files.writeString(partial, "[");
        Path unrelated = Files.writeString(work.resolve("job-notes.txt"), "mine");

        assertThat(b.purge(java.time.Instant.now().plusSeconds(1))).isEqualTo(1);
        assertThat(queue.find(Jobs.QUEUE, ended)).isEmpty();
        assertThat(a.output(ended)).as("b deletes only the files in its own directory").exists();

        assertThat(b.sweepOutputs()).isZero();
        assertThat(a.sweepOutputs()).isEqualTo(2);
        assertThat(a.output(ended)).doesNotExist();
        assertThat(partial).doesNotExist();
        assertThat(a.output(kept)).as("its job is still queued").exists();
        assertThat(unrelated).exists();
        assertThat(a.sweepOutputs()).isZero();
    }
}
