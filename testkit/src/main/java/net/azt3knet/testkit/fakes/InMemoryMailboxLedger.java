package net.azt3knet.testkit.fakes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import net.azt3knet.domain.mailbox.LedgerMailbox;
import net.azt3knet.ports.out.store.MailboxLedger;

/** {@link MailboxLedger} in memory. */
public final class InMemoryMailboxLedger implements MailboxLedger {

    private record Key(UUID population, String provider, long index) {
    }

    private record Row(LedgerMailbox mailbox, Long jobId) {
    }

    private final Map<Key, Row> rows = new HashMap<>();

    @Override
    public synchronized Map<String, LedgerMailbox> entries(UUID population, String provider) {
        Map<String, LedgerMailbox> out = new HashMap<>();
        rows.forEach((k, r) -> {
            if (k.population.equals(population) && k.provider.equals(provider)) {
                out.put(r.mailbox.address().toLowerCase(Locale.ROOT), r.mailbox);
            }
        });
        return out;
    }

    @Override
    public synchronized Map<String, Long> providers(UUID population) {
        Map<String, Long> out = new TreeMap<>();
        rows.keySet().forEach(k -> {
            if (k.population.equals(population)) out.merge(k.provider, 1L, Long::sum);
        });
        return out;
    }

    @Override
    public synchronized void pending(UUID population, String provider, long agentIndex, String address, long jobId) {
        rows.put(new Key(population, provider, agentIndex),
                new Row(new LedgerMailbox(agentIndex, address, LedgerMailbox.Status.PENDING, null, -1), jobId));
    }

    @Override
    public synchronized void active(UUID population, String provider, long agentIndex, String address, String reference,
                                    int appliedRotation) {
        Key key = new Key(population, provider, agentIndex);
        Row before = rows.get(key);
        rows.put(key, new Row(new LedgerMailbox(agentIndex, address, LedgerMailbox.Status.ACTIVE, reference, appliedRotation),
                before == null ? null : before.jobId));
    }

    @Override
    public synchronized void forget(UUID population, String provider, long agentIndex) {
        rows.remove(new Key(population, provider, agentIndex));
    }

    @Override
    public synchronized List<LedgerMailbox> createdBy(UUID population, String provider, long jobId) {
        List<LedgerMailbox> out = new ArrayList<>();
        rows.forEach((k, r) -> {
            if (k.population.equals(population) && k.provider.equals(provider) && r.jobId != null && r.jobId == jobId) {
                out.add(r.mailbox);
            }
        });
        out.sort(java.util.Comparator.comparingLong(LedgerMailbox::agentIndex));
        return out;
    }
}
