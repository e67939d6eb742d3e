package net.azt3knet.ports.out.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Driven port: durable work queues in the job table, shared by every process on the database. A job is submitted,
 * claimed by one worker at a time under a lease the worker renews, reports progress, and ends with a result or an
 * error. A job whose worker died is claimed again once its lease expires (at once when that worker's process is gone
 * from this host). Cancelling a running job is a flag its worker sees at its next renewal.
 */
public interface JobQueue {

    /** A stored JSON document, read back as the type it was written from (a record, or a Jackson tree). */
    interface Document {
        <T> T as(Class<T> type);
    }

    /**
     * A queued job as stored; {@code holder} names the process that holds its lease or held it last ({@code host/pid}),
     * empty while the job waits in the queue.
     */
    record QueuedJob(long id, String queue, String kind, String target, String owner, JobState state, long done, long total,
                     Document request, Optional<Document> result, Optional<Document> error, int attempts,
                     boolean cancelRequested, Instant createdAt, Instant updatedAt, Optional<Instant> finishedAt,
                     Optional<String> holder) {
    }

    /** What a worker learns when it renews its lease. */
    enum Renewal {
        /** Keep working. */
        HELD,
        /** A caller cancelled the job: stop and {@link #finish} it {@link JobState#CANCELLED}. */
        CANCEL_REQUESTED,
        /** Another process holds the job now (this one's lease expired): stop without writing anything. */
        LOST
    }

    /** Queues {@code request} (a record, stored as JSON) as a new job of {@code kind}. */
    QueuedJob submit(String queue, String kind, String target, String owner, Object request);

    /**
     * The oldest claimable job of {@code queue}, leased to this process for {@code lease}: a queued one whose wait is
     * over, or a running one whose holder's lease expired or whose process has ended on this host (attempts + 1).
     * Two processes claiming at once get different jobs ({@code FOR UPDATE SKIP LOCKED}).
     */
    Optional<QueuedJob> claim(String queue, Duration lease);

    /** Stores progress and extends this process's lease. */
    Renewal renew(long id, long done, long total, Duration lease);

    /** Ends a job this process holds in a terminal {@code state} with a result or an error document (either may be null). */
    void finish(long id, JobState state, Object result, Object error);

    /** Puts a job this process holds back in the queue, claimable after {@code wait} (a shutdown, a busy resource). */
    void release(long id, Duration wait);

    /** One job of {@code queue}. */
    Optional<QueuedJob> find(String queue, long id);

    /** The newest {@code limit} jobs of {@code queue} with an id below {@code before} (null: from the newest), newest first. */
    List<QueuedJob> list(String queue, Long before, int limit);

    /**
     * Cancels a job: a queued one ends at once, a running one is flagged for its worker. Empty when there is no such
     * job; the job unchanged when it had ended already.
     */
    Optional<QueuedJob> cancel(String queue, long id);

    /** How many jobs of {@code queue} are in each state. */
    Map<JobState, Long> counts(String queue);

    /** Deletes the jobs of {@code queue} that ended before {@code cutoff}; returns their ids. */
    List<Long> purge(String queue, Instant cutoff);
}
