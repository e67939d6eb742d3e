package net.azt3knet.ports.out.spool;

/** Where a spooled message is on its way out. */
public enum SpoolState {
    /** Accepted and committed, not yet tried. */
    QUEUED,
    /** An attempt was recorded before calling the provider: a crash now leaves an attempt whose outcome must be reconciled. */
    SENDING,
    /** The last attempt failed transiently; tried again from its next attempt time. */
    DEFERRED,
    /** The provider took it (its message id is kept). */
    SENT,
    /** Failed permanently; never tried again. */
    BOUNCED,
    /** Set aside by an operator: never claimed until released ({@code azt3knet queue release}). */
    HELD;

    /** True when the message will never be tried again. */
    public boolean terminal() {
        return this == SENT || this == BOUNCED;
    }
}
