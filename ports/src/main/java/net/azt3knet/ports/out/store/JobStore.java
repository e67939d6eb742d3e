package net.azt3knet.ports.out.store;

import java.time.Duration;
import java.util.Optional;

/**
 * Driven port: resumable runs of long work (a reconcile) in the job table. One unfinished job per kind and target: a
 * new run of the same work continues it, and a live lease keeps two runs from working on it at once.
 */
public interface JobStore {

    /** A job as stored. */
    record Job(long id, String kind, String target, JobState state, Progress payload, int attempts, boolean resumed) {
    }

    /** What a run has done, stored with it (as JSON) for whoever reads the job table. */
    record Progress(long done, long total, int failures, long compensated) {

        /** {@code done} of {@code total} changes, nothing failed yet. */
        public static Progress of(long done, long total) {
            return new Progress(done, total, 0, 0);
        }
    }

    /**
     * The unfinished job for {@code kind} and {@code target}, resumed (attempts + 1), or a new one with
     * {@code payload}; leased for {@code lease}.
     *
     * @throws JobBusyException when another run holds a live lease on it
     */
    Job claim(String kind, String target, Progress payload, Duration lease);

    /** Stores progress and extends the lease. */
    void progress(long id, Progress payload, Duration lease);

    /** Ends the job in {@code state} ({@link JobState#DONE} or {@link JobState#FAILED}) with its final payload, releasing the lease. */
    void finish(long id, JobState state, Progress payload);

    /** The latest job for {@code kind} and {@code target}, if any. */
    Optional<Job> latest(String kind, String target);

    /** Another run holds the job's lease. */
    final class JobBusyException extends RuntimeException {
        public JobBusyException(String message) {
            super(message);
        }
    }
}
