package net.azt3knet.app.wiring;

import java.time.Duration;
import java.util.function.IntSupplier;
import net.azt3knet.domain.responder.FilterReason;
import net.azt3knet.ports.out.responder.ResponderObserver;

/**
 * The responder's observer as the injector hands it to the workers: it forwards to whatever {@code serve}'s metrics
 * registered, since the workers are built before the admin API (and its registry) exists. Forwards to nothing until then.
 */
public final class ResponderEvents implements ResponderObserver {

    /** What the metrics implement: the observer's events, without the admin API depending on a driven port. */
    public interface Listener {
        void decided(FilterReason reason);

        void replied(Duration sinceArrival, Duration model, long tokens, boolean sent);

        void failed(String stage, boolean retried);

        void intake(IntSupplier idling, IntSupplier polled);
    }

    private static final Listener NOBODY = new Listener() {
        @Override
        public void decided(FilterReason reason) {
        }

        @Override
        public void replied(Duration sinceArrival, Duration model, long tokens, boolean sent) {
        }

        @Override
        public void failed(String stage, boolean retried) {
        }

        @Override
        public void intake(IntSupplier idling, IntSupplier polled) {
        }
    };

    private volatile Listener target = NOBODY;
    /** The running intake's counts, handed to a listener that comes later (the intake may start before the metrics). */
    private volatile IntSupplier[] intake;

    /** Sends every later event to {@code listener} ({@code null}: to nobody), and the running intake's counts at once. */
    public void observe(Listener listener) {
        target = listener == null ? NOBODY : listener;
        IntSupplier[] counts = intake;
        if (counts != null) intake(counts[0], counts[1]);
    }

    @Override
    public void decided(FilterReason reason) {
        try {
            target.decided(reason);
        } catch (RuntimeException e) {
            // metrics never fail a reply
        }
    }

    @Override
    public void replied(Duration sinceArrival, Duration model, long tokens, boolean sent) {
        try {
            target.replied(sinceArrival, model, tokens, sent);
        } catch (RuntimeException e) {
            // metrics never fail a reply
        }
    }

    @Override
    public void failed(String stage, boolean retried) {
        try {
            target.failed(stage, retried);
        } catch (RuntimeException e) {
            // metrics never fail a reply
        }
    }

    @Override
    public void intake(IntSupplier idling, IntSupplier polled) {
        intake = new IntSupplier[] {idling, polled};
        try {
            target.intake(idling, polled);
        } catch (RuntimeException e) {
            // metrics never fail the intake
        }
    }
}
