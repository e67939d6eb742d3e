package net.azt3knet.ports.in;

/** Driving port: the responder's background work in {@code serve} — intake from IMAP, queue workers, retention. */
public interface RunResponderUseCase {

    /** A started responder; closing it stops taking new work and waits for the replies in progress. */
    interface Running extends AutoCloseable {
        /** One line for the start-up log: workers, intake, mode. */
        String describe();

        @Override
        void close();
    }

    /** Starts the workers (and the IMAP intake when a mail intake integration is enabled); returns at once. */
    Running start();
}
