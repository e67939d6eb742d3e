package net.azt3knet.testkit.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import net.azt3knet.ports.out.inbound.InboundMailbox.InboundMessage;
import net.azt3knet.ports.out.responder.MailErasure;

/**
 * {@link MailErasure} over the in-memory queue and reply store, and the inbound messages kept with {@link #keep}.
 * {@code agentsOf} gives a population's agent addresses, as the stored population does for the PostgreSQL erasure.
 */
public final class InMemoryMailErasure implements MailErasure {

    private final InMemoryReplyQueue queue;
    private final InMemoryReplyStore replies;
    private final Function<String, List<String>> agentsOf;
    private final List<InboundMessage> inbound = new ArrayList<>();

    public InMemoryMailErasure(InMemoryReplyQueue queue, InMemoryReplyStore replies, Function<String, List<String>> agentsOf) {
        this.queue = queue;
        this.replies = replies;
        this.agentsOf = agentsOf;
    }

    /** A message in the inbound store (what the webhook kept). */
    public synchronized void keep(InboundMessage message) {
        inbound.add(message);
    }

    /** The inbound messages still kept, in the order kept. */
    public synchronized List<InboundMessage> inbound() {
        return List.copyOf(inbound);
    }

    private long removeInbound(Predicate<InboundMessage> gone) {
        int before = inbound.size();
        inbound.removeIf(gone);
        return before - inbound.size();
    }

    @Override
    public synchronized Erased olderThan(String population, Instant cutoff) {
        List<String> agents = agentsOf.apply(population);
        long in = removeInbound(m -> agents.contains(m.recipient()) && m.receivedAt().isBefore(cutoff));
        long queued = queue.removeIf(e -> e.population().equals(population) && e.receivedAt().isBefore(cutoff));
        long replied = replies.removeIf(r -> r.population().equals(population) && r.createdAt().isBefore(cutoff));
        return new Erased(in, queued, replied);
    }

    @Override
    public synchronized Erased address(String address, String addressHash) {
        String a = address.toLowerCase(Locale.ROOT);
        long in = removeInbound(m -> m.recipient().toLowerCase(Locale.ROOT).equals(a)
                || m.sender() != null && m.sender().toLowerCase(Locale.ROOT).equals(a));
        long queued = queue.removeIf(e -> e.senderHash().equals(addressHash));
        long replied = replies.removeIf(r -> r.recipientHash().equals(addressHash));
        return new Erased(in, queued, replied);
    }
}
