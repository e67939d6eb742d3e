package net.azt3knet.ports.out.responder;

import java.time.Duration;
import java.util.function.IntSupplier;
import net.azt3knet.domain.responder.FilterReason;

/**
 * Driven port: what the responder reports for metrics (the reference's emails processed, response time, success and
 * error rates, filter decisions by reason, model tokens). Calls are cheap and never throw; {@link #NONE} ignores them.
 */
public interface ResponderObserver {

    ResponderObserver NONE = new ResponderObserver() {
    };

    /** A message was decided: answered ({@link FilterReason#ANSWER}) or not, and why. */
    default void decided(FilterReason reason) {
    }

    /**
     * A reply was written: from arrival to the reply stored as a draft or handed to the spool, its model call's time
     * and tokens; {@code sent} false for a draft.
     */
    default void replied(Duration sinceArrival, Duration model, long tokens, boolean sent) {
    }

    /** An attempt failed (the model, the store, the spool); {@code retried} false when it was the last one. */
    default void failed(String stage, boolean retried) {
    }

    /**
     * The mailbox intake started: how many mailboxes it keeps in IDLE and how many it polls, read when the metrics
     * are read (the counts change as logins succeed and agents are enabled).
     */
    default void intake(IntSupplier idling, IntSupplier polled) {
    }
}
