package net.azt3knet.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Clock;
import java.util.function.Supplier;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.application.PopulateService;
import net.azt3knet.application.InspectMailProvidersService;
import net.azt3knet.application.ReconcileMailboxesService;
import net.azt3knet.application.RecreatePopulationService;
import net.azt3knet.application.RotateMailboxPasswordsService;
import net.azt3knet.application.VerifyMailboxesService;
import net.azt3knet.ports.in.InspectMailProvidersUseCase;
import net.azt3knet.ports.in.ManageDnsUseCase;
import net.azt3knet.ports.in.PersistPopulationUseCase;
import net.azt3knet.ports.in.PopulateUseCase;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase;
import net.azt3knet.ports.in.RecreatePopulationUseCase;
import net.azt3knet.ports.in.RotateMailboxPasswordsUseCase;
import net.azt3knet.ports.in.VerifyMailboxesUseCase;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.mailbox.MailProviders;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PopulationStore;

/**
 * The provisioning use cases (reconcile, verify, password rotation, provider inspection) over the mail providers of the
 * registry ({@link IntegrationsModule}), and their ledger and job table.
 */
public final class MailModule extends AbstractModule {

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
        return new ReconcileMailboxesService(populations, credentials, currentKey.get(), providers, ledger, jobs, audit, clock);
    }

    @Provides
    VerifyMailboxesUseCase verifying(PopulationStore populations, MailProviders providers, MailboxLedger ledger) {
        return new VerifyMailboxesService(populations, providers, ledger);
    }

    @Provides
    RotateMailboxPasswordsUseCase rotating(PopulationStore populations, CredentialStore credentials,
                                           Supplier<CredentialCipher> currentKey, MailProviders providers,
                                           ProvisionMailboxesUseCase reconcile) {
        return new RotateMailboxPasswordsService(populations, credentials, currentKey.get(), providers, reconcile);
    }

    @Provides
    InspectMailProvidersUseCase inspectProviders(MailProviders providers) {
        return new InspectMailProvidersService(providers);
    }

    @Provides
    PopulateUseCase populate(PersistPopulationUseCase persist, ProvisionMailboxesUseCase provisioning, PopulationStore populations) {
        return new PopulateService(persist, provisioning, populations);
    }

    @Provides
    RecreatePopulationUseCase recreate(PopulationStore populations, PersistPopulationUseCase persist,
                                       ProvisionMailboxesUseCase provisioning, ManageDnsUseCase dns) {
        return new RecreatePopulationService(populations, persist, provisioning, dns);
    }
}
