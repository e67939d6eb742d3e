package net.azt3knet.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import java.time.Clock;
import net.azt3knet.adapters.persistence.DatabaseSettings;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.JobQueue;
import net.azt3knet.ports.out.store.PeriodicTasks;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.ports.out.store.SealedMailStore;

/** PostgreSQL (embedded or external) behind the store ports; the facade is closed by {@link Lifecycle}. */
public final class PersistenceModule extends AbstractModule {

    private final AppConfig config;

    public PersistenceModule(AppConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    DatabaseSettings settings() {
        return config.database();
    }

    @Provides
    @Singleton
    PostgresPersistence postgres(DatabaseSettings settings, Clock clock) {
        return PostgresPersistence.start(settings, clock, Integrations.migrations());
    }

    @ProvidesIntoSet
    AutoCloseable closePostgres(PostgresPersistence postgres) {
        return postgres;
    }

    @Provides
    @Singleton
    PopulationStore populations(PostgresPersistence postgres) {
        return postgres.populations();
    }

    @Provides
    @Singleton
    CredentialStore credentials(PostgresPersistence postgres) {
        return postgres.credentials();
    }

    @Provides
    @Singleton
    SealedMailStore sealedMail(PostgresPersistence postgres) {
        return postgres.sealedMail();
    }

    @Provides
    @Singleton
    AuditTrail audit(PostgresPersistence postgres) {
        return postgres.auditTrail();
    }

    @Provides
    @Singleton
    JobQueue jobQueue(PostgresPersistence postgres) {
        return postgres.jobQueue();
    }

    @Provides
    @Singleton
    PeriodicTasks periodicTasks(PostgresPersistence postgres) {
        return postgres.periodicTasks();
    }
}
