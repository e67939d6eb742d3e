package net.azt3knet.testkit.fakes;

import java.time.Instant;
import java.util.List;
import net.azt3knet.ports.out.inbound.InboundMailbox.InboundMessage;
import net.azt3knet.ports.out.responder.MailErasure;
import net.azt3knet.ports.out.responder.ReplyQueue;
import net.azt3knet.ports.out.responder.ReplyStore;
import net.azt3knet.ports.out.responder.ResponderRoster;
import net.azt3knet.ports.out.responder.UidCheckpoints;
import net.azt3knet.testkit.contracts.ResponderStoresContract;
import net.azt3knet.testkit.fixtures.SettableClock;

/** The responder's fakes obey the contract the PostgreSQL stores run. */
class InMemoryResponderStoresTest implements ResponderStoresContract {

    private static final String POPULATION = "5d1c2c8e-5a3e-4c1b-9f1e-2a7d3c4b5e6f";
    private static final List<String> AGENTS = List.of("carla@p.example", "ana@p.example", "beto@p.example");

    private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final InMemoryReplyQueue queue = new InMemoryReplyQueue(clock);
    private final InMemoryReplyStore replies = new InMemoryReplyStore();
    private final InMemoryResponderRoster roster = new InMemoryResponderRoster(p -> p.equals(POPULATION) ? AGENTS : List.of());
    private final InMemoryUidCheckpoints checkpoints = new InMemoryUidCheckpoints();
    private final InMemoryMailErasure erasure = new InMemoryMailErasure(queue, replies, p -> p.equals(POPULATION) ? AGENTS : List.of());

    @Override
    public ReplyQueue queue(String name) {
        return queue.process(name);
    }

    @Override
    public ReplyStore replies() {
        return replies;
    }

    @Override
    public ResponderRoster roster() {
        return roster;
    }

    @Override
    public UidCheckpoints checkpoints() {
        return checkpoints;
    }

    @Override
    public MailErasure erasure() {
        return erasure;
    }

    @Override
    public void keepInbound(InboundMessage message) {
        erasure.keep(message);
    }

    @Override
    public List<InboundMessage> inbound(String recipient) {
        return erasure.inbound().stream().filter(m -> m.recipient().equals(recipient)).toList();
    }

    @Override
    public SettableClock clock() {
        return clock;
    }

    @Override
    public String population() {
        return POPULATION;
    }

    @Override
    public List<String> agents() {
        return AGENTS;
    }
}
