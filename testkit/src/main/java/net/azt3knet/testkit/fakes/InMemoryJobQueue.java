package net.azt3knet.testkit.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.ports.out.store.JobQueue;
import net.azt3knet.ports.out.store.JobState;
import net.azt3knet.ports.out.store.PeriodicTasks;

/**
 * {@link JobQueue} and {@link PeriodicTasks} in memory for one process; {@link #process(String)} gives another process
 * on the same rows, so leases, takeovers and cancels across processes can be exercised. Leases are measured on the
 * given clock; documents are kept as the objects given.
 */
public final class InMemoryJobQueue implements JobQueue, PeriodicTasks {

    private record Doc(Object value) implements Document {
        @Override
        public <T> T as(Class<T> type) {
            return type.cast(value);
        }
    }

    private static final class Row {
        final long id;
        final String queue;
        final String kind;
        final String target;
        final String owner;
        final Object request;
        final Instant createdAt;
        JobState state = JobState.QUEUED;
        long done;
        long total;
        Object result;
        Object error;
        int attempts;
        boolean cancelRequested;
        Instant updatedAt;
        Instant finishedAt;
        Instant leaseUntil;
        String holder;

        Row(long id, String queue, String kind, String target, String owner, Object request, Instant now) {
            this.id = id;
            this.queue = queue;
            this.kind = kind;
            this.target = target;
            this.owner = owner;
            this.request = request;
            this.createdAt = now;
            this.updatedAt = now;
        }

        QueuedJob job() {
            return new QueuedJob(id, queue, kind, target, owner, state, done, total, new Doc(request),
                    Optional.ofNullable(result).map(Doc::new), Optional.ofNullable(error).map(Doc::new), attempts, cancelRequested,
                    createdAt, updatedAt, Optional.ofNullable(finishedAt),
                    Optional.ofNullable(holder));
        }
    }

    private static final class Rows {
        final List<Row> rows = new ArrayList<>();
        long lastId;
        final Map<String, Instant> schedule = new HashMap<>();
    }

    private final Clock clock;
    private final Rows shared;
    private final String self;

    public InMemoryJobQueue(Clock clock) {
        this(clock, new Rows(), "process-1");
    }

    private InMemoryJobQueue(Clock clock, Rows shared, String self) {
        this.clock = clock;
        this.shared = shared;
        this.self = self;
    }

    /** Another process, named {@code name}, on the same rows and clock. */
    public InMemoryJobQueue process(String name) {
        return new InMemoryJobQueue(clock, shared, name);
    }

    private Optional<Row> row(long id) {
        return shared.rows.stream().filter(r -> r.id == id).findFirst();
    }

    private Optional<Row> heldHere(long id) {
        return row(id).filter(r -> r.state == JobState.RUNNING && self.equals(r.holder));
    }

    @Override
    public QueuedJob submit(String queue, String kind, String target, String owner, Object request) {
        synchronized (shared) {
            Row r = new Row(++shared.lastId, queue, kind, target, owner, request, clock.instant());
            shared.rows.add(r);
            return r.job();
        }
    }

    @Override
    public Optional<QueuedJob> claim(String queue, Duration lease) {
        synchronized (shared) {
            Instant now = clock.instant();
            for (Row r : shared.rows) {
                if (!r.queue.equals(queue) || r.state.terminal()) continue;
                if (r.leaseUntil != null && r.leaseUntil.isAfter(now)) continue;
                r.updatedAt = now;
                if (r.cancelRequested) {
                    r.state = JobState.CANCELLED;
                    r.finishedAt = now;
                    r.leaseUntil = null;
                    continue;
                }
                r.state = JobState.RUNNING;
                r.attempts++;
                r.leaseUntil = now.plus(lease);
                r.holder = self;
                return Optional.of(r.job());
            }
            return Optional.empty();
        }
    }

    @Override
    public Renewal renew(long id, long done, long total, Duration lease) {
        synchronized (shared) {
            Optional<Row> held = heldHere(id);
            if (held.isEmpty()) return Renewal.LOST;
            Row r = held.get();
            r.done = done;
            r.total = total;
            r.leaseUntil = clock.instant().plus(lease);
            r.updatedAt = clock.instant();
            return r.cancelRequested ? Renewal.CANCEL_REQUESTED : Renewal.HELD;
        }
    }

    @Override
    public void finish(long id, JobState state, Object result, Object error) {
        if (!state.terminal()) throw new IllegalArgumentException("a job finishes done, failed or cancelled, not " + state.word());
        synchronized (shared) {
            heldHere(id).ifPresent(r -> {
                r.state = state;
                r.result = result;
                r.error = error;
                r.leaseUntil = null;
                r.finishedAt = clock.instant();
                r.updatedAt = clock.instant();
            });
        }
    }

    @Override
    public void release(long id, Duration wait) {
        synchronized (shared) {
            heldHere(id).ifPresent(r -> {
                r.state = JobState.QUEUED;
                r.leaseUntil = clock.instant().plus(wait);
                r.holder = null;
                r.updatedAt = clock.instant();
            });
        }
    }

    @Override
    public Optional<QueuedJob> find(String queue, long id) {
        synchronized (shared) {
            return row(id).filter(r -> r.queue.equals(queue)).map(Row::job);
        }
    }

    @Override
    public List<QueuedJob> list(String queue, Long before, int limit) {
        synchronized (shared) {
            List<QueuedJob> out = new ArrayList<>();
            for (int i = shared.rows.size() - 1; i >= 0 && out.size() < limit; i--) {
                Row r = shared.rows.get(i);
                if (r.queue.equals(queue) && (before == null || r.id < before)) out.add(r.job());
            }
            return out;
        }
    }

    @Override
    public Optional<QueuedJob> cancel(String queue, long id) {
        synchronized (shared) {
            Optional<Row> found = row(id).filter(r -> r.queue.equals(queue));
            found.ifPresent(r -> {
                if (r.state == JobState.QUEUED) {
                    r.state = JobState.CANCELLED;
                    r.cancelRequested = true;
                    r.leaseUntil = null;
                    r.finishedAt = clock.instant();
                } else if (r.state == JobState.RUNNING) {
                    r.cancelRequested = true;
                }
            });
            return found.map(Row::job);
        }
    }

    @Override
    public Map<JobState, Long> counts(String queue) {
        synchronized (shared) {
            Map<JobState, Long> counts = new EnumMap<>(JobState.class);
            for (JobState s : JobState.values()) counts.put(s, 0L);
            shared.rows.stream().filter(r -> r.queue.equals(queue)).forEach(r -> counts.merge(r.state, 1L, Long::sum));
            return counts;
        }
    }

    @Override
    public List<Long> purge(String queue, Instant cutoff) {
        synchronized (shared) {
            List<Long> gone = new ArrayList<>();
            shared.rows.removeIf(r -> {
                boolean old = r.queue.equals(queue) && r.finishedAt != null && r.finishedAt.isBefore(cutoff);
                if (old) gone.add(r.id);
                return old;
            });
            return gone;
        }
    }

    @Override
    public boolean claimRound(String task, Duration every) {
        synchronized (shared) {
            Instant now = clock.instant();
            Instant next = shared.schedule.get(task);
            if (next != null && next.isAfter(now)) return false;
            shared.schedule.put(task, now.plus(every));
            return true;
        }
    }
}
