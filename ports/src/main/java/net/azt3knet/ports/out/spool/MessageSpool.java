package net.azt3knet.ports.out.spool;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Driven port: the SMTP gateway's durable queue of accepted messages, shared by every process on the storage.
 * A message is stored before the gateway says {@code 250}; relay workers claim due messages under a lease, record an
 * attempt ({@link #markSending}) before calling a provider, and end it sent, deferred to a later attempt, or bounced.
 * Only the lease's holder may move a message on; a message whose holder died is claimed again once its lease expires
 * (at once when that holder's process is gone from this host). Failures are {@link MessageSpoolException}.
 */
public interface MessageSpool {

    /** Commits the message and its envelope durably, {@link SpoolState#QUEUED}, and returns its id. */
    QueueId store(Envelope envelope, byte[] content);

    /**
     * As {@link #store}, for content sealed before it reaches the spool: {@code sealed} is kept as given and comes back
     * marked {@link SpooledMessage#sealed()}; {@code size} is the message's length in the clear (what budgets count).
     */
    QueueId storeSealed(Envelope envelope, byte[] sealed, int size);

    /**
     * Up to {@code max} due messages, oldest first, leased to this process for {@code lease}: queued ones, deferred
     * ones whose next attempt time has come, and {@link SpoolState#SENDING} ones whose holder is gone (their last
     * attempt's outcome is unknown: the caller reconciles before sending again). Two processes claiming at once get
     * different messages.
     */
    List<SpooledMessage> claim(int max, Duration lease);

    /** Records an attempt (attempts + 1, {@link SpoolState#SENDING}) on a message this process holds; false when the lease is lost. */
    boolean markSending(QueueId id);

    /** Ends a held message {@link SpoolState#SENT} with the provider's message id; false when the lease is lost. */
    boolean markSent(QueueId id, String providerMessageId);

    /** Puts a held message back, {@link SpoolState#DEFERRED} until {@code nextAttempt}, with why; false when the lease is lost. */
    boolean markDeferred(QueueId id, Instant nextAttempt, String reason);

    /** Ends a held message {@link SpoolState#BOUNCED} with why; false when the lease is lost. */
    boolean markBounced(QueueId id, String reason);

    /** One message with its content. */
    Optional<SpooledMessage> find(QueueId id);

    /** The newest {@code limit} messages (in {@code state} when given) with an id below {@code before} (null: from the newest), newest first. */
    default List<SpoolEntry> list(Optional<SpoolState> state, QueueId before, int limit) {
        return list(SpoolQuery.in(state), before, limit);
    }

    /** The newest {@code limit} messages matching {@code query} with an id below {@code before} (null: from the newest), newest first. */
    List<SpoolEntry> list(SpoolQuery query, QueueId before, int limit);

    /** How many messages match {@code query}. */
    long count(SpoolQuery query);

    /**
     * An operator's change to one message, made whoever holds its lease (a worker that claimed it then finds its lease
     * lost and moves it no further). Returns the message as it is afterwards; empty when no message has that id. A
     * message in a state the change does not apply to is returned unchanged.
     * <ul>
     *   <li>{@link Change#HOLD}: queued or deferred → {@link SpoolState#HELD};</li>
     *   <li>{@link Change#RELEASE}: held → queued, due now;</li>
     *   <li>{@link Change#RETRY}: queued, deferred or held → queued, due now.</li>
     * </ul>
     */
    Optional<SpoolEntry> change(QueueId id, Change change);

    /** What {@link #change} does. */
    enum Change {
        HOLD, RELEASE, RETRY
    }

    /** Removes one message unless an attempt is in flight ({@link SpoolState#SENDING}); false when nothing was removed. */
    boolean delete(QueueId id);

    /** Removes every message matching {@code query} except those {@link SpoolState#SENDING}; returns how many. */
    long purge(SpoolQuery query);

    /** When the oldest message in {@code state} was accepted; empty when none is. */
    Optional<Instant> oldest(SpoolState state);

    /** How many messages are in each state. */
    Map<SpoolState, Long> counts();

    /** What the messages not yet ended (queued, sending, deferred, held) take: their number and their bytes. */
    Waiting waiting();

    /** Messages not yet ended, and the bytes of their content. */
    record Waiting(long messages, long bytes) {
    }
}
