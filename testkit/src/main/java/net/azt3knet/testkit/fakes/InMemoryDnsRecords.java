package net.azt3knet.testkit.fakes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.azt3knet.domain.dns.DnsChange;
import net.azt3knet.domain.dns.Rrset;
import net.azt3knet.domain.dns.Zone;
import net.azt3knet.ports.out.dns.DnsRecords;
import net.azt3knet.ports.out.dns.DnsRecordsException;

/** {@link DnsRecords} in memory, counting write requests; {@link #failNextApply} makes the next apply fail. */
public final class InMemoryDnsRecords implements DnsRecords {

    private final Map<String, List<Rrset>> zones = new HashMap<>();
    private final int minimumTtl;
    /** Apply requests that wrote something, and zones created. */
    public final AtomicInteger writes = new AtomicInteger();
    private DnsRecordsException nextFailure;

    public InMemoryDnsRecords(int minimumTtl) {
        this.minimumTtl = minimumTtl;
    }

    public synchronized void failNextApply(DnsRecordsException failure) {
        this.nextFailure = failure;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String endpoint() {
        return "memory";
    }

    /** When set, {@link #check} fails with it: a provider that is down or refuses the token. */
    public volatile DnsRecordsException checkFailure;

    @Override
    public void check() {
        if (checkFailure != null) throw checkFailure;
    }

    @Override
    public synchronized Optional<Zone> zone(String domain) {
        List<Rrset> sets = zones.get(domain);
        return sets == null ? Optional.empty() : Optional.of(new Zone(domain, minimumTtl, sets));
    }

    @Override
    public synchronized Zone createZone(String domain) {
        if (!zones.containsKey(domain)) {
            writes.incrementAndGet();
            zones.put(domain, new ArrayList<>(List.of(new Rrset("", "NS", 3600, List.of("ns1.memory.invalid.")))));
        }
        return zone(domain).orElseThrow();
    }

    @Override
    public synchronized void apply(String domain, List<DnsChange> changes) {
        if (changes.isEmpty()) return;
        if (nextFailure != null) {
            DnsRecordsException f = nextFailure;
            nextFailure = null;
            throw f;
        }
        List<Rrset> sets = zones.get(domain);
        if (sets == null) throw new DnsRecordsException(DnsRecordsException.Reason.NO_ZONE, "no zone " + domain);
        writes.incrementAndGet();
        for (DnsChange c : changes) {
            sets.removeIf(r -> r.subname().equals(c.subname()) && r.type().equals(c.type()));
            if (c.after() != null) sets.add(c.after());
        }
    }
}
