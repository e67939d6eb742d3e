package net.azt3knet.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API's background work: a job runs one long request (persisting, provisioning, recreating, a large preview)
 * on a virtual thread, at most {@code parallel} at once, the rest queued. Jobs live in this process: a cancelled or
 * lost job is resumed by sending the request again, since every flow behind them is resumable or atomic. Finished
 * jobs are kept for an hour.
 */
final class Jobs implements AutoCloseable {

    enum State { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    /** The work of a job: returns the result document; reports progress through the job. */
    @FunctionalInterface
    interface Work {
        ObjectNode run(Job job) throws Exception;
    }

    /** One job; its fields change as it runs. */
    static final class Job {
        final String id;
        final String kind;
        final String actor;
        final Instant createdAt;
        final AtomicLong done = new AtomicLong();
        final AtomicLong total = new AtomicLong();
        volatile State state = State.QUEUED;
        volatile Instant finishedAt;
        volatile ObjectNode result;
        volatile ObjectNode problem;
        volatile ObjectNode links = Json.object();
        /** A file the job produced (a large preview), served at /api/jobs/{id}/result and deleted with the job. */
        volatile Path output;
        volatile String outputType;
        volatile Future<?> future;

        Job(String id, String kind, String actor, Instant createdAt) {
            this.id = id;
            this.kind = kind;
            this.actor = actor;
            this.createdAt = createdAt;
        }

        void progress(long doneSoFar, long of) {
            done.set(doneSoFar);
            total.set(of);
        }

        ObjectNode json() {
            ObjectNode o = Json.object();
            o.put("id", id);
            o.put("kind", kind);
            o.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
            o.putObject("progress").put("done", done.get()).put("total", total.get());
            o.put("created_at", createdAt.toString());
            if (finishedAt != null) o.put("finished_at", finishedAt.toString());
            if (result != null) o.set("result", result);
            if (problem != null) o.set("error", problem);
            ObjectNode l = links.deepCopy();
            l.put("self", "/api/jobs/" + id);
            if (output != null && state == State.SUCCEEDED) l.put("result", "/api/jobs/" + id + "/result");
            o.set("links", l);
            return o;
        }
    }

    private static final Duration KEEP = Duration.ofHours(1);

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;
    private final Clock clock;
    private final java.util.function.Function<Throwable, ApiProblem> problems;

    Jobs(int parallel, Clock clock, java.util.function.Function<Throwable, ApiProblem> problems) {
        this.slots = new Semaphore(parallel, true);
        this.clock = clock;
        this.problems = problems;
    }

    Job submit(String kind, String actor, Work work) {
        forgetOld();
        Job job = new Job(UUID.randomUUID().toString(), kind, actor, clock.instant());
        jobs.put(job.id, job);
        job.future = threads.submit(() -> run(job, work));
        return job;
    }

    private void run(Job job, Work work) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            finish(job, State.CANCELLED, null, null);
            return;
        }
        try {
            if (job.state == State.CANCELLED) return;
            job.state = State.RUNNING;
            ObjectNode result = work.run(job);
            finish(job, Thread.currentThread().isInterrupted() ? State.CANCELLED : State.SUCCEEDED, result, null);
        } catch (InterruptedException e) {
            finish(job, State.CANCELLED, null, null);
        } catch (Throwable e) {
            if (job.state == State.CANCELLED || Thread.currentThread().isInterrupted()) {
                finish(job, State.CANCELLED, null, null);
            } else {
                finish(job, State.FAILED, null, problems.apply(e).body("/api/jobs/" + job.id));
            }
        } finally {
            slots.release();
        }
    }

    private void finish(Job job, State state, ObjectNode result, ObjectNode problem) {
        job.result = result;
        job.problem = problem;
        job.finishedAt = clock.instant();
        job.state = state;
    }

    Optional<Job> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Stops a queued or running job (its work sees an interrupt); false when it had ended already. */
    boolean cancel(Job job) {
        if (job.state != State.QUEUED && job.state != State.RUNNING) return false;
        job.state = State.CANCELLED;
        job.finishedAt = clock.instant();
        job.future.cancel(true);
        return true;
    }

    long count(State state) {
        return jobs.values().stream().filter(j -> j.state == state).count();
    }

    private void forgetOld() {
        Instant cutoff = clock.instant().minus(KEEP);
        jobs.values().removeIf(j -> {
            boolean old = j.finishedAt != null && j.finishedAt.isBefore(cutoff);
            if (old) delete(j.output);
            return old;
        });
    }

    private static void delete(Path file) {
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            // a temporary file; the directory is cleared on the next start as well
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        jobs.values().forEach(j -> delete(j.output));
    }
}
