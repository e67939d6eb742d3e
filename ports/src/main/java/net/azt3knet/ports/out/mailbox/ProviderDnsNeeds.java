package net.azt3knet.ports.out.mailbox;

import java.util.Optional;
import net.azt3knet.domain.dns.ProviderDns;

/**
 * Driven port: the DNS records one mail provider needs for a domain (its MX, SPF mechanisms, DKIM key, ownership
 * records), as its API reports them. Reads only, apart from {@link #recheckDkim} asking the provider to look again;
 * failures are {@link MailboxProvisioningException}s.
 */
public interface ProviderDnsNeeds {

    /** The DKIM key the provider signs {@code domain}'s mail with, if it holds one (never the private key). */
    Optional<DkimKey> dkim(String domain);

    /**
     * What this provider needs in {@code domain}'s DNS: MX, SPF mechanisms, its DKIM key and ownership records, as
     * its API reports them (nothing hard-coded that the provider can tell).
     */
    ProviderDns dnsNeeds(String domain);

    /**
     * Asks the provider to look up {@code domain}'s DNS again where it offers that (Mailjet's DNS check), then
     * reports the key with the fresh status; a provider without such a check just reads.
     */
    default Optional<DkimKey> recheckDkim(String domain) {
        return dkim(domain);
    }
}
