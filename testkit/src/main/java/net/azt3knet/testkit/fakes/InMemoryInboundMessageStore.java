package net.azt3knet.testkit.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.azt3knet.ports.out.inbound.InboundMailbox.Delivery;
import net.azt3knet.ports.out.inbound.InboundMessageStore;

/** {@link InboundMessageStore} in memory, for the agents with the addresses given; {@link #keepClear} puts a row of an earlier release. */
public final class InMemoryInboundMessageStore implements InboundMessageStore {

    private final Set<String> agents;
    private final List<Kept> rows = new ArrayList<>();
    private long nextId = 1;

    public InMemoryInboundMessageStore(String... agents) {
        this.agents = Set.of(agents);
    }

    /** A row as an earlier release kept it: subject and payload in the clear. */
    public synchronized void keepClear(String messageId, String recipient, String sender, String subject, String payload,
                                       Instant receivedAt) {
        rows.add(new Kept(nextId++, messageId, recipient, sender, "smtp", receivedAt, new Clear(subject, payload)));
    }

    /** Every row, in the order kept: what a test reads as the raw table. */
    public synchronized List<Kept> rows() {
        return List.copyOf(rows);
    }

    @Override
    public synchronized Delivery deliver(Sealed m) {
        if (!agents.contains(m.recipient())) return Delivery.UNKNOWN_RECIPIENT;
        if (rows.stream().anyMatch(r -> r.recipient().equals(m.recipient()) && r.messageId().equals(m.messageId()))) {
            return Delivery.DUPLICATE;
        }
        rows.add(new Kept(nextId++, m.messageId(), m.recipient(), m.sender(), m.source(), m.receivedAt(), new Box(m.box().clone())));
        return Delivery.STORED;
    }

    @Override
    public boolean knows(String address) {
        return agents.contains(address);
    }

    @Override
    public synchronized List<Kept> messages(String recipient, int limit) {
        List<Kept> theirs = rows.stream().filter(r -> r.recipient().equals(recipient)).toList();
        return theirs.subList(Math.max(0, theirs.size() - limit), theirs.size());
    }

    @Override
    public synchronized List<Kept> clear(int limit) {
        return rows.stream().filter(r -> r.content() instanceof Clear).limit(limit).toList();
    }

    @Override
    public synchronized boolean seal(long id, byte[] box) {
        for (int i = 0; i < rows.size(); i++) {
            Kept r = rows.get(i);
            if (r.id() == id && r.content() instanceof Clear) {
                rows.set(i, new Kept(r.id(), r.messageId(), r.recipient(), r.sender(), r.source(), r.receivedAt(), new Box(box.clone())));
                return true;
            }
        }
        return false;
    }
}
