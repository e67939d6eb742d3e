package net.azt3knet.ports.in;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpoolEntry;
import net.azt3knet.ports.out.spool.SpoolQuery;
import net.azt3knet.ports.out.spool.SpoolState;
import net.azt3knet.ports.out.spool.SpooledMessage;

/**
 * Driving port: the operator's view of the SMTP gateway's queue ({@code azt3knet queue …}, {@code /api/queue…}).
 * Every change is recorded in the audit trail under {@code actor}. A message that does not exist is an empty result;
 * a change that does not apply to the message's state is a {@link RejectedCommandException} saying why.
 */
public interface ManageMailQueueUseCase {

    /** The most a page holds. */
    int MAX_PAGE = 1000;

    /**
     * The query the queue commands' filters ({@code --state}, {@code --sender}, {@code --recipient},
     * {@code --older-than}; each may be null) ask for; the HTTP API's query parameters are the same names in snake case.
     * An age is a number of minutes, hours or days ({@code 90m}, {@code 24h}, {@code 7d}) before {@code now}.
     */
    static SpoolQuery query(String state, String sender, String recipient, String olderThan, Instant now) {
        Optional<SpoolState> s = Optional.ofNullable(state).map(ManageMailQueueUseCase::state);
        Optional<String> from = Optional.ofNullable(sender).map(a -> address("--sender", a));
        Optional<String> to = Optional.ofNullable(recipient).map(a -> address("--recipient", a));
        Optional<Instant> before = Optional.ofNullable(olderThan).map(a -> now.minus(age(a)));
        return new SpoolQuery(s, from, to, before);
    }

    /** A state as the listings print it ({@code queued}, {@code held}, …). */
    static SpoolState state(String word) {
        for (SpoolState s : SpoolState.values()) {
            if (s.name().equalsIgnoreCase(word.strip())) return s;
        }
        throw new RejectedCommandException("--state '" + word + "' is not a queue state; use one of "
                + String.join(", ", Arrays.stream(SpoolState.values()).map(x -> x.name().toLowerCase(Locale.ROOT)).toList()));
    }

    private static String address(String flag, String text) {
        String a = text.strip();
        // the null sender <> of bounces is asked for as an empty --sender
        if (flag.equals("--sender") && (a.isEmpty() || a.equals("<>"))) return "";
        if (a.length() > 320 || !a.matches("[^@\\s<>]+@[^@\\s<>]+")) {
            throw new RejectedCommandException(flag + " '" + text + "' is not an email address; give one such as agent@example.org");
        }
        return a;
    }

    private static Duration age(String text) {
        String t = text.strip();
        if (t.matches("\\d{1,6}[mhd]")) {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        throw new RejectedCommandException("--older-than '" + text + "' is not an age; give minutes, hours or days, e.g. 90m, 24h or 7d");
    }

    /**
     * One page of a listing, newest first.
     *
     * @param next the {@code before} that gives the next page; empty on the last one
     */
    record Page(List<SpoolEntry> entries, Optional<QueueId> next) {
        public Page {
            entries = List.copyOf(entries);
        }
    }

    /** Up to {@code limit} (1–{@value #MAX_PAGE}) messages matching {@code query} with an id below {@code before} (null: from the newest). */
    Page list(SpoolQuery query, QueueId before, int limit);

    /** One message with its content. */
    Optional<SpooledMessage> show(QueueId id);

    /** Sets a queued or deferred message aside: relay workers never claim it until released. */
    Optional<SpoolEntry> hold(QueueId id, String actor);

    /** Queues a held message again, due now. */
    Optional<SpoolEntry> release(QueueId id, String actor);

    /** Makes a queued, deferred or held message due now (attempts are kept). */
    Optional<SpoolEntry> retry(QueueId id, String actor);

    /** Removes a message for good unless an attempt is in flight; false when no message has that id. */
    boolean delete(QueueId id, String actor);

    /**
     * What a purge matched and removed.
     *
     * @param removed 0 when the purge was not confirmed
     */
    record Purge(long matched, long removed) {
    }

    /** Removes every message matching {@code query} (never one in flight) when {@code confirmed}; otherwise only counts them. */
    Purge purge(SpoolQuery query, boolean confirmed, String actor);

    /** How many messages are in each state. */
    Map<SpoolState, Long> depth();

    /** How long the oldest message waiting to be sent (queued or deferred) has waited; empty when none waits. */
    Optional<Duration> oldestWaiting();
}
