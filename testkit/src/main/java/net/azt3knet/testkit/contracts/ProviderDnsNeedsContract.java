package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import net.azt3knet.domain.dns.ProviderDns;
import net.azt3knet.ports.out.mailbox.DkimKey;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.mailbox.ProviderDnsNeeds;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ProviderDnsNeeds} must do: report the DKIM key of a domain it set up (public part only), list
 * that key among the records it needs, and report the same key after a re-check. The domain is set up through the
 * provider's {@link MailboxProvisioning}.
 */
public interface ProviderDnsNeedsContract {

    ProviderDnsNeeds dnsNeeds();

    /** Sets up each test's domain. */
    MailboxProvisioning provisioning();

    /** True when {@link ProviderDnsNeeds#dkim} reports a key once the domain is set up. */
    boolean holdsDkim();

    @Test
    default void theDomainsDkimKeyIsReportedWithoutAnyPrivateMaterial() {
        String domain = MailboxProvisioningContract.domain();
        provisioning().ensureDomain(domain);
        if (!holdsDkim()) {
            assertThat(dnsNeeds().dkim(domain)).isEmpty();
            return;
        }
        DkimKey key = dnsNeeds().dkim(domain).orElseThrow();
        assertThat(key.recordName()).endsWith("._domainkey." + domain);
        assertThat(key.value()).contains("p=").doesNotContain("PRIVATE");
    }

    @Test
    default void theDkimKeyIsAmongTheRecordsTheDomainNeedsAndARecheckReportsTheSameKey() {
        String domain = MailboxProvisioningContract.domain();
        provisioning().ensureDomain(domain);
        ProviderDns needs = dnsNeeds().dnsNeeds(domain);

        assertThat(needs.provider()).isNotBlank();
        assertThat(needs.records()).allSatisfy(r -> assertThat(r.name()).endsWith(domain));
        if (!holdsDkim()) {
            assertThat(dnsNeeds().recheckDkim(domain)).isEmpty();
            return;
        }
        DkimKey key = dnsNeeds().dkim(domain).orElseThrow();
        assertThat(needs.records()).contains(new ProviderDns.Record(key.recordName(), "TXT", key.value()));
        assertThat(dnsNeeds().recheckDkim(domain)).hasValueSatisfying(again -> {
            assertThat(again.recordName()).isEqualTo(key.recordName());
            assertThat(again.value()).isEqualTo(key.value());
        });
    }
}
