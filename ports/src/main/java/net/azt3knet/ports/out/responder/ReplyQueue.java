package net.azt3knet.ports.out.responder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Driven port: the responder's durable queue of received messages, shared by every {@code serve} on the database.
 * One entry per agent and Message-ID (a message fed twice, by IMAP and a webhook, or after a restart, is queued once).
 * Entries are claimed under a lease ({@code FOR UPDATE SKIP LOCKED}, the holder naming its process, as the job queue and
 * the SMTP spool claim), so a restart or a second instance loses and doubles nothing. The content is stored as given:
 * the caller encrypts it.
 */
public interface ReplyQueue {

    enum State { PENDING, PROCESSING, COMPLETED, FAILED }

    /**
     * A message to queue.
     *
     * @param agent      the agent's address, lower case
     * @param population the agent's population id
     * @param messageId  the Message-ID (the dedupe key, with {@code agent})
     * @param source     where it came from: {@code mailbox} (the mail intake), {@code smtp}, {@code mailjet}
     * @param threadId   the thread's root Message-ID
     * @param senderHash SHA-256 hex of the sender's lower-case address (addresses are not stored in the clear)
     * @param content    the raw message, encrypted by the caller
     * @param receivedAt when it arrived
     */
    record NewMail(String agent, String population, String messageId, String source, String threadId, String senderHash,
                   byte[] content, Instant receivedAt) {
        public NewMail {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(population, "population");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(threadId, "threadId");
            Objects.requireNonNull(senderHash, "senderHash");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(receivedAt, "receivedAt");
        }
    }

    /**
     * One entry as stored, without its content.
     *
     * @param outcome the decision's word ({@code answer}, {@code auto-submitted}, …) once decided
     * @param detail  the decision's or the last failure's explanation
     */
    record Entry(long id, String agent, String population, String messageId, String source, String threadId,
                 String senderHash, State state, int attempts, Optional<Instant> lastAttemptAt,
                 Optional<Instant> nextAttemptAt, Optional<String> outcome, Optional<String> detail, Instant receivedAt) {
    }

    /** A claimed entry and its (encrypted) content. */
    record Claimed(Entry entry, byte[] content) {
    }

    /** Which entries a listing shows; empty fields match all. Newest first, ids below {@code before}. */
    record Filter(Optional<State> state, Optional<String> agent, Optional<String> population, Optional<Long> before, int limit) {
    }

    /** Queues {@code mail}; empty when this agent has a message with this Message-ID queued already. */
    Optional<Entry> enqueue(NewMail mail);

    /**
     * Up to {@code max} pending entries whose next attempt is due (or processing ones whose lease ran out), oldest
     * first, now {@code PROCESSING} and leased to this process for {@code lease}; attempts + 1.
     */
    List<Claimed> claim(int max, Duration lease);

    /** Ends an entry this process holds: {@code COMPLETED} with the decision. False when it is not held here. */
    boolean complete(long id, String outcome, String detail);

    /**
     * A failed attempt on an entry this process holds: back to {@code PENDING}, due at {@code retryAt}, or
     * {@code FAILED} for good when {@code retryAt} is empty. False when it is not held here.
     */
    boolean fail(long id, String detail, Optional<Instant> retryAt);

    Optional<Entry> find(long id);

    List<Entry> list(Filter filter);

    /** A failed (or completed) entry back to pending, due now; false when there is none or it is being processed. */
    boolean retry(long id);

    /** Deletes an entry that is not being processed; false otherwise. */
    boolean drop(long id);

    /** The earlier messages of a thread for an agent, oldest first, at most {@code limit}, with their content. */
    List<Claimed> thread(String agent, String threadId, int limit);

    Map<State, Long> counts();
}
