package net.azt3knet.testkit.fakes;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import net.azt3knet.domain.audit.AuditChain;
import net.azt3knet.domain.audit.AuditEntry;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.ports.out.audit.AuditTrail;

/** {@link AuditTrail} in memory, chained by the same {@link AuditChain} as every other store. */
public final class InMemoryAuditTrail implements AuditTrail {

    private final Clock clock;
    private final List<AuditEntry> entries = new ArrayList<>();

    public InMemoryAuditTrail(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized AuditEntry append(AuditEvent event) {
        AuditEntry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        AuditChain chain = last == null ? AuditChain.continuing(0, AuditChain.GENESIS)
                : AuditChain.continuing(last.sequence(), last.hash());
        AuditEntry e = chain.append(event, clock.instant());
        entries.add(e);
        return e;
    }

    @Override
    public synchronized List<AuditEntry> list(AuditQuery q) {
        List<AuditEntry> matching = entries.stream()
                .filter(e -> q.since() == null || !e.occurredAt().isBefore(q.since()))
                .filter(e -> q.action() == null || e.event().action().equals(q.action())
                        || e.event().action().startsWith(q.action() + "."))
                .filter(e -> q.target() == null || e.event().target().equals(q.target()))
                .filter(e -> q.before() == null || e.sequence() < q.before())
                .toList();
        return List.copyOf(matching.subList(Math.max(0, matching.size() - q.limit()), matching.size()));
    }

    @Override
    public synchronized void scan(Predicate<AuditEntry> each) {
        for (AuditEntry e : List.copyOf(entries)) if (!each.test(e)) return;
    }

    /** Number of entries (a test's view; not part of the port). */
    public synchronized int size() {
        return entries.size();
    }

    /** Replaces entry {@code i}: how tests tamper with the in-memory trail. */
    public synchronized void replace(int i, AuditEntry e) {
        entries.set(i, e);
    }

    /** Removes entry {@code i}: how tests tamper with the in-memory trail. */
    public synchronized void remove(int i) {
        entries.remove(i);
    }
}
