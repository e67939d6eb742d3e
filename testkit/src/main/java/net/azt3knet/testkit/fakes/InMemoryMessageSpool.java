package net.azt3knet.testkit.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.MessageSpoolException;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpoolEntry;
import net.azt3knet.ports.out.spool.SpoolQuery;
import net.azt3knet.ports.out.spool.SpoolState;
import net.azt3knet.ports.out.spool.SpooledMessage;

/**
 * {@link MessageSpool} in memory for one process; {@link #process(String)} gives another process on the same messages,
 * so leases and takeovers can be exercised. {@link #failStores(boolean)} makes every store fail as a database that is
 * down would, so callers can show that nothing is acknowledged that was not stored.
 */
public final class InMemoryMessageSpool implements MessageSpool {

    private static final class Row {
        final long id;
        final Envelope envelope;
        final byte[] content;
        final boolean sealed;
        final int size;
        final Instant createdAt;
        SpoolState state = SpoolState.QUEUED;
        int attempts;
        Instant updatedAt;
        Instant nextAttemptAt;
        Instant leaseUntil;
        String holder;
        String providerMessageId;
        String lastError;

        Row(long id, Envelope envelope, byte[] content, boolean sealed, int size, Instant now) {
            this.id = id;
            this.envelope = envelope;
            this.content = content.clone();
            this.sealed = sealed;
            this.size = size;
            this.createdAt = now;
            this.updatedAt = now;
        }

        SpoolEntry entry() {
            return new SpoolEntry(new QueueId(id), envelope, state, size, attempts, createdAt, updatedAt,
                    Optional.ofNullable(nextAttemptAt), Optional.ofNullable(providerMessageId), Optional.ofNullable(lastError),
                    Optional.ofNullable(holder));
        }
    }

    private static final class Rows {
        final TreeMap<Long, Row> byId = new TreeMap<>();
        final AtomicBoolean failing = new AtomicBoolean();
        long next = 1;
    }

    private final Clock clock;
    private final Rows shared;
    private final String self;

    public InMemoryMessageSpool(Clock clock) {
        this(clock, new Rows(), "process-1");
    }

    private InMemoryMessageSpool(Clock clock, Rows shared, String self) {
        this.clock = clock;
        this.shared = shared;
        this.self = self;
    }

    /** Another process, named {@code name}, on the same messages and clock. */
    public InMemoryMessageSpool process(String name) {
        return new InMemoryMessageSpool(clock, shared, name);
    }

    /** While {@code failing}, every {@link #store} throws {@link MessageSpoolException} and keeps nothing. */
    public void failStores(boolean failing) {
        shared.failing.set(failing);
    }

    @Override
    public QueueId store(Envelope envelope, byte[] content) {
        return keep(envelope, content, false, content.length);
    }

    @Override
    public QueueId storeSealed(Envelope envelope, byte[] sealed, int size) {
        return keep(envelope, sealed, true, size);
    }

    private QueueId keep(Envelope envelope, byte[] content, boolean sealed, int size) {
        if (shared.failing.get()) throw new MessageSpoolException("cannot spool a message: the spool is failing (test)");
        synchronized (shared) {
            Row r = new Row(shared.next++, envelope, content, sealed, size, clock.instant());
            shared.byId.put(r.id, r);
            return new QueueId(r.id);
        }
    }

    @Override
    public List<SpooledMessage> claim(int max, Duration lease) {
        if (max <= 0) throw new IllegalArgumentException("claim at least one message, not " + max);
        synchronized (shared) {
            Instant now = clock.instant();
            List<SpooledMessage> claimed = new ArrayList<>();
            for (Row r : shared.byId.values()) {
                if (claimed.size() == max) break;
                if (r.state.terminal() || r.state == SpoolState.HELD) continue;
                if (r.leaseUntil != null && r.leaseUntil.isAfter(now)) continue;
                if (r.state != SpoolState.SENDING && r.nextAttemptAt != null && r.nextAttemptAt.isAfter(now)) continue;
                r.leaseUntil = now.plus(lease);
                r.holder = self;
                r.updatedAt = now;
                claimed.add(new SpooledMessage(r.entry(), r.content, r.sealed));
            }
            return claimed;
        }
    }

    private Optional<Row> held(QueueId id) {
        Row r = shared.byId.get(id.value());
        return r != null && !r.state.terminal() && r.state != SpoolState.HELD && self.equals(r.holder) ? Optional.of(r) : Optional.empty();
    }

    @Override
    public boolean markSending(QueueId id) {
        synchronized (shared) {
            return held(id).map(r -> {
                r.state = SpoolState.SENDING;
                r.attempts++;
                r.updatedAt = clock.instant();
                return true;
            }).orElse(false);
        }
    }

    @Override
    public boolean markSent(QueueId id, String providerMessageId) {
        synchronized (shared) {
            return held(id).map(r -> {
                r.state = SpoolState.SENT;
                r.providerMessageId = providerMessageId;
                r.leaseUntil = null;
                r.nextAttemptAt = null;
                r.updatedAt = clock.instant();
                return true;
            }).orElse(false);
        }
    }

    @Override
    public boolean markDeferred(QueueId id, Instant nextAttempt, String reason) {
        synchronized (shared) {
            return held(id).map(r -> {
                r.state = SpoolState.DEFERRED;
                r.nextAttemptAt = nextAttempt;
                r.lastError = reason;
                r.leaseUntil = null;
                r.updatedAt = clock.instant();
                return true;
            }).orElse(false);
        }
    }

    @Override
    public boolean markBounced(QueueId id, String reason) {
        synchronized (shared) {
            return held(id).map(r -> {
                r.state = SpoolState.BOUNCED;
                r.lastError = reason;
                r.leaseUntil = null;
                r.nextAttemptAt = null;
                r.updatedAt = clock.instant();
                return true;
            }).orElse(false);
        }
    }

    @Override
    public Optional<SpooledMessage> find(QueueId id) {
        synchronized (shared) {
            return Optional.ofNullable(shared.byId.get(id.value())).map(r -> new SpooledMessage(r.entry(), r.content, r.sealed));
        }
    }

    @Override
    public List<SpoolEntry> list(SpoolQuery query, QueueId before, int limit) {
        synchronized (shared) {
            return shared.byId.descendingMap().values().stream()
                    .filter(r -> before == null || r.id < before.value())
                    .map(Row::entry).filter(query::matches).limit(limit).toList();
        }
    }

    @Override
    public long count(SpoolQuery query) {
        synchronized (shared) {
            return shared.byId.values().stream().map(Row::entry).filter(query::matches).count();
        }
    }

    @Override
    public Optional<SpoolEntry> change(QueueId id, Change change) {
        synchronized (shared) {
            Row r = shared.byId.get(id.value());
            if (r == null) return Optional.empty();
            boolean applies = switch (change) {
                case HOLD -> r.state == SpoolState.QUEUED || r.state == SpoolState.DEFERRED;
                case RELEASE -> r.state == SpoolState.HELD;
                case RETRY -> r.state == SpoolState.QUEUED || r.state == SpoolState.DEFERRED || r.state == SpoolState.HELD;
            };
            if (applies) {
                r.state = change == Change.HOLD ? SpoolState.HELD : SpoolState.QUEUED;
                r.nextAttemptAt = null;
                r.leaseUntil = null;
                r.holder = null;
                r.updatedAt = clock.instant();
            }
            return Optional.of(r.entry());
        }
    }

    @Override
    public boolean delete(QueueId id) {
        synchronized (shared) {
            Row r = shared.byId.get(id.value());
            return r != null && r.state != SpoolState.SENDING && shared.byId.remove(id.value()) != null;
        }
    }

    @Override
    public long purge(SpoolQuery query) {
        synchronized (shared) {
            List<Long> gone = shared.byId.values().stream().filter(r -> r.state != SpoolState.SENDING && query.matches(r.entry()))
                    .map(r -> r.id).toList();
            gone.forEach(shared.byId::remove);
            return gone.size();
        }
    }

    @Override
    public Optional<Instant> oldest(SpoolState state) {
        synchronized (shared) {
            return shared.byId.values().stream().filter(r -> r.state == state).map(r -> r.createdAt).min(Instant::compareTo);
        }
    }

    @Override
    public Map<SpoolState, Long> counts() {
        synchronized (shared) {
            Map<SpoolState, Long> counts = new EnumMap<>(SpoolState.class);
            for (SpoolState s : SpoolState.values()) counts.put(s, 0L);
            shared.byId.values().forEach(r -> counts.merge(r.state, 1L, Long::sum));
            return counts;
        }
    }

    @Override
    public Waiting waiting() {
        synchronized (shared) {
            long messages = 0;
            long bytes = 0;
            for (Row r : shared.byId.values()) {
                if (r.state == SpoolState.SENT || r.state == SpoolState.BOUNCED) continue;
                messages++;
                bytes += r.size;
            }
            return new Waiting(messages, bytes);
        }
    }
}
