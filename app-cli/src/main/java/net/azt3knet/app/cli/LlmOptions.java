package net.azt3knet.app.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.domain.enrichment.EnrichableField;
import net.azt3knet.ports.in.EnrichmentOptions;
import net.azt3knet.ports.in.EnrichmentOptions.Fallback;
import net.azt3knet.ports.in.EnrichmentOptions.Mode;
import picocli.CommandLine.Option;

/** The enrichment flags of {@code populate}: which fields, which model server, and how the replay cache is used. */
final class LlmOptions {

    @Option(names = "--enrich", paramLabel = "FIELDS",
            description = "Rewrite these fields with a language model: bio, tone, writing_style, behavioral_biases, interests"
                    + " (comma-separated). Answers go through the replay cache in the database, so reruns are identical.")
    String enrich;

    @Option(names = "--llm-url", paramLabel = "URL", description = "Model server root (default: $LLM_BASE_URL), e.g. http://127.0.0.1:11434.")
    String url;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "Model name (default: $LLM_MODEL), e.g. llama3.1:8b.")
    String model;

    @Option(names = "--llm-api", paramLabel = "API",
            description = "openai (OpenAI-compatible chat completions; default), ollama (Ollama's native /api/chat) or aicore"
                    + " (the AI-core POST /generate shape). $LLM_API")
    String api;

    @Option(names = "--llm-api-key-env", paramLabel = "VAR", description = "Read the server's API key from this variable (default: LLM_API_KEY).")
    String apiKeyEnv;

    @Option(names = "--llm-concurrency", paramLabel = "N", description = "Most requests in flight, 1-256 (default: $LLM_CONCURRENCY or 8).")
    String concurrency;

    @Option(names = "--llm-timeout", paramLabel = "SECONDS", description = "Timeout of one request (default: $LLM_TIMEOUT or 60).")
    String timeout;

    @Option(names = "--llm-mode", paramLabel = "MODE",
            description = "live (default: cache, then the model on a miss), replay (cache only), refresh (ask again, overwrite).")
    String mode;

    @Option(names = "--offline", description = "Same as --llm-mode replay: no request leaves the machine; a cache miss fails naming the agent and field.")
    boolean offline;

    @Option(names = "--llm-fallback", paramLabel = "WHAT",
            description = "fail (default): stop when the model cannot answer; offline: keep the offline value, marked \"enriched\": false.")
    String fallback;

    boolean requested() {
        return enrich != null;
    }

    /** Flags that only mean something with --enrich, present without it. */
    boolean strayFlags() {
        return url != null || model != null || api != null || apiKeyEnv != null || concurrency != null || timeout != null
                || mode != null || offline || fallback != null;
    }

    /** The flags as configuration layers (they override the environment). */
    void addTo(StorageOptions storage, Cli cli) {
        Map<Setting, String> flags = storage.commandFlags;
        Map<String, String> server = storage.integrationFlags; // the model server's own variables
        if (url != null) server.put("LLM_BASE_URL", url);
        if (model != null) flags.put(Setting.LLM_MODEL, model);
        if (api != null) server.put("LLM_API", api);
        if (concurrency != null) flags.put(Setting.LLM_CONCURRENCY, concurrency);
        if (timeout != null) server.put("LLM_TIMEOUT", timeout);
        if (mode() != Mode.REPLAY) storage.requiredIntegrations.add(net.azt3knet.ports.out.integration.IntegrationKind.MODEL_SERVER);
        if (apiKeyEnv != null) {
            String key = cli.env().get(apiKeyEnv);
            if (key == null || key.isEmpty()) {
                throw new UserInputException("--llm-api-key-env: the variable " + apiKeyEnv + " is not set; export it, or leave"
                        + " the flag out to read LLM_API_KEY");
            }
            server.put("LLM_API_KEY", key);
        }
    }

    Mode mode() {
        if (offline && mode != null && !mode.equalsIgnoreCase("replay")) {
            throw new UserInputException("--offline means --llm-mode replay; leave out --llm-mode " + mode);
        }
        if (offline) return Mode.REPLAY;
        if (mode == null) return Mode.LIVE;
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "live" -> Mode.LIVE;
            case "replay" -> Mode.REPLAY;
            case "refresh" -> Mode.REFRESH;
            default -> throw new UserInputException("--llm-mode: '" + mode + "' is not a mode; use live, replay or refresh");
        };
    }

    /** The settings --enrich needs: a model always (the model server, unless replaying, is added by {@link #addTo}). */
    Set<Setting> required() {
        return Set.of(Setting.LLM_MODEL);
    }

    EnrichmentOptions options(AppConfig config, String actor, EnrichmentOptions.Progress progress) {
        return new EnrichmentOptions(fields(), config.llmModel(), mode(), fallback(), config.llmConcurrency(), actor, progress);
    }

    /** Checks what can be checked before any work starts. */
    void validate() {
        fields();
        mode();
        fallback();
    }

    private Set<EnrichableField> fields() {
        try {
            return EnrichableField.parseList(enrich);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--enrich: " + e.getMessage());
        }
    }

    private Fallback fallback() {
        return switch (fallback == null ? "fail" : fallback.toLowerCase(Locale.ROOT)) {
            case "fail" -> Fallback.FAIL;
            case "offline" -> Fallback.OFFLINE;
            default -> throw new UserInputException("--llm-fallback: '" + fallback + "' is not a choice; use fail or offline");
        };
    }
}
