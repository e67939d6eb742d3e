package net.azt3knet.application;

import java.time.Duration;
import net.azt3knet.ports.in.ManageDnsUseCase;
import net.azt3knet.ports.in.ManageDnsUseCase.AddressUpdate;
import net.azt3knet.ports.out.dns.DnsRecordsException;

/**
 * Keeps the mail host's address current: one check every {@code every}; after a failure that may pass (network,
 * throttling, 5xx) the next try waits twice as long each time, up to {@code maxBackoff}, then the rhythm returns.
 * A failure that cannot pass (refused token, no zone) ends the loop, since repeating it would only burn deSEC's budget.
 */
public final class AddressUpdateLoop {

    /** Waits; a test passes one that records instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final ManageDnsUseCase dns;
    private final Duration every;
    private final Duration maxBackoff;
    private final Sleeper sleeper;

    public AddressUpdateLoop(ManageDnsUseCase dns, Duration every, Duration maxBackoff, Sleeper sleeper) {
        this.dns = dns;
        this.every = every;
        this.maxBackoff = maxBackoff.compareTo(every) < 0 ? every : maxBackoff;
        this.sleeper = sleeper;
    }

    /**
     * Runs {@code rounds} checks (or until interrupted when {@code rounds} is {@link Long#MAX_VALUE}).
     *
     * @throws DnsRecordsException the first failure that cannot pass
     */
    public void run(String domain, String actor, long rounds, ManageDnsUseCase.AddressWatcher listener) {
        int failures = 0;
        for (long round = 0; round < rounds && !Thread.currentThread().isInterrupted(); round++) {
            Duration wait = every;
            try {
                listener.updated(dns.updateAddress(domain, actor));
                failures = 0;
            } catch (DnsRecordsException e) {
                if (!e.isTransient()) throw e;
                failures++;
                wait = backoff(failures);
                listener.failed(e, wait);
            }
            if (round + 1 >= rounds) break;
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The wait after {@code failures} failures in a row: every × 2^failures, at most maxBackoff. */
    Duration backoff(int failures) {
        Duration d = every;
        for (int i = 0; i < failures && d.compareTo(maxBackoff) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
