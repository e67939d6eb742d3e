package net.azt3knet.adapters.smtp;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import net.azt3knet.ports.out.spool.MessageSpool;

/**
 * Whether the spool has room for one more message under its {@link SpoolBudget}. The spool is measured at most once a
 * second, not per message (a sum over the table); what was admitted since is added here, so a burst cannot overshoot
 * the budget by more than what one second's reads miss. When the measure fails the message is admitted: storing it
 * fails too if the database is away, and that answers 451 on its own.
 */
final class SpoolUsage {

    private static final long REFRESH_MILLIS = 1000;

    private final MessageSpool spool;
    private final SpoolBudget budget;
    private final Clock clock;
    private final AtomicLong messagesSince = new AtomicLong();
    private final AtomicLong bytesSince = new AtomicLong();
    private volatile MessageSpool.Waiting measured = new MessageSpool.Waiting(0, 0);
    private volatile long measuredAt = Long.MIN_VALUE;

    SpoolUsage(MessageSpool spool, SpoolBudget budget, Clock clock) {
        this.spool = spool;
        this.budget = budget;
        this.clock = clock;
    }

    /** True when a message of {@code bytes} fits; then it is counted until the next measure. */
    boolean admit(int bytes) {
        if (budget.equals(SpoolBudget.UNLIMITED)) return true;
        long now = clock.millis();
        if (measuredAt == Long.MIN_VALUE || now - measuredAt >= REFRESH_MILLIS) {
            try {
                MessageSpool.Waiting w = spool.waiting();
                measured = w;
                messagesSince.set(0);
                bytesSince.set(0);
            } catch (RuntimeException e) {
                // the store that follows says whether the spool answers
            }
            measuredAt = now;
        }
        MessageSpool.Waiting w = measured;
        if (w.messages() + messagesSince.get() + 1 > budget.maxMessages()) return false;
        if (w.bytes() + bytesSince.get() + bytes > budget.maxBytes()) return false;
        messagesSince.incrementAndGet();
        bytesSince.addAndGet(bytes);
        return true;
    }
}
