package net.azt3knet.ports.in;

import net.azt3knet.ports.out.inbound.InboundMailbox.Delivery;

/** Driving port: mail arriving for an agent through a provider's inbound webhook. */
public interface ReceiveInboundMailUseCase {

    /**
     * A provider's inbound message.
     *
     * @param source    the provider ({@code mailjet})
     * @param recipient the address it is for
     * @param sender    envelope sender
     * @param subject   subject
     * @param messageId Message-ID header, or null when the message has none
     * @param payload   the payload as received
     */
    record Received(String source, String recipient, String sender, String subject, String messageId, String payload) {
    }

    /** Keeps the message for its agent, once per Message-ID; recorded in the audit trail. */
    Delivery receive(Received message);
}
