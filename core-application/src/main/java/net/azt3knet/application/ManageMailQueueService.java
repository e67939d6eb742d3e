package net.azt3knet.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.ports.in.ManageMailQueueUseCase;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.MessageSpool.Change;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpoolEntry;
import net.azt3knet.ports.out.spool.SpoolQuery;
import net.azt3knet.ports.out.spool.SpoolState;
import net.azt3knet.ports.out.spool.SpooledMessage;

/** The queue commands over the spool: each change made, then audited as {@code queue.<change>} on {@code queue:<id>}. */
public final class ManageMailQueueService implements ManageMailQueueUseCase {

    private final MessageSpool spool;
    private final AuditTrail audit;
    private final Clock clock;

    public ManageMailQueueService(MessageSpool spool, AuditTrail audit, Clock clock) {
        this.spool = spool;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Page list(SpoolQuery query, QueueId before, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new RejectedCommandException("--limit " + limit + " is not a page size: give 1 to " + MAX_PAGE);
        }
        // One more than asked tells whether another page follows without a second query.
        List<SpoolEntry> rows = spool.list(query, before, limit + 1);
        if (rows.size() <= limit) return new Page(rows, Optional.empty());
        List<SpoolEntry> page = rows.subList(0, limit);
        return new Page(page, Optional.of(page.getLast().id()));
    }

    @Override
    public Optional<SpooledMessage> show(QueueId id) {
        return spool.find(id);
    }

    @Override
    public Optional<SpoolEntry> hold(QueueId id, String actor) {
        return change(id, Change.HOLD, SpoolState.HELD, "only a queued or deferred message can be held", actor);
    }

    @Override
    public Optional<SpoolEntry> release(QueueId id, String actor) {
        return change(id, Change.RELEASE, SpoolState.QUEUED, "only a held message can be released", actor);
    }

    @Override
    public Optional<SpoolEntry> retry(QueueId id, String actor) {
        return change(id, Change.RETRY, SpoolState.QUEUED, "only a queued, deferred or held message can be retried", actor);
    }

    private Optional<SpoolEntry> change(QueueId id, Change change, SpoolState to, String rule, String actor) {
        Optional<SpoolState> before = spool.find(id).map(m -> m.entry().state());
        if (before.isEmpty()) return Optional.empty();
        // Refused before the change when the state is plainly wrong; a race that leaves the message as it was is refused after it.
        if (!applies(change, before.get())) throw refused(id, before.get(), rule);
        Optional<SpoolEntry> after = spool.change(id, change);
        if (after.isEmpty()) return after;
        if (after.get().state() != to || after.get().nextAttemptAt().isPresent()) throw refused(id, after.get().state(), rule);
        audit.append(AuditEvent.ok(actor, "queue." + change.name().toLowerCase(java.util.Locale.ROOT), "queue:" + id,
                Map.of("from", word(before.get()), "to", word(to))));
        return after;
    }

    private static boolean applies(Change change, SpoolState s) {
        return switch (change) {
            case HOLD -> s == SpoolState.QUEUED || s == SpoolState.DEFERRED;
            case RELEASE -> s == SpoolState.HELD;
            case RETRY -> s == SpoolState.QUEUED || s == SpoolState.DEFERRED || s == SpoolState.HELD;
        };
    }

    private static RejectedCommandException refused(QueueId id, SpoolState state, String rule) {
        return new RejectedCommandException("message " + id + " is " + word(state) + ": " + rule
                + ("sending".equals(word(state)) ? " (an attempt is in flight; wait for it to end)" : ""));
    }

    private static String word(SpoolState s) {
        return s.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean delete(QueueId id, String actor) {
        Optional<SpoolState> state = spool.find(id).map(m -> m.entry().state());
        if (state.isEmpty()) return false;
        if (!spool.delete(id)) {
            if (spool.find(id).isEmpty()) return false;
            throw refused(id, SpoolState.SENDING, "a message is deleted only when no attempt is in flight");
        }
        audit.append(AuditEvent.ok(actor, "queue.delete", "queue:" + id, Map.of("state", word(state.get()))));
        return true;
    }

    @Override
    public Purge purge(SpoolQuery query, boolean confirmed, String actor) {
        if (query.everything()) {
            // Emptying the whole queue (its sent history too) takes asking for it state by state.
            throw new RejectedCommandException("a purge needs at least one filter (--state, --sender, --recipient or --older-than),"
                    + " e.g. --state sent --older-than 7d");
        }
        long matched = spool.count(query);
        if (!confirmed) return new Purge(matched, 0);
        long removed = spool.purge(query);
        audit.append(AuditEvent.ok(actor, "queue.purge", "queue", describe(query, removed)));
        return new Purge(matched, removed);
    }

    private static Map<String, String> describe(SpoolQuery q, long removed) {
        Map<String, String> d = new java.util.TreeMap<>();
        d.put("removed", Long.toString(removed));
        q.state().ifPresent(s -> d.put("state", word(s)));
        q.sender().ifPresent(s -> d.put("sender", s));
        q.recipient().ifPresent(r -> d.put("recipient", r));
        q.createdBefore().ifPresent(t -> d.put("created_before", t.toString()));
        return d;
    }

    @Override
    public Map<SpoolState, Long> depth() {
        return spool.counts();
    }

    @Override
    public Optional<Duration> oldestWaiting() {
        Instant now = clock.instant();
        return Stream.of(SpoolState.QUEUED, SpoolState.DEFERRED).map(spool::oldest).flatMap(Optional::stream)
                .min(Instant::compareTo).map(t -> t.isAfter(now) ? Duration.ZERO : Duration.between(t, now));
    }
}
