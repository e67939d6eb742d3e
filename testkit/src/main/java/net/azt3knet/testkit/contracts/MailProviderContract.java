package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import net.azt3knet.domain.dns.ProviderDns;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.mailbox.ProviderDnsNeeds;
import net.azt3knet.ports.out.mailbox.ProviderHealth;
import org.junit.jupiter.api.Test;

/**
 * The contracts of the three ports a mail provider implements ({@link IntegrationKind#MAIL_PROVIDER}), run on one
 * object as the registry hands it out, and what they must agree on.
 */
public interface MailProviderContract extends MailboxProvisioningContract, ProviderDnsNeedsContract, ProviderHealthContract {

    /** The provider under test: one object implementing {@link MailboxProvisioning}, {@link ProviderDnsNeeds} and {@link ProviderHealth}. */
    Object provider();

    @Override
    default MailboxProvisioning provisioning() {
        return (MailboxProvisioning) provider();
    }

    @Override
    default ProviderDnsNeeds dnsNeeds() {
        return (ProviderDnsNeeds) provider();
    }

    @Override
    default ProviderHealth health() {
        return (ProviderHealth) provider();
    }

    @Override
    default boolean hostsMailboxes() {
        return health().capabilities().hostsMailboxes();
    }

    @Test
    default void oneObjectImplementsEveryPortOfAMailProvider() {
        assertThat(IntegrationKind.MAIL_PROVIDER.ports()).allSatisfy(port -> assertThat(provider()).isInstanceOf(port));
    }

    @Test
    default void theDnsNeedsAndTheCapabilitiesAgreeOnTheProviderAndWhereMailIsReceived() {
        String domain = MailboxProvisioningContract.domain();
        provisioning().ensureDomain(domain);
        ProviderDns needs = dnsNeeds().dnsNeeds(domain);

        assertThat(needs.provider()).isEqualTo(health().capabilities().name());
        assertThat(needs.hostsMailboxes()).isEqualTo(health().capabilities().hostsMailboxes());
    }
}
