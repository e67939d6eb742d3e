package net.azt3knet.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.mailbox.MailProviders;

/**
 * Binds what the registry found on the class path: every integration by name (a {@link MapBinder}, so a jar added
 * to the class path needs no code here), what they share, and the mail providers over them.
 */
public final class IntegrationsModule extends AbstractModule {

    private final AppConfig config;

    public IntegrationsModule(AppConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        MapBinder<String, IntegrationFactory> byName = MapBinder.newMapBinder(binder(), String.class, IntegrationFactory.class);
        for (IntegrationFactory f : config.integrations().all()) byName.addBinding(f.name()).toInstance(f);
    }

    @Provides
    Integrations registry() {
        return config.integrations();
    }

    // The database starts when an integration first asks for it, not when the injector is made.
    @Provides
    @Singleton
    IntegrationContext context(Clock clock, Provider<PostgresPersistence> postgres) {
        return new IntegrationContext() {
            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public <T> T resource(Class<T> type) {
                if (type == DataSource.class) return type.cast(postgres.get().dataSource());
                throw new IllegalArgumentException("no shared " + type.getName() + "; an integration can ask for "
                        + DataSource.class.getName());
            }
        };
    }

    @Provides
    @Singleton
    MailProviders providers(Map<String, IntegrationFactory> integrations, Integrations registry, IntegrationContext context) {
        return new RegistryMailProviders(integrations, registry, context);
    }

    @Provides
    @Singleton
    IntegrationHealth health(Integrations registry, IntegrationContext context, com.google.inject.Provider<SmtpGateway> gateway) {
        return new IntegrationHealth(registry, context, gateway::get);
    }
}
