package net.azt3knet.adapters.llm;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.SettingsReader;
import net.azt3knet.ports.out.text.TextGeneration;

/** The model server for enrichment and the responder: OpenAI-compatible, Ollama's native API, or the AI-core shape. */
public final class LlmIntegration implements IntegrationFactory {

    static final IntegrationSetting BASE_URL = IntegrationSetting.value("LLM_BASE_URL", "llm.url",
            "Model server for --enrich and the responder (flag --llm-url): its root, e.g. http://127.0.0.1:11434 (Ollama),"
                    + " https://api.openai.com/v1, or the AI-core service (requests go to <url>/generate)");
    static final IntegrationSetting API_KEY = IntegrationSetting.secret("LLM_API_KEY", "llm.api_key",
            "Bearer key of the model server, if it needs one (OpenAI does, Ollama does not)");
    static final IntegrationSetting API = IntegrationSetting.value("LLM_API", "llm.api",
            "openai (default: OpenAI-compatible /v1/chat/completions: OpenAI, vLLM, llama.cpp, LM Studio), ollama (native /api/chat)"
                    + " or aicore (the AI mail-service reference's POST <url>/generate)");
    static final IntegrationSetting CONCURRENCY = IntegrationSetting.value("LLM_CONCURRENCY", "llm.concurrency",
            "Most model requests in flight, 1-256. Default: 8");
    static final IntegrationSetting TIMEOUT = IntegrationSetting.value("LLM_TIMEOUT", "llm.timeout",
            "Seconds one model request may take. Default: 60");
    static final IntegrationSetting MAX_RETRIES = IntegrationSetting.value("LLM_MAX_RETRIES", "llm.max_retries",
            "Retries of a request after a 5xx, 429, timeout or reset connection. Default: 4");

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public IntegrationKind kind() {
        return IntegrationKind.MODEL_SERVER;
    }

    @Override
    public List<IntegrationSetting> settings() {
        return List.of(BASE_URL, API_KEY, API, CONCURRENCY, TIMEOUT, MAX_RETRIES);
    }

    @Override
    public String degradation() {
        return "enrichment follows --llm-fallback: fail (exit 4, resumable), skip the field, or keep the generated text";
    }

    @Override
    public boolean configured(SettingsReader settings) {
        return settings.text(BASE_URL).isPresent();
    }

    @Override
    public TextGeneration create(SettingsReader settings, IntegrationContext context) {
        URI url = settings.requiredUrl(BASE_URL, "http://127.0.0.1:11434 (--llm-url)");
        Secret key = settings.optionalSecret(API_KEY).orElse(null);
        String api = settings.oneOf(API, "openai", List.of("openai", "ollama", "aicore"), "--llm-api");
        int concurrency = (int) settings.number(CONCURRENCY, 1, 256, 8);
        long timeout = settings.number(TIMEOUT, 1, 3600, 60);
        int retries = (int) settings.number(MAX_RETRIES, 0, 20, 4);
        settings.done();
        LlmSettings s = new LlmSettings(url, key, Duration.ofSeconds(timeout), concurrency, retries, Duration.ofSeconds(30));
        return switch (api) {
            case "ollama" -> new OllamaTextGeneration(s);
            case "aicore" -> new AiCoreTextGeneration(s);
            default -> new OpenAiTextGeneration(s);
        };
    }
}
