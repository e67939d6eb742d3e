package net.azt3knet.app.wiring;

import com.google.inject.Singleton;
import java.util.function.Supplier;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import java.time.Duration;
import net.azt3knet.adapters.desec.CheckIpPublicAddress;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.application.ManageDnsService;
import net.azt3knet.ports.in.ManageDnsUseCase;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.dns.DnsRecords;
import net.azt3knet.ports.out.integration.IntegrationConfigurationException;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.dns.PublicAddress;
import net.azt3knet.ports.out.mailbox.MailProviders;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PopulationStore;

/** The DNS provider the registry chooses ({@code DNS_PROVIDER}, else the configured one), address detection, and the DNS use case. */
public final class DnsModule extends AbstractModule {

    private final AppConfig config;

    public DnsModule(AppConfig config) {
        this.config = config;
    }

    // Built on first use: Stage.PRODUCTION builds singletons eagerly, and a command that never touches DNS must not need
    // its settings. One instance per process, so deSEC's write budget is kept across the requests of 'serve'.
    @Provides
    @Singleton
    Supplier<DnsRecords> recordsOnFirstUse(Integrations registry, IntegrationContext context) {
        return () -> {
            try {
                return registry.port(registry.dnsProvider(), DnsRecords.class, context); // the registry builds it once
            } catch (IntegrationConfigurationException e) {
                throw new ConfigurationException(e.problems());
            }
        };
    }

    @Provides
    DnsRecords records(Supplier<DnsRecords> onFirstUse) {
        return onFirstUse.get();
    }

    /** One per process: its clients (and their breakers) must outlive a single detection. */
    @Provides
    @Singleton
    PublicAddress publicAddress() {
        return new CheckIpPublicAddress(config.addressSource(Setting.DNS_ADDRESS_SOURCE_IPV4),
                config.addressSource(Setting.DNS_ADDRESS_SOURCE_IPV6),
                new ProviderLimits(Duration.ofSeconds(10), 5, 2, Duration.ofSeconds(10)));
    }

    @Provides
    ManageDnsUseCase dns(DnsRecords records, MailProviders providers, PopulationStore populations, MailboxLedger ledger,
                         PublicAddress address, AuditTrail audit) {
        return new ManageDnsService(records, providers, populations, ledger, address, config.mailDnsPolicy(), audit);
    }
}
