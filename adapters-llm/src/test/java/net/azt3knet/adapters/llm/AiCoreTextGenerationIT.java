package net.azt3knet.adapters.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.azt3knet.ports.out.text.GeneratedText;
import net.azt3knet.ports.out.text.TextGeneration;
import net.azt3knet.ports.out.text.TextGenerationException;
import net.azt3knet.ports.out.text.TextGenerationException.Reason;
import net.azt3knet.ports.out.text.TextPrompt;
import net.azt3knet.ports.out.text.TextPrompt.EmailContext;
import org.junit.jupiter.api.Test;

/**
 * The AI mail-service reference's AI-core shape: one prompt string, the mail apart in {@code email_context}, the
 * answer's {@code response}, {@code tokens_used} and {@code suggested_subject}; a FastAPI-style {@code detail} error.
 */
class AiCoreTextGenerationIT extends TextGenerationServerContract {

    private static final EmailContext MAIL = new EmailContext("Ana Ruiz <ana@outside.example>", "Reunión del martes",
            "<thread-1@outside.example>", List.of("Hola, ¿nos vemos el martes?", "Sí, a las diez."));

    @Override
    TextGeneration client(LlmSettings settings) {
        return new AiCoreTextGeneration(settings);
    }

    @Override
    String path() {
        return "/generate";
    }

    private static ObjectNode reply(String content) {
        return JSON.createObjectNode().put("response", content).put("tokens_used", 57).put("processing_time", 1.42)
                .put("suggested_subject", "Re: Reunión del martes");
    }

    @Override
    String answer(String content) {
        return reply(content).toString();
    }

    @Override
    int answerTokens() {
        return 57;
    }

    @Override
    String answerWithoutTokens(String content) {
        ObjectNode r = reply(content);
        r.remove("tokens_used");
        return r.toString();
    }

    @Override
    String[] answerWithoutText() {
        ObjectNode r = reply("x");
        r.remove("response");
        return new String[] {r.toString(), "\"response\""};
    }

    @Override
    String[] streamed(String... parts) {
        return null;
    }

    @Override
    String checkPath() {
        return "/health";
    }

    @Override
    String unknownModel(String model) {
        return "{\"detail\":\"Model '" + model + "' not found\"}";
    }

    @Override
    void assertPromptSent(JsonNode body) {
        assertThat(body.path("prompt").asText()).isEqualTo("system text" + AiCoreTextGeneration.PROMPT_JOIN + "user text");
        assertThat(body.has("messages")).isFalse();
        assertThat(body.has("email_context")).as("no mail, no context").isFalse();
    }

    @Override
    void assertReproducibilityParameters(JsonNode body) {
        assertThat(body.path("temperature").asDouble(-1)).isZero();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(100);
        assertThat(body.has("seed")).as("the shape has no seed").isFalse();
    }

    @Test
    void theMailBeingAnsweredGoesInEmailContext() throws Exception {
        stub(200, answer("Hola Ana, el martes a las diez me va bien."));
        TextPrompt prompt = new TextPrompt(MODEL, "You are Marta.", "Answer the mail.", 7, 0.7, 400, false, Optional.of(MAIL));
        GeneratedText t = client().generate(prompt);
        assertThat(t.content()).isEqualTo("Hola Ana, el martes a las diez me va bien.");
        assertThat(t.suggestedSubject()).contains("Re: Reunión del martes");
        assertThat(t.tokensUsed()).isEqualTo(57);
        assertThat(t.fingerprint()).isNull();
        JsonNode body = lastRequest();
        assertThat(body.path("prompt").asText()).isEqualTo("You are Marta.\n\nAnswer the mail.");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(400);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
        JsonNode context = body.path("email_context");
        assertThat(context.path("sender").asText()).isEqualTo("Ana Ruiz <ana@outside.example>");
        assertThat(context.path("subject").asText()).isEqualTo("Reunión del martes");
        assertThat(context.path("thread_id").asText()).isEqualTo("<thread-1@outside.example>");
        assertThat(context.path("previous_messages")).extracting(JsonNode::asText)
                .containsExactly("Hola, ¿nos vemos el martes?", "Sí, a las diez.");
    }

    @Test
    void anAbsentOrBlankSuggestedSubjectIsNone() {
        ObjectNode none = reply("x");
        none.remove("suggested_subject");
        stub(200, none.toString());
        assertThat(client().generate(PROMPT).suggestedSubject()).isEmpty();
        stub(200, reply("x").putNull("suggested_subject").toString());
        assertThat(client().generate(PROMPT).suggestedSubject()).isEmpty();
        stub(200, reply("x").put("suggested_subject", "  ").toString());
        assertThat(client().generate(PROMPT).suggestedSubject()).isEmpty();
    }

    @Test
    void aSystemTextThatIsEmptyLeavesTheUserTextAlone() throws Exception {
        stub(200, answer("x"));
        client().generate(new TextPrompt(MODEL, "", "just this", 1, 0, 10, false));
        assertThat(lastRequest().path("prompt").asText()).isEqualTo("just this");
    }

    @Test
    void malformedFieldsAreNamed() {
        stub(200, reply("x").put("tokens_used", "lots").toString());
        assertThatThrownBy(() -> client().generate(PROMPT))
                .isInstanceOfSatisfying(TextGenerationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE))
                .hasMessageContaining("tokens_used");
        stub(200, reply("x").put("suggested_subject", 3).toString());
        assertThatThrownBy(() -> client().generate(PROMPT)).hasMessageContaining("suggested_subject");
        stub(200, reply("x").put("response", 12).toString());
        assertThatThrownBy(() -> client().generate(PROMPT)).hasMessageContaining("\"response\"");
        stub(200, "[\"not\", \"an\", \"object\"]");
        assertThatThrownBy(() -> client().generate(PROMPT)).hasMessageContaining("not a JSON object");
    }

    @Test
    void theServersDetailIsQuoted() {
        stub(422, "{\"detail\":\"prompt is too long\"}");
        assertThatThrownBy(() -> client().generate(PROMPT))
                .isInstanceOfSatisfying(TextGenerationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED))
                .hasMessageContaining("HTTP 422: prompt is too long");
    }

    /** The reference configures the endpoint itself; such a URL is not doubled, and the health check sits beside it. */
    @Test
    void aBaseUrlEndingInGenerateIsNotDoubled() {
        stub(200, answer("x"));
        server.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(200).withBody("{\"status\":\"ok\"}")));
        TextGeneration endpoint = client(new LlmSettings(URI.create("http://127.0.0.1:" + server.port() + "/generate/"), null,
                Duration.ofSeconds(5), 2, 0, Duration.ofSeconds(1)));
        assertThat(endpoint.generate(PROMPT).content()).isEqualTo("x");
        endpoint.check();
        server.verify(1, getRequestedFor(urlEqualTo("/health")));
        assertThat(endpoint.describe()).isEqualTo("aicore http://127.0.0.1:" + server.port());
    }
}
