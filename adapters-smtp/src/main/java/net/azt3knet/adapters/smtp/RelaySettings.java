package net.azt3knet.adapters.smtp;

import java.time.Duration;
import java.util.Objects;

/**
 * How the relay works through the spool.
 *
 * @param batch      messages claimed (and delivered in parallel) per round
 * @param lease      how long a claimed message is this process's before another may take it over
 * @param firstRetry the backoff ceiling after the first transient failure; it doubles per attempt
 * @param maxRetry   the largest wait between attempts
 * @param maxAge     how long a message is retried before it bounces (AZT3KNET_SMTP_MAX_AGE, 48 h)
 * @param poll       the pause when nothing is due; also the shortest wait before a retry
 * @param workers    relay loops per process, each claiming its own rounds
 */
public record RelaySettings(int batch, Duration lease, Duration firstRetry, Duration maxRetry, Duration maxAge, Duration poll,
                            int workers) {

    public RelaySettings {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(firstRetry, "firstRetry");
        Objects.requireNonNull(maxRetry, "maxRetry");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(poll, "poll");
        if (batch <= 0) throw new IllegalArgumentException("smtp relay batch: must be at least 1, not " + batch);
        if (workers <= 0) throw new IllegalArgumentException("smtp relay workers: must be at least 1, not " + workers);
        for (Duration d : new Duration[] {lease, firstRetry, maxRetry, maxAge, poll}) {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("smtp relay durations must be positive, not " + d);
        }
        if (maxRetry.compareTo(firstRetry) < 0) throw new IllegalArgumentException("smtp relay max retry " + maxRetry + " is below the first retry " + firstRetry);
    }

    /** One relay loop. */
    public RelaySettings(int batch, Duration lease, Duration firstRetry, Duration maxRetry, Duration maxAge, Duration poll) {
        this(batch, lease, firstRetry, maxRetry, maxAge, poll, 1);
    }

    /**
     * 20 per round, 5-minute leases, retries from 1 minute up to 1 hour apart for 48 hours, a 1-second poll, 4 loops
     * (a round waits for its slowest delivery; four keep the provider busy meanwhile).
     */
    public static RelaySettings defaults() {
        return new RelaySettings(20, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(48), Duration.ofSeconds(1), 1);
    }
}
