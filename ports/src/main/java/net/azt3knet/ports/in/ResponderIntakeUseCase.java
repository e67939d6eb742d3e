package net.azt3knet.ports.in;

/**
 * Driving port: where received mail enters the AI responder — the IMAP intake, the gateway's local delivery and the
 * Mailjet inbound webhook all hand their messages here.
 */
public interface ResponderIntakeUseCase {

    enum Intake {
        /** Queued for an answer (or a recorded decision not to answer). */
        QUEUED,
        /** This agent had this message queued already. */
        DUPLICATE,
        /** The agent does not answer mail (the responder is off for it): nothing stored. */
        NOT_ENABLED,
        /** The payload could not be read as a message: nothing stored, the reason is logged. */
        UNREADABLE
    }

    /**
     * Offers one message received by {@code agent}.
     *
     * @param source {@code mailbox} (read from the mailbox server by the mail intake), {@code smtp} (raw RFC 5322) or {@code mailjet} (its Parse API JSON)
     */
    Intake offer(String agent, String source, byte[] payload);
}
