package net.azt3knet.ports.in;

import java.util.List;
import net.azt3knet.ports.out.inbound.InboundMailbox.Delivery;

/**
 * Driving port: mail the SMTP gateway accepted for the agents' own addresses, kept in their mailboxes: the same store
 * the providers' inbound webhooks feed, so {@code GET /api/agents/…/mail} reads both alike.
 */
public interface DeliverLocalMailUseCase {

    /** True when {@code address} is a stored agent's address: the gateway's RCPT check for unauthenticated mail. */
    boolean isLocal(String address);

    /**
     * Keeps {@code content} (RFC 5322, as accepted) for each recipient, once per Message-ID; returns what became of
     * it for each, in order.
     */
    List<Delivery> deliver(String sender, List<String> recipients, byte[] content);
}
