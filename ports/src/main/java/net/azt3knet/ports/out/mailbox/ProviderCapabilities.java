package net.azt3knet.ports.out.mailbox;

import java.util.Objects;

/**
 * What a provider gives an agent.
 *
 * @param name           the provider's name as the CLI spells it: {@code mailcow}, {@code mailjet}, {@code cakemail},
 *                       {@code local}
 * @param hostsMailboxes true when agents get mailboxes with passwords (IMAP/SMTP); false for sender identities
 * @param inboundWebhook true when inbound mail reaches Azt3kNet through a webhook the provider calls
 * @param outboundApi    true when agents send through the provider's HTTP API
 * @param endpoint       where the provider is reached, for messages (never with credentials)
 */
public record ProviderCapabilities(String name, boolean hostsMailboxes, boolean inboundWebhook, boolean outboundApi,
                                   String endpoint) {

    public ProviderCapabilities {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** {@code mailbox} or {@code sender}: what one agent gets. */
    public String identity() {
        return hostsMailboxes ? "mailbox" : "sender";
    }
}
