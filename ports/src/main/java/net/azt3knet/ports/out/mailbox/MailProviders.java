package net.azt3knet.ports.out.mailbox;

import java.util.List;

/**
 * Driven port: the configured mail providers by name, each built on first use so an unused one needs no settings. A
 * provider is handed out by purpose: its mailbox lifecycle, the DNS records it needs, its health.
 */
public interface MailProviders {

    /** Every provider name this build knows: {@code local}, {@code mailcow}, {@code mailjet}, {@code cakemail}. */
    List<String> names();

    /** True when the settings {@code name} needs are present. */
    boolean configured(String name);

    /**
     * The provider's mailbox lifecycle.
     *
     * @throws MailboxProvisioningException with {@link MailboxProvisioningException.Reason#NOT_CONFIGURED} naming
     *                                      the missing settings, or for an unknown name
     */
    MailboxProvisioning mailboxes(String name);

    /**
     * The DNS records the provider needs.
     *
     * @throws MailboxProvisioningException as {@link #mailboxes}
     */
    ProviderDnsNeeds dns(String name);

    /**
     * The provider's capabilities and check.
     *
     * @throws MailboxProvisioningException as {@link #mailboxes}
     */
    ProviderHealth health(String name);

    /**
     * What the provider gives an agent.
     *
     * @throws MailboxProvisioningException as {@link #mailboxes}
     */
    default ProviderCapabilities capabilities(String name) {
        return health(name).capabilities();
    }
}
