package net.azt3knet.ports.out.dns;

/** A DNS provider call that failed, with whether repeating it later can succeed. Messages never hold secrets. */
public class DnsRecordsException extends RuntimeException {

    /** Why it failed. */
    public enum Reason {
        /** No connection, reset connection. */
        UNREACHABLE(true),
        /** No answer in time. */
        TIMEOUT(true),
        /** Throttled beyond the longest wait allowed, or the write budget is spent for now. */
        RATE_LIMITED(true),
        /** HTTP 5xx beyond the retries. */
        SERVER_ERROR(true),
        /** The circuit breaker is open after repeated failures. */
        CIRCUIT_OPEN(true),
        /** Credentials refused (401). */
        UNAUTHORIZED(false),
        /** Credentials valid, permission missing (403: token policy, domain limit). */
        FORBIDDEN(false),
        /** The provider refused the request (validation, a name taken by someone else). */
        REJECTED(false),
        /** The zone does not exist at the provider. */
        NO_ZONE(false),
        /** The answer is not what the provider documents. */
        BAD_RESPONSE(false),
        /** The provider is not configured. */
        NOT_CONFIGURED(false);

        private final boolean transientFailure;

        Reason(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Reason reason;

    public DnsRecordsException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public boolean isTransient() {
        return reason.isTransient();
    }
}
