package net.azt3knet.adapters.http;

import java.time.Duration;

/**
 * How a provider adapter treats its provider.
 *
 * @param timeout           longest wait for one answer (and for a connection)
 * @param requestsPerSecond most requests started per second, retries included (a smooth limit, no bursts);
 *                          {@link Double#POSITIVE_INFINITY} for none
 * @param maxRetries        retries of a request after a 5xx, 429, timeout or reset connection
 * @param maxRetryWait      longest wait before one retry; a Retry-After asking for more fails at once, saying when to retry
 * @param maxInFlight       most requests under way at once across all callers; {@link #UNBOUNDED} for no bound
 */
public record ProviderLimits(Duration timeout, double requestsPerSecond, int maxRetries, Duration maxRetryWait, int maxInFlight) {

    /** {@code maxInFlight} without a bound: the rate limit alone paces the requests. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    public ProviderLimits {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        if (!(requestsPerSecond > 0)) throw new IllegalArgumentException("requestsPerSecond must be positive");
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0");
        if (maxRetryWait == null || maxRetryWait.isNegative()) throw new IllegalArgumentException("maxRetryWait must not be negative");
        if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be at least 1");
    }

    /**
     * Limits for sending mail: no retries inside the client, where a send retried after a timeout could go out twice
     * (the spool retries, after reconciling where the provider allows).
     */
    public static ProviderLimits sending(Duration timeout, double requestsPerSecond) {
        return new ProviderLimits(timeout, requestsPerSecond, 0, Duration.ofSeconds(60));
    }

    /** Limits with no bound on the requests in flight. */
    public ProviderLimits(Duration timeout, double requestsPerSecond, int maxRetries, Duration maxRetryWait) {
        this(timeout, requestsPerSecond, maxRetries, maxRetryWait, UNBOUNDED);
    }
}
