package net.azt3knet.ports.out.text;

/** Why a model gave no answer; the message says what happened and what to check, and never holds a key. */
public final class TextGenerationException extends RuntimeException {

    /** The kinds of failure; the transient ones were already retried by the implementation. */
    public enum Reason {
        UNREACHABLE(true), TIMEOUT(true), RATE_LIMITED(true), SERVER_ERROR(true), CIRCUIT_OPEN(true),
        UNAUTHORIZED(false), UNKNOWN_MODEL(false), REJECTED(false), BAD_RESPONSE(false);

        private final boolean transientFailure;

        Reason(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** True when the same request could succeed later unchanged. */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Reason reason;

    public TextGenerationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
