package net.azt3knet.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Clock;
import java.util.function.Supplier;
import net.azt3knet.application.BrowsePopulationsService;
import net.azt3knet.application.Enrichment;
import net.azt3knet.application.InspectAuditTrailService;
import net.azt3knet.application.ManageCredentialsService;
import net.azt3knet.application.PersistPopulationService;
import net.azt3knet.application.ReportStoredRealismService;
import net.azt3knet.ports.in.BrowsePopulationsUseCase;
import net.azt3knet.ports.in.DeletePopulationUseCase;
import net.azt3knet.ports.in.GeneratePopulationUseCase;
import net.azt3knet.ports.in.InspectAuditTrailUseCase;
import net.azt3knet.ports.in.ManageCredentialsUseCase;
import net.azt3knet.ports.in.PersistPopulationUseCase;
import net.azt3knet.ports.in.ReportStoredRealismUseCase;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.crypto.CredentialCrypto;
import net.azt3knet.ports.out.secret.SecretStore;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.ports.out.store.SealedMailStore;

/** The use cases over stored populations, credentials and the audit trail. */
public final class StorageModule extends AbstractModule {

    @Provides
    PersistPopulationUseCase persist(GeneratePopulationUseCase generator, PopulationStore store, CredentialStore credentials,
                                     Supplier<CredentialCipher> currentKey, Clock clock, Enrichment enrichment) {
        return new PersistPopulationService(generator, store, credentials, currentKey.get(), clock, enrichment);
    }

    @Provides
    @Singleton
    BrowsePopulationsService browseService(PopulationStore store, MailboxLedger ledger) {
        return new BrowsePopulationsService(store, ledger);
    }

    @Provides
    BrowsePopulationsUseCase browse(BrowsePopulationsService service) {
        return service;
    }

    @Provides
    @Singleton
    ReportStoredRealismUseCase reportStoredRealism(PopulationStore store) {
        return new ReportStoredRealismService(store);
    }

    @Provides
    DeletePopulationUseCase delete(BrowsePopulationsService service) {
        return service;
    }

    @Provides
    @Singleton
    ManageCredentialsUseCase credentials(CredentialCrypto crypto, Supplier<CredentialCipher> currentKey,
                                         PopulationStore populations, CredentialStore credentials, SealedMailStore mail,
                                         AuditTrail audit, Supplier<SecretStore> secrets) {
        return new ManageCredentialsService(crypto, currentKey, populations, credentials, mail, audit, secrets);
    }

    @Provides
    @Singleton
    InspectAuditTrailUseCase audit(AuditTrail audit) {
        return new InspectAuditTrailService(audit);
    }
}
