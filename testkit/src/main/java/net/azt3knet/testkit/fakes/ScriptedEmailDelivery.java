package net.azt3knet.testkit.fakes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.azt3knet.ports.out.email.DeliveryResult;
import net.azt3knet.ports.out.email.EmailDelivery;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpooledMessage;

/**
 * {@link EmailDelivery} that answers from a script per first recipient (then {@code Sent("provider-<queue id>")}), and
 * records every message it was given, in order.
 */
public final class ScriptedEmailDelivery implements EmailDelivery {

    private final Map<String, Deque<DeliveryResult>> script = new HashMap<>();
    private final List<SpooledMessage> delivered = new ArrayList<>();
    private volatile boolean available = true;

    /** The next deliveries to {@code recipient} (the envelope's first) get these results, in order. */
    public synchronized ScriptedEmailDelivery answer(String recipient, DeliveryResult... results) {
        script.computeIfAbsent(recipient, r -> new ArrayDeque<>()).addAll(List.of(results));
        return this;
    }

    @Override
    public synchronized DeliveryResult deliver(SpooledMessage message) {
        delivered.add(message);
        Deque<DeliveryResult> next = script.get(message.envelope().recipients().get(0));
        return next == null || next.isEmpty() ? new DeliveryResult.Sent("provider-" + message.id()) : next.poll();
    }

    /** Nothing to check: a script always answers. */
    @Override
    public void check() {
    }

    /** What {@link #available()} says from now on (a test's stand-in for an open circuit breaker). */
    public ScriptedEmailDelivery available(boolean up) {
        this.available = up;
        return this;
    }

    @Override
    public boolean available() {
        return available;
    }

    /** Every message given so far, in order. */
    public synchronized List<SpooledMessage> delivered() {
        return List.copyOf(delivered);
    }

    /** How many times the message {@code id} was given. */
    public synchronized long attemptsFor(QueueId id) {
        return delivered.stream().filter(m -> m.id().equals(id)).count();
    }
}
