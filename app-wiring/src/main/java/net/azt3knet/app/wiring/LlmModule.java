package net.azt3knet.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Clock;
import java.util.function.Supplier;
import net.azt3knet.adapters.llm.LlmSettings;
import net.azt3knet.adapters.llm.OllamaTextGeneration;
import net.azt3knet.adapters.llm.OpenAiTextGeneration;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.application.EnrichPopulationService;
import net.azt3knet.application.Enrichment;
import net.azt3knet.application.ManageTextCacheService;
import net.azt3knet.ports.in.EnrichPopulationUseCase;
import net.azt3knet.ports.in.GeneratePopulationUseCase;
import net.azt3knet.ports.in.ManageTextCacheUseCase;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.text.GeneratedTextCache;
import net.azt3knet.ports.out.text.TextGeneration;

/**
 * The model server (built on first use, so a replay or a command without enrichment needs no LLM settings) and the
 * replay cache in PostgreSQL.
 */
public final class LlmModule extends AbstractModule {

    private final AppConfig config;

    public LlmModule(AppConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    Supplier<TextGeneration> textGeneration() {
        return new Supplier<>() {
            private TextGeneration built;

            @Override
            public synchronized TextGeneration get() {
                if (built == null) {
                    LlmSettings settings = config.llm();
                    built = config.llmIsOllama() ? new OllamaTextGeneration(settings) : new OpenAiTextGeneration(settings);
                }
                return built;
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
