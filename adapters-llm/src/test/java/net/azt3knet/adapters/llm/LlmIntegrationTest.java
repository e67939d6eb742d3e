package net.azt3knet.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.integration.IntegrationConfig;
import net.azt3knet.ports.out.integration.IntegrationConfigurationException;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.SettingsReader;
import net.azt3knet.ports.out.text.TextGeneration;
import org.junit.jupiter.api.Test;

/** LLM_API picks the flavour; a value it does not know is named with the choices. */
class LlmIntegrationTest {

    @Test
    void eachApiValueGivesItsFlavour() {
        assertThat(build(Map.of("LLM_BASE_URL", "http://127.0.0.1:8000", "LLM_API", "aicore"))).isInstanceOf(AiCoreTextGeneration.class)
                .satisfies(t -> assertThat(t.describe()).isEqualTo("aicore http://127.0.0.1:8000"));
        assertThat(build(Map.of("LLM_BASE_URL", "http://127.0.0.1:11434", "LLM_API", "ollama"))).isInstanceOf(OllamaTextGeneration.class);
        assertThat(build(Map.of("LLM_BASE_URL", "https://api.openai.com/v1"))).isInstanceOf(OpenAiTextGeneration.class);
    }

    @Test
    void anUnknownApiNamesTheChoices() {
        assertThatThrownBy(() -> build(Map.of("LLM_BASE_URL", "http://127.0.0.1:8000", "LLM_API", "ai-core")))
                .isInstanceOf(IntegrationConfigurationException.class)
                .hasMessageContaining("LLM_API='ai-core' must be openai or ollama or aicore");
    }

    private static TextGeneration build(Map<String, String> values) {
        return new LlmIntegration().create(SettingsReader.building("llm", new IntegrationConfig() {
            @Override
            public Optional<String> value(IntegrationSetting s) {
                return Optional.ofNullable(values.get(s.variable()));
            }

            @Override
            public Optional<Secret> secret(String integration, IntegrationSetting s) {
                return Optional.empty();
            }

            @Override
            public String secretsDescription() {
                return "none";
            }

            @Override
            public Path dataDir() {
                return Path.of(".");
            }
        }), new IntegrationContext() {
            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public <T> T resource(Class<T> type) {
                throw new IllegalArgumentException("none");
            }
        });
    }
}
