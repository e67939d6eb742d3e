package net.azt3knet.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import net.azt3knet.adapters.local.LocalMailboxProvisioning;
import net.azt3knet.adapters.cakemail.CakemailMailboxProvisioning;
import net.azt3knet.adapters.mailcow.MailcowMailboxProvisioning;
import net.azt3knet.adapters.mailjet.MailjetMailboxProvisioning;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.application.ProvisionMailboxesService;
import net.azt3knet.application.RecreatePopulationService;
import net.azt3knet.ports.in.ManageDnsUseCase;
import net.azt3knet.ports.in.PersistPopulationUseCase;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase;
import net.azt3knet.ports.in.RecreatePopulationUseCase;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.mailbox.MailProviders;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PopulationStore;

/**
 * The mail providers, each built on first use from its settings (so the local provider needs none and an unused
 * vendor needs no credentials), and the provisioning use cases over them.
 */
public final class MailModule extends AbstractModule {

    private final AppConfig config;

    public MailModule(AppConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    MailProviders providers(PostgresPersistence postgres, Clock clock) {
        return new MailProviders() {
            private final Map<String, MailboxProvisioning> built = new ConcurrentHashMap<>();

            @Override
            public List<String> names() {
                return List.of("local", "mailcow", "mailjet", "cakemail");
            }

            @Override
            public boolean configured(String name) {
                return switch (name) {
                    case "local" -> true;
                    case "mailcow" -> config.mailcowConfigured();
                    case "mailjet" -> config.mailjetConfigured();
                    case "cakemail" -> config.cakemailConfigured();
                    default -> false;
                };
            }

            @Override
            public MailboxProvisioning get(String name) {
                return built.computeIfAbsent(name, n -> switch (n) {
                    case "local" -> new LocalMailboxProvisioning(postgres.dataSource(), clock);
                    case "mailcow" -> build(n, () -> new MailcowMailboxProvisioning(config.mailcow()));
                    case "mailjet" -> build(n, () -> new MailjetMailboxProvisioning(config.mailjet()));
                    case "cakemail" -> build(n, () -> new CakemailMailboxProvisioning(config.cakemail(), clock));
                    default -> throw new MailboxProvisioningException(MailboxProvisioningException.Reason.NOT_CONFIGURED,
                            "no provider '" + n + "'; choose one of " + String.join(", ", names()));
                });
            }

            private MailboxProvisioning build(String name, Supplier<MailboxProvisioning> make) {
                try {
                    return make.get();
                } catch (ConfigurationException e) {
                    throw new MailboxProvisioningException(MailboxProvisioningException.Reason.NOT_CONFIGURED,
                            name + " is not configured: " + String.join("; ", e.problems()) + " (docs/providers.md)");
                }
            }
        };
    }

    @Provides
    @Singleton
    MailboxLedger ledger(PostgresPersistence postgres) {
        return postgres.mailboxLedger();
    }

    @Provides
    @Singleton
    JobStore jobs(PostgresPersistence postgres) {
        return postgres.jobs();
    }

    @Provides
    ProvisionMailboxesUseCase provisioning(PopulationStore populations, CredentialStore credentials,
                                           Supplier<CredentialCipher> currentKey, MailProviders providers,
                                           MailboxLedger ledger, JobStore jobs, AuditTrail audit, Clock clock) {
        return new ProvisionMailboxesService(populations, credentials, currentKey.get(), providers, ledger, jobs, audit, clock);
    }

    @Provides
    RecreatePopulationUseCase recreate(PopulationStore populations, PersistPopulationUseCase persist,
                                       ProvisionMailboxesUseCase provisioning, ManageDnsUseCase dns) {
        return new RecreatePopulationService(populations, persist, provisioning, dns);
    }
}
