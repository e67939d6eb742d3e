package net.azt3knet.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import net.azt3knet.ports.out.text.TextGeneration;
import net.azt3knet.ports.out.text.TextGenerationException;
import org.junit.jupiter.api.Test;

/** Ollama's native /api/chat: seed and temperature inside options, format json, NDJSON streaming by default. */
class OllamaTextGenerationIT extends TextGenerationServerContract {

    @Override
    TextGeneration client(LlmSettings settings) {
        return new OllamaTextGeneration(settings);
    }

    @Override
    String path() {
        return "/api/chat";
    }

    private static String chunk(String content, boolean done) {
        var root = JSON.createObjectNode().put("model", MODEL).put("created_at", "2026-11-21T10:00:00.000Z");
        root.putObject("message").put("role", "assistant").put("content", content);
        root.put("done", done);
        if (done) root.put("done_reason", "stop").put("total_duration", 4_935_886_791L).put("prompt_eval_count", 26).put("eval_count", 12);
        return root.toString();
    }

    @Override
    int answerTokens() {
        return 38;
    }

    @Override
    String answerWithoutTokens(String content) {
        return answer(content).replace(",\"prompt_eval_count\":26,\"eval_count\":12", "");
    }

    @Override
    String[] answerWithoutText() {
        return new String[] {"{\"model\":\"" + MODEL + "\",\"done\":true}", "message.content"};
    }

    @Override
    String checkPath() {
        return "/api/tags";
    }

    @Override
    void assertPromptSent(JsonNode body) {
        assertChatMessages(body);
    }

    /** Ollama leaves prompt_eval_count out when the prompt came from its cache: the answer's tokens still count. */
    @Test
    void aCachedPromptCountsTheAnswersTokens() {
        stub(200, answer("x").replace("\"prompt_eval_count\":26,", ""));
        assertThat(client().generate(PROMPT).tokensUsed()).isEqualTo(12);
    }

    @Override
    String answer(String content) {
        return chunk(content, true);
    }

    @Override
    String[] streamed(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) b.append(chunk(p, false)).append('\n');
        b.append(chunk("", true)).append('\n');
        return new String[] {b.toString(), "application/x-ndjson"};
    }

    @Override
    String unknownModel(String model) {
        return "{\"error\":\"model \\\"" + model + "\\\" not found, try pulling it first\"}";
    }

    @Override
    void assertReproducibilityParameters(JsonNode body) {
        assertThat(body.path("options").path("seed").asLong()).isEqualTo(123456789);
        assertThat(body.path("options").path("temperature").asDouble(-1)).isZero();
        assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(100);
        assertThat(body.path("format").asText()).isEqualTo("json");
        assertThat(body.has("seed")).as("a top-level seed is not Ollama's contract").isFalse();
    }

    @Test
    void aStreamThatStopsBeforeDoneIsNotAnAnswer() {
        stub(200, chunk("{\"value\":", false) + "\n");
        assertThatThrownBy(() -> client().generate(PROMPT)).isInstanceOf(TextGenerationException.class)
                .hasMessageContaining("done");
    }

    @Test
    void ollamaGivesNoFingerprint() {
        stub(200, answer("x"));
        assertThat(client().generate(PROMPT).fingerprint()).isNull();
    }
}
