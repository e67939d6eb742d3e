package net.azt3knet.application;

import java.time.Duration;
import java.util.function.Supplier;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;

/**
 * How long a run keeps going through transient provider faults: until its deadline it waits and tries again —
 * an open circuit breaker for as long as the breaker stays open, anything else with a growing pause.
 */
final class Patience {
    /** A little over ProviderHttp's breaker delay, so the next call finds it half-open and probing. */
    private static final Duration BREAKER = Duration.ofSeconds(11);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    private final long deadline;
    private Duration pause = FIRST_PAUSE;
    boolean interrupted;

    Patience(Duration budget) {
        this.deadline = System.nanoTime() + Math.min(budget.toNanos(), Long.MAX_VALUE / 4);
    }

    /**
     * Sleeps before another attempt after {@code reason}; false when the deadline does not leave room for one, or
     * the thread was interrupted.
     */
    boolean pause(MailboxProvisioningException.Reason reason) {
        Duration wait = reason == MailboxProvisioningException.Reason.CIRCUIT_OPEN ? BREAKER : pause;
        long left = deadline - System.nanoTime();
        if (interrupted || left <= 0) return false;
        pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        try {
            Thread.sleep(Math.min(wait.toMillis(), Math.max(1, left / 1_000_000)));
            return true;
        } catch (InterruptedException e) {
            interrupted = true;
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A read, repeated through transient failures until the deadline; the last failure when it never succeeds. */
    <T> T read(Supplier<T> read) {
        while (true) {
            try {
                T value = read.get();
                pause = FIRST_PAUSE;
                return value;
            } catch (MailboxProvisioningException e) {
                if (!e.isTransient() || !pause(e.reason())) throw e;
            }
        }
    }
}
