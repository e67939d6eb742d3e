package net.azt3knet.adapters.http;

import java.time.Duration;

/**
 * How a provider adapter treats its provider.
 *
 * @param timeout           longest wait for one answer (and for a connection)
 * @param requestsPerSecond most requests started per second, retries included (a smooth limit, no bursts)
 * @param maxRetries        retries of a request after a 5xx, 429, timeout or reset connection
 * @param maxRetryWait      longest wait before one retry; a Retry-After asking for more fails at once, saying when to retry
 */
public record ProviderLimits(Duration timeout, double requestsPerSecond, int maxRetries, Duration maxRetryWait) {

    public ProviderLimits {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        if (!(requestsPerSecond > 0)) throw new IllegalArgumentException("requestsPerSecond must be positive");
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0");
    }
}
