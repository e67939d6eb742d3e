package net.azt3knet.ports.out.mailbox;

import java.util.Objects;

/**
 * What a provider gives an agent.
 *
 * @param name           the provider's integration name, as {@code --provider} spells it
 * @param hostsMailboxes true when agents get mailboxes with passwords (IMAP/SMTP); false for sender identities
 * @param inboundWebhook true when inbound mail reaches Azt3kNet through a webhook the provider calls
 * @param outboundApi    true when agents send through the provider's HTTP API
 * @param endpoint       where the provider is reached, for messages (never with credentials)
 * @param signsMail      true when the provider DKIM-signs the agents' mail (so a missing key is worth a warning)
 */
public record ProviderCapabilities(String name, boolean hostsMailboxes, boolean inboundWebhook, boolean outboundApi,
                                   String endpoint, boolean signsMail) {

    /** A provider that signs its mail. */
    public ProviderCapabilities(String name, boolean hostsMailboxes, boolean inboundWebhook, boolean outboundApi, String endpoint) {
        this(name, hostsMailboxes, inboundWebhook, outboundApi, endpoint, true);
    }

    public ProviderCapabilities {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** {@code mailbox} or {@code sender}: what one agent gets. */
    public String identity() {
        return hostsMailboxes ? "mailbox" : "sender";
    }
}
