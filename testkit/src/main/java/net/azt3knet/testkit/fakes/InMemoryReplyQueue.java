package net.azt3knet.testkit.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import net.azt3knet.ports.out.responder.ReplyQueue;

/**
 * {@link ReplyQueue} in memory for one process; {@link #process(String)} gives another process on the same entries, so
 * leases and takeovers can be exercised.
 */
public final class InMemoryReplyQueue implements ReplyQueue {

    private static final class Row {
        final long id;
        final NewMail mail;
        final byte[] content;
        State state = State.PENDING;
        int attempts;
        Instant lastAttemptAt;
        Instant nextAttemptAt;
        String outcome;
        String detail;
        Instant leaseUntil;
        String holder;

        Row(long id, NewMail mail) {
            this.id = id;
            this.mail = mail;
            this.content = mail.content().clone();
        }

        Entry entry() {
            return new Entry(id, mail.agent(), mail.population(), mail.messageId(), mail.source(), mail.threadId(),
                    mail.senderHash(), state, attempts, Optional.ofNullable(lastAttemptAt), Optional.ofNullable(nextAttemptAt),
                    Optional.ofNullable(outcome), Optional.ofNullable(detail), mail.receivedAt());
        }

        Claimed claimed() {
            return new Claimed(entry(), content.clone());
        }
    }

    private static final class Rows {
        final TreeMap<Long, Row> byId = new TreeMap<>();
        long next = 1;
    }

    private final Clock clock;
    private final Rows shared;
    private final String self;

    public InMemoryReplyQueue(Clock clock) {
        this(clock, new Rows(), "process-1");
    }

    private InMemoryReplyQueue(Clock clock, Rows shared, String self) {
        this.clock = clock;
        this.shared = shared;
        this.self = self;
    }

    /** Another process, named {@code name}, on the same entries and clock. */
    public InMemoryReplyQueue process(String name) {
        return new InMemoryReplyQueue(clock, shared, name);
    }

    @Override
    public Optional<Entry> enqueue(NewMail mail) {
        synchronized (shared) {
            boolean known = shared.byId.values().stream()
                    .anyMatch(r -> r.mail.agent().equals(mail.agent()) && r.mail.messageId().equals(mail.messageId()));
            if (known) return Optional.empty();
            Row r = new Row(shared.next++, mail);
            shared.byId.put(r.id, r);
            return Optional.of(r.entry());
        }
    }

    @Override
    public List<Claimed> claim(int max, Duration lease) {
        if (max <= 0) throw new IllegalArgumentException("claim at least one message, not " + max);
        synchronized (shared) {
            Instant now = clock.instant();
            List<Claimed> claimed = new ArrayList<>();
            for (Row r : shared.byId.values()) {
                if (claimed.size() == max) break;
                boolean due = r.state == State.PENDING && (r.nextAttemptAt == null || !r.nextAttemptAt.isAfter(now));
                boolean abandoned = r.state == State.PROCESSING && r.leaseUntil != null && !r.leaseUntil.isAfter(now);
                if (!due && !abandoned) continue;
                r.state = State.PROCESSING;
                r.attempts++;
                r.lastAttemptAt = now;
                r.leaseUntil = now.plus(lease);
                r.holder = self;
                claimed.add(r.claimed());
            }
            return claimed;
        }
    }

    private Optional<Row> held(long id) {
        Row r = shared.byId.get(id);
        return r != null && r.state == State.PROCESSING && self.equals(r.holder) ? Optional.of(r) : Optional.empty();
    }

    @Override
    public boolean complete(long id, String outcome, String detail) {
        synchronized (shared) {
            return held(id).map(r -> {
                r.state = State.COMPLETED;
                r.outcome = outcome;
                r.detail = detail;
                r.nextAttemptAt = null;
                release(r);
                return true;
            }).orElse(false);
        }
    }

    @Override
    public boolean fail(long id, String detail, Optional<Instant> retryAt) {
        synchronized (shared) {
            return held(id).map(r -> {
                r.state = retryAt.isPresent() ? State.PENDING : State.FAILED;
                r.detail = detail;
                r.nextAttemptAt = retryAt.orElse(null);
                release(r);
                return true;
            }).orElse(false);
        }
    }

    private static void release(Row r) {
        r.leaseUntil = null;
        r.holder = null;
    }

    @Override
    public Optional<Entry> find(long id) {
        synchronized (shared) {
            return Optional.ofNullable(shared.byId.get(id)).map(Row::entry);
        }
    }

    @Override
    public List<Entry> list(Filter filter) {
        synchronized (shared) {
            return shared.byId.descendingMap().values().stream()
                    .filter(r -> filter.before().map(b -> r.id < b).orElse(true))
                    .filter(r -> filter.state().map(s -> r.state == s).orElse(true))
                    .filter(r -> filter.agent().map(a -> r.mail.agent().equals(a)).orElse(true))
                    .filter(r -> filter.population().map(p -> r.mail.population().equals(p)).orElse(true))
                    .limit(filter.limit()).map(Row::entry).toList();
        }
    }

    @Override
    public boolean retry(long id) {
        synchronized (shared) {
            Row r = shared.byId.get(id);
            if (r == null || r.state == State.PROCESSING) return false;
            r.state = State.PENDING;
            r.nextAttemptAt = null;
            return true;
        }
    }

    @Override
    public boolean drop(long id) {
        synchronized (shared) {
            Row r = shared.byId.get(id);
            return r != null && r.state != State.PROCESSING && shared.byId.remove(id) != null;
        }
    }

    @Override
    public List<Claimed> thread(String agent, String threadId, int limit) {
        synchronized (shared) {
            return shared.byId.values().stream().filter(r -> r.mail.agent().equals(agent) && r.mail.threadId().equals(threadId))
                    .sorted(Comparator.comparing((Row r) -> r.mail.receivedAt()).thenComparingLong(r -> r.id))
                    .limit(limit).map(Row::claimed).toList();
        }
    }

    @Override
    public Map<State, Long> counts() {
        synchronized (shared) {
            Map<State, Long> counts = new EnumMap<>(State.class);
            for (State s : State.values()) counts.put(s, 0L);
            shared.byId.values().forEach(r -> counts.merge(r.state, 1L, Long::sum));
            return counts;
        }
    }

    /** Removes the entries {@code gone} selects, whatever their state (erasure); returns how many. */
    long removeIf(Predicate<Entry> gone) {
        synchronized (shared) {
            List<Long> ids = shared.byId.values().stream().filter(r -> gone.test(r.entry())).map(r -> r.id).toList();
            ids.forEach(shared.byId::remove);
            return ids.size();
        }
    }
}
