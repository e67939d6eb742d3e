package net.azt3knet.ports.out.inbound;

import java.time.Instant;
import java.util.Objects;

/** Driven port: where mail that arrives for the agents (through a provider's inbound webhook) is kept. */
public interface InboundMailbox {

    /**
     * One message as received.
     *
     * @param messageId  the Message-ID header, or a digest of the payload when the message had none: the
     *                   idempotence key
     * @param recipient  the agent's address (lower case)
     * @param sender     envelope sender
     * @param subject    subject line
     * @param source     the provider it came through ({@code mailjet})
     * @param payload    the provider's payload, as received (JSON)
     * @param receivedAt when it arrived
     */
    record InboundMessage(String messageId, String recipient, String sender, String subject, String source, String payload,
                          Instant receivedAt) {
        public InboundMessage {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(receivedAt, "receivedAt");
        }
    }

    /** What became of a message. */
    enum Delivery {
        /** Kept for the agent. */
        STORED,
        /** A message with this Message-ID was kept for this recipient before; nothing changed. */
        DUPLICATE,
        /** No stored agent has this address; nothing kept. */
        UNKNOWN_RECIPIENT
    }

    Delivery deliver(InboundMessage message);

    /** True when a stored agent has {@code address} (lower case). */
    boolean knows(String address);

    /** Messages kept for an address, newest last. */
    java.util.List<InboundMessage> messages(String recipient, int limit);
}
