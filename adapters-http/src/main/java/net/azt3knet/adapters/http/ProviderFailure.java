package net.azt3knet.adapters.http;

import java.time.Duration;

/**
 * Why a request made through {@link ProviderHttp} failed, in terms of HTTP alone. Each adapter turns it into its
 * own port's exception (through {@link ProviderHttp.Failures}): the toolkit knows no port.
 *
 * @param reason     what went wrong
 * @param status     the HTTP status of the last answer, 0 when there was none (timeout, no connection, breaker open)
 * @param retryAfter the wait the provider asked for (Retry-After), null when it asked for none
 * @param body       the last answer's body, "" when there was none: the vendor's own error text is in there
 * @param attempts   requests sent, retries included (0 when the breaker or the rate limiter let none out)
 * @param message    what happened, naming the provider and its address, never a secret; ready for an operator
 */
public record ProviderFailure(Reason reason, int status, Duration retryAfter, String body, int attempts, String message) {

    /** The failures the toolkit itself recognises; what any other status means is the adapter's business. */
    public enum Reason {
        /** No connection could be made (refused): nothing was sent, and retrying at once would not help. */
        CONNECTION_REFUSED,
        /** The connection broke or was reset; a write may have reached the provider. */
        UNREACHABLE,
        /** No answer within the timeout; for a write the outcome is unknown. */
        TIMEOUT,
        /** HTTP 429 beyond the retries or asking for a longer wait than allowed, or no request slot in time. */
        RATE_LIMITED,
        /** HTTP 5xx or 408 beyond the retries. */
        SERVER_ERROR,
        /** The circuit breaker is open after repeated failures: nothing was sent. */
        CIRCUIT_OPEN,
        /** The answer cannot be read (too large). */
        BAD_RESPONSE
    }

    public ProviderFailure {
        if (reason == null) throw new IllegalArgumentException("reason is required");
        body = body == null ? "" : body;
    }

    /** This failure after {@code n} attempts. */
    ProviderFailure attempts(int n) {
        return new ProviderFailure(reason, status, retryAfter, body, n, message);
    }

    /** This failure after {@code n} attempts, saying so in the message (the retries are spent). */
    ProviderFailure retriedOut(int n) {
        return new ProviderFailure(reason, status, retryAfter, body, n, message + " (" + n + (n == 1 ? " attempt)" : " attempts)"));
    }
}
