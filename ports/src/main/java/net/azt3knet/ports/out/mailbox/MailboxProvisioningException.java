package net.azt3knet.ports.out.mailbox;

/** A provider call that failed, with whether repeating it later can succeed. Messages never hold secrets. */
public class MailboxProvisioningException extends RuntimeException {

    /** Why it failed. */
    public enum Reason {
        /** No connection, reset connection. */
        UNREACHABLE(true),
        /** No answer in time; the outcome is unknown. */
        TIMEOUT(true),
        /** HTTP 429 beyond the retries. */
        RATE_LIMITED(true),
        /** HTTP 5xx beyond the retries. */
        SERVER_ERROR(true),
        /** The circuit breaker is open after repeated failures. */
        CIRCUIT_OPEN(true),
        /** Credentials refused (401). */
        UNAUTHORIZED(false),
        /** Credentials valid, permission missing (403, read-only key). */
        FORBIDDEN(false),
        /** Something already holds the address. */
        ALREADY_EXISTS(false),
        /** The provider refused the request (validation, quota, policy). */
        REJECTED(false),
        /** The answer is not what the provider documents. */
        BAD_RESPONSE(false),
        /** The provider is not configured. */
        NOT_CONFIGURED(false);

        private final boolean transientFailure;

        Reason(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** True when trying again later can succeed. */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Reason reason;

    public MailboxProvisioningException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MailboxProvisioningException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** True when trying again later can succeed. */
    public boolean isTransient() {
        return reason.isTransient();
    }
}
