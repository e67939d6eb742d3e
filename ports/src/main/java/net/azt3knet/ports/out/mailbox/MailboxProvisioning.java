package net.azt3knet.ports.out.mailbox;

import java.util.List;
import java.util.Optional;
import net.azt3knet.domain.mailbox.ExistingMailbox;

/**
 * Driven port: the mailbox lifecycle on one provider — gives agents a reachable mail identity (a mailbox where the
 * provider hosts them, a sender identity where it only sends), changes and removes it. Every method is safe to
 * repeat; failures are {@link MailboxProvisioningException}s that say whether trying again can help. What the
 * provider needs in DNS is {@link ProviderDnsNeeds}; whether it answers and what it offers is {@link ProviderHealth}.
 */
public interface MailboxProvisioning {

    /**
     * Brings {@code domain}'s settings at the provider to what the configuration asks (the domain itself where the
     * provider has domains, its DKIM key, an inbound route): reads first and writes only what differs, so a domain
     * already as desired costs no write.
     *
     * @return the number of writes made
     */
    int ensureDomain(String domain);

    /**
     * What {@link #ensureDomain} would write now, one line per write ({@code add the domain with a DKIM key},
     * {@code point the parse route of *@d at MAILJET_INBOUND_URL}); nothing is written. Empty when the domain's
     * settings are as desired: then {@code ensureDomain} writes nothing.
     */
    List<String> domainChanges(String domain);

    /** Every mailbox or sender the provider holds on {@code domain}. */
    List<ExistingMailbox> list(String domain);

    /** The mailbox at {@code address}, if the provider holds one (deleted senders count as absent). */
    Optional<ExistingMailbox> find(String address);

    /**
     * Creates the mailbox. When the outcome of an attempt is unknown (a timeout, a reset connection), the provider is
     * read back before trying again, so a mailbox is never created twice.
     *
     * @throws MailboxProvisioningException with {@link MailboxProvisioningException.Reason#ALREADY_EXISTS} when
     *                                      something already holds the address
     */
    ExistingMailbox create(NewMailbox mailbox);

    /** Sets the display name and/or password of an existing mailbox ({@link MailboxUpdate} says which). */
    void update(ExistingMailbox mailbox, MailboxUpdate update);

    /** Removes the mailbox; a mailbox that is already gone is not an error. */
    void delete(ExistingMailbox mailbox);
}
