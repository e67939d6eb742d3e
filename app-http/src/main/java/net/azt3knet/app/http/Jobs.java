package net.azt3knet.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.azt3knet.ports.out.store.JobQueue;
import net.azt3knet.ports.out.store.JobQueue.QueuedJob;
import net.azt3knet.ports.out.store.JobQueue.Renewal;
import net.azt3knet.ports.out.store.JobState;
import net.azt3knet.ports.out.store.JobStore.JobBusyException;

/**
 * The API's background work, as rows of the job table's {@code api} queue: a request that takes long (persisting,
 * provisioning, recreating, a large preview, a scheduled address update) is stored with its typed request and run by
 * whichever {@code serve} process on the database claims it first, at most {@code parallel} per process. The worker
 * renews its lease every {@link #RENEW}, writing the progress and learning of a cancel; a job whose process died is
 * claimed again when its lease expires and runs from its request, and the flows behind every kind resume from their
 * ledger. Stopping {@code serve} puts its running jobs back in the queue.
 */
final class Jobs implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Jobs.class.getName());
    static final String QUEUE = "api";
    /** How long a claim holds without renewal: a job of a killed process on another host waits this long. */
    static final Duration LEASE = Duration.ofSeconds(30);
    /** How often a running job's progress is written and its cancel flag read. */
    static final Duration RENEW = Duration.ofSeconds(1);
    /** How often an idle process looks for jobs submitted elsewhere; its own submissions wake it at once. */
    private static final Duration POLL = Duration.ofMillis(500);
    /** A job whose resource another run holds (a reconcile's lease) waits this long before it is tried again. */
    private static final Duration BUSY_WAIT = Duration.ofSeconds(10);
    /** A result file ({@link #output}) or one being written ({@link #writeOutput}); group 1 is the job's id. */
    private static final Pattern OUTPUT = Pattern.compile("job-([0-9]{1,18})(?:\\.json|-[0-9]+\\.part)");

    /** The work of one job kind: reads its request, reports progress through the running job, returns the result document. */
    @FunctionalInterface
    interface Work<R> {
        ObjectNode run(R request, Running job) throws Exception;
    }

    /**
     * Writes the result file of a job of one kind again from its stored request, the same bytes its run wrote: for a
     * process asked for the file of a job another process ran (each keeps its files in its own data directory).
     */
    @FunctionalInterface
    interface Output<R> {
        void write(R request, String owner, OutputStream out) throws IOException;
    }

    /** Writes a result file's bytes. */
    @FunctionalInterface
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private record Kind<R>(Class<R> type, Work<R> work, Output<R> output) {
        ObjectNode run(QueuedJob job, Running running) throws Exception {
            return work.run(job.request().as(type), running);
        }

        void writeAgain(QueuedJob job, OutputStream out) throws IOException {
            output.write(job.request().as(type), job.owner(), out);
        }
    }

    /** A job this process works on: what its work sees. */
    static final class Running {
        final long id;
        final String owner;
        final int attempts;
        private final AtomicLong done;
        private final AtomicLong total;
        private volatile Renewal renewal = Renewal.HELD;

        Running(QueuedJob job) {
            this.id = job.id();
            this.owner = job.owner();
            this.attempts = job.attempts();
            this.done = new AtomicLong(job.done());
            this.total = new AtomicLong(job.total());
        }

        void progress(long doneSoFar, long of) {
            done.set(doneSoFar);
            total.set(of);
        }
    }

    private final JobQueue queue;
    private final Path work;
    private final Function<Throwable, ApiProblem> problems;
    private final Map<String, Kind<?>> kinds = new ConcurrentHashMap<>();
    private final Map<Long, Thread> workers = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "azt3knet-job-leases");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore slots;
    private final Object wake = new Object();
    private volatile boolean closing;
    private volatile Thread dispatcher;

    Jobs(JobQueue queue, int parallel, Path work, Function<Throwable, ApiProblem> problems) {
        this.queue = queue;
        this.slots = new Semaphore(parallel);
        this.work = work;
        this.problems = problems;
    }

    /** Makes jobs of {@code kind} runnable here; every kind is registered before {@link #start()}. */
    <R> void register(String kind, Class<R> request, Work<R> work) {
        register(kind, request, work, null);
    }

    /** Like {@link #register(String, Class, Work)}, for a kind whose work writes a result file ({@link #writeOutput}). */
    <R> void register(String kind, Class<R> request, Work<R> work, Output<R> output) {
        if (kinds.putIfAbsent(kind, new Kind<>(request, work, output)) != null) {
            throw new IllegalStateException("job kind " + kind + " twice");
        }
    }

    /** Starts taking jobs from the queue, this process's and those other processes left. */
    void start() {
        dispatcher = Thread.ofVirtual().name("azt3knet-jobs").start(this::dispatch);
    }

    /** Queues a job; {@code target} names what it works on ({@code population:<id>}, {@code zone:<domain>}). */
    QueuedJob submit(String kind, String owner, String target, Object request) {
        if (!kinds.containsKey(kind)) throw new IllegalStateException("job kind " + kind + " is not registered");
        QueuedJob job = queue.submit(QUEUE, kind, target, owner, request);
        synchronized (wake) {
            wake.notifyAll();
        }
        return job;
    }

    Optional<QueuedJob> get(String id) {
        try {
            return queue.find(QUEUE, Long.parseLong(id));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }

    List<QueuedJob> list(Long before, int limit) {
        return queue.list(QUEUE, before, limit);
    }

    /** Cancels a job on whichever process runs it; empty when there is no such job. */
    Optional<QueuedJob> cancel(QueuedJob job) {
        return queue.cancel(QUEUE, job.id());
    }

    Map<JobState, Long> counts() {
        return queue.counts(QUEUE);
    }

    /** The file a job writes its result to (a large preview); in the data directory, so a restart still serves it. */
    Path output(long id) {
        return work.resolve("job-" + id + ".json");
    }

    /** Writes a running job's result file whole or not at all: a reader never sees part of one. */
    void writeOutput(long id, Writer writer) throws IOException {
        Files.createDirectories(work);
        Path partial = Files.createTempFile(work, "job-" + id + "-", ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                writer.write(out);
            }
            Files.move(partial, output(id), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Whether the job has a result file to read: it succeeded, and wrote one here or is of a kind that writes one. */
    boolean hasOutput(QueuedJob job) {
        if (job.state() != JobState.DONE) return false;
        Kind<?> kind = kinds.get(job.kind());
        return Files.exists(output(job.id())) || kind != null && kind.output() != null;
    }

    /**
     * Sends a finished job's result file: the one this process wrote, or, when another process ran the job, the same
     * bytes written again from its stored request. False when it has none.
     */
    boolean sendOutput(QueuedJob job, OutputStream out) throws IOException {
        if (!hasOutput(job)) return false;
        Path file = output(job.id());
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(out);
            }
        } else {
            kinds.get(job.kind()).writeAgain(job, out);
        }
        return true;
    }

    /** Deletes the jobs that ended before {@code cutoff} and their result files; returns how many. */
    int purge(java.time.Instant cutoff) {
        List<Long> gone = queue.purge(QUEUE, cutoff);
        gone.forEach(id -> delete(output(id)));
        return gone.size();
    }

    /**
     * Deletes the result files in this process's directory whose job no longer exists, and returns how many: the
     * process that runs a retention round deletes the jobs of every process but only its own files, so each process
     * sweeps its own. A file whose job is still queued, running or kept is left alone.
     */
    int sweepOutputs() {
        if (!Files.isDirectory(work)) return 0;
        int gone = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(work, "job-*")) {
            for (Path file : files) {
                Matcher m = OUTPUT.matcher(file.getFileName().toString());
                if (m.matches() && queue.find(QUEUE, Long.parseLong(m.group(1))).isEmpty()) {
                    delete(file);
                    gone++;
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // the directory cannot be read now; the next round tries again
        }
        return gone;
    }

    /** The state as the API names it. */
    static String state(JobState s) {
        return s == JobState.DONE ? "succeeded" : s.word();
    }

    ObjectNode json(QueuedJob job) {
        ObjectNode o = Json.object();
        o.put("id", Long.toString(job.id()));
        o.put("kind", job.kind());
        o.put("state", state(job.state()));
        if (job.cancelRequested() && job.state() == JobState.RUNNING) o.put("cancel_requested", true);
        o.putObject("progress").put("done", job.done()).put("total", job.total());
        o.put("attempts", job.attempts());
        job.holder().ifPresent(h -> o.put("worker", h)); // which serve process runs it, or ran it
        o.put("created_at", job.createdAt().toString());
        job.finishedAt().ifPresent(f -> o.put("finished_at", f.toString()));
        job.result().ifPresent(r -> o.set("result", r.as(JsonNode.class)));
        job.error().ifPresent(e -> o.set("error", e.as(JsonNode.class)));
        ObjectNode l = o.putObject("links");
        l.put("self", "/api/jobs/" + job.id());
        if (job.target().startsWith("population:")) {
            String population = job.target().substring("population:".length());
            l.put("population", "/api/populations/" + population).put("agents", "/api/populations/" + population + "/agents");
        }
        if (hasOutput(job)) l.put("result", "/api/jobs/" + job.id() + "/result");
        return o;
    }

    private void dispatch() {
        while (!closing) {
            try {
                slots.acquire();
                Optional<QueuedJob> claimed;
                try {
                    claimed = closing ? Optional.empty() : queue.claim(QUEUE, LEASE);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot claim a job: {0}", e.getMessage());
                    claimed = Optional.empty();
                }
                if (claimed.isEmpty()) {
                    slots.release();
                    synchronized (wake) {
                        if (!closing) wake.wait(POLL.toMillis());
                    }
                    continue;
                }
                QueuedJob job = claimed.get();
                threads.submit(() -> {
                    try {
                        run(job);
                    } finally {
                        slots.release();
                    }
                });
            } catch (InterruptedException e) {
                return;
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                return;
            }
        }
    }

    private void run(QueuedJob job) {
        Running running = new Running(job);
        Kind<?> kind = kinds.get(job.kind());
        if (kind == null) {
            // A newer build's kind (a rolling upgrade, or a downgrade): putting it back would have it claimed here again
            // and again, for ever if no process knows it, so it fails once, saying what would run it.
            try {
                queue.finish(job.id(), JobState.FAILED, null, unknownKind(job).body("/api/jobs/" + job.id()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot record the end of job {0}: {1}", Long.toString(job.id()), e.getMessage());
            }
            return;
        }
        Thread me = Thread.currentThread();
        workers.put(job.id(), me);
        ScheduledFuture<?> beat = renewals.scheduleWithFixedDelay(() -> renew(running, me), RENEW.toMillis(), RENEW.toMillis(),
                TimeUnit.MILLISECONDS);
        ObjectNode result = null;
        Throwable failure = null;
        boolean stopped;
        try {
            result = kind.run(job, running);
        } catch (Throwable e) {
            failure = e;
        } finally {
            beat.cancel(false);
            workers.remove(job.id());
            stopped = Thread.interrupted(); // the flag was for the work; the outcome below must still be written
        }
        try {
            end(job, running, result, failure, stopped);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot record the end of job {0}: {1}; it runs again once its lease expires",
                    Long.toString(job.id()), e.getMessage());
        }
    }

    private static ApiProblem unknownKind(QueuedJob job) {
        String version = Jobs.class.getPackage().getImplementationVersion();
        return new ApiProblem(501, "Unknown job kind", "unknown job kind '" + job.kind() + "': this serve" + (version == null ? ""
                : " (version " + version + ")") + " does not run it; run a serve of the version that accepted the job, or newer,"
                + " and send the request again", null, List.of(), null);
    }

    private void renew(Running running, Thread worker) {
        try {
            Renewal r = queue.renew(running.id, running.done.get(), running.total.get(), LEASE);
            if (r != Renewal.HELD && running.renewal == Renewal.HELD) {
                running.renewal = r;
                worker.interrupt();
            }
        } catch (RuntimeException e) {
            // the database is away for a moment; the lease outlasts a few missed renewals
            LOG.log(System.Logger.Level.WARNING, "cannot renew the lease of job {0}: {1}", Long.toString(running.id), e.getMessage());
        }
    }

    /**
     * Writes how the job ended. A cancelled job whose work ran to its end anyway (it had no step left to stop at)
     * succeeded; one whose work stopped (it threw, or returned early still interrupted) was cancelled.
     */
    private void end(QueuedJob job, Running running, ObjectNode result, Throwable failure, boolean stopped) {
        if (closing) {
            queue.release(job.id(), Duration.ZERO); // stopped by a shutdown, not by the job: the next process carries on
            return;
        }
        Renewal last = running.renewal == Renewal.HELD ? queue.renew(job.id(), running.done.get(), running.total.get(), LEASE)
                : running.renewal;
        if (last == Renewal.LOST) return; // another process holds it now and writes its outcome
        if (last == Renewal.CANCEL_REQUESTED && (failure != null || stopped)) {
            queue.finish(job.id(), JobState.CANCELLED, result, null);
        } else if (failure == null) {
            queue.finish(job.id(), JobState.DONE, result, null);
        } else if (failure instanceof JobBusyException) {
            queue.release(job.id(), BUSY_WAIT); // another run holds what this one works on (its process may have died)
        } else {
            queue.finish(job.id(), JobState.FAILED, null, problems.apply(failure).body("/api/jobs/" + job.id()));
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            // a result file; the next retention round tries again
        }
    }

    /** Stops taking jobs and puts the running ones back in the queue for the next process. */
    @Override
    public void close() {
        closing = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        if (dispatcher != null) dispatcher.interrupt();
        workers.values().forEach(Thread::interrupt);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) threads.shutdownNow();
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        renewals.shutdownNow();
    }
}
