package net.azt3knet.ports.out.mailbox;

import java.util.List;

/** Driven port: the configured providers by name, each built on first use so an unused one needs no settings. */
public interface MailProviders {

    /** Every provider name this build knows: {@code local}, {@code mailcow}, {@code mailjet}, {@code cakemail}. */
    List<String> names();

    /** True when the settings {@code name} needs are present. */
    boolean configured(String name);

    /**
     * The provider.
     *
     * @throws MailboxProvisioningException with {@link MailboxProvisioningException.Reason#NOT_CONFIGURED} naming
     *                                      the missing settings, or for an unknown name
     */
    MailboxProvisioning get(String name);
}
