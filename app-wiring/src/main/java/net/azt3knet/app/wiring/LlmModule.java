package net.azt3knet.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.application.EnrichPopulationService;
import net.azt3knet.application.Enrichment;
import net.azt3knet.application.ManageTextCacheService;
import net.azt3knet.ports.in.EnrichPopulationUseCase;
import net.azt3knet.ports.in.GeneratePopulationUseCase;
import net.azt3knet.ports.in.ManageTextCacheUseCase;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.integration.IntegrationConfigurationException;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.text.GeneratedTextCache;
import net.azt3knet.ports.out.text.TextGeneration;

/**
 * The model server (built on first use, so a replay or a command without enrichment needs no LLM settings) and the
 * replay cache in PostgreSQL.
 */
public final class LlmModule extends AbstractModule {

    @Provides
    @Singleton
    Supplier<TextGeneration> textGeneration(Integrations registry, IntegrationContext context) {
        return () -> {
            IntegrationFactory f = registry.preferred(IntegrationKind.MODEL_SERVER).orElseThrow(() -> new ConfigurationException(
                    List.of("no model server is on the class path; --enrich needs one")));
            try {
                return registry.port(f, TextGeneration.class, context); // the registry builds it once
            } catch (IntegrationConfigurationException e) {
                throw new ConfigurationException(e.problems());
            }
        };
    }

    @Provides
    @Singleton
    GeneratedTextCache cache(PostgresPersistence postgres) {
        return postgres.textCache();
    }

    @Provides
    @Singleton
    Enrichment enrichment(Supplier<TextGeneration> model, GeneratedTextCache cache, AuditTrail audit, Clock clock) {
        return new Enrichment(model, cache, audit, clock);
    }

    @Provides
    EnrichPopulationUseCase enrich(GeneratePopulationUseCase generator, Enrichment enrichment) {
        return new EnrichPopulationService(generator, enrichment);
    }

    @Provides
    ManageTextCacheUseCase manageCache(GeneratedTextCache cache, AuditTrail audit) {
        return new ManageTextCacheService(cache, audit);
    }
}
