package net.azt3knet.adapters.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import net.azt3knet.ports.out.text.GeneratedText;
import net.azt3knet.ports.out.text.TextGeneration;
import net.azt3knet.ports.out.text.TextGenerationException;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible flavour: top-level seed and temperature, response_format, system_fingerprint, SSE. */
class OpenAiTextGenerationIT extends TextGenerationServerContract {

    @Override
    TextGeneration client(LlmSettings settings) {
        return new OpenAiTextGeneration(settings);
    }

    @Override
    String path() {
        return "/v1/chat/completions";
    }

    @Override
    String answer(String content) {
        return completion(content, true);
    }

    private static String completion(String content, boolean usage) {
        var root = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1767225600)
                .put("model", MODEL).put("system_fingerprint", "fp_44709d6fcb");
        var choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        if (usage) root.putObject("usage").put("prompt_tokens", 9).put("completion_tokens", 12).put("total_tokens", 21);
        return root.toString();
    }

    @Override
    int answerTokens() {
        return 21;
    }

    @Override
    String answerWithoutTokens(String content) {
        return completion(content, false);
    }

    @Override
    String[] answerWithoutText() {
        return new String[] {"{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[]}", "choices[0].message.content"};
    }

    @Override
    String checkPath() {
        return "/v1/models";
    }

    @Override
    void assertPromptSent(JsonNode body) {
        assertChatMessages(body);
    }

    @Override
    String[] streamed(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            var chunk = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                    .put("system_fingerprint", "fp_stream");
            chunk.putArray("choices").addObject().put("index", 0).putObject("delta").put("content", p);
            b.append("data: ").append(chunk).append("\n\n");
        }
        b.append("data: [DONE]\n\n");
        return new String[] {b.toString(), "text/event-stream"};
    }

    @Override
    String unknownModel(String model) {
        return "{\"error\":{\"message\":\"The model `" + model + "` does not exist or you do not have access to it.\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}";
    }

    @Override
    void assertReproducibilityParameters(JsonNode body) {
        assertThat(body.path("seed").asLong()).isEqualTo(123456789);
        assertThat(body.path("temperature").asDouble(-1)).isZero();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(100);
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(body.has("options")).isFalse();
    }

    /** With {@code stream_options.include_usage} the chunk before [DONE] has empty choices and the usage. */
    @Test
    void aStreamedAnswerGivesTheUsageOfItsLastChunk() {
        String[] stream = streamed("hel", "lo");
        String usage = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}}\n\n";
        String body = stream[0].replace("data: [DONE]", usage + "data: [DONE]");
        server.stubFor(post(urlEqualTo(path())).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", stream[1]).withBody(body)));
        GeneratedText t = client().generate(PROMPT);
        assertThat(t.content()).isEqualTo("hello");
        assertThat(t.tokensUsed()).isEqualTo(11);
        server.resetAll();
        server.stubFor(post(urlEqualTo(path())).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", stream[1]).withBody(stream[0])));
        assertThat(client().generate(PROMPT).tokensUsed()).isEqualTo(GeneratedText.UNKNOWN_TOKENS);
    }

    @Test
    void aTokenCountThatIsNotANumberIsNamed() {
        stub(200, answer("x").replace("\"total_tokens\":21", "\"total_tokens\":\"many\""));
        assertThatThrownBy(() -> client().generate(PROMPT)).isInstanceOf(TextGenerationException.class)
                .hasMessageContaining("usage.total_tokens");
    }

    @Test
    void reportsTheSystemFingerprint() {
        stub(200, answer("x"));
        assertThat(client().generate(PROMPT).fingerprint()).isEqualTo("fp_44709d6fcb");
    }

    @Test
    void aBaseUrlEndingInV1IsNotDoubled() {
        stub(200, answer("x"));
        TextGeneration openAiStyle = client(new LlmSettings(URI.create("http://127.0.0.1:" + server.port() + "/v1/"), null,
                Duration.ofSeconds(5), 2, 0, Duration.ofSeconds(1)));
        assertThat(openAiStyle.generate(PROMPT).content()).isEqualTo("x");
    }

    @Test
    void aServerWithoutJsonModeIsAskedAgainWithoutIt() {
        server.stubFor(post(urlEqualTo(path())).withRequestBody(matchingJsonPath("$.response_format"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"'response_format.type' must be 'json_schema'\"}}")));
        server.stubFor(post(urlEqualTo(path())).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("response_format"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(answer("plain"))));
        TextGeneration c = client();
        assertThat(c.generate(PROMPT).content()).isEqualTo("plain");
        assertThat(c.generate(PROMPT).content()).isEqualTo("plain");
        // the refusal is remembered: one refused request, then two plain ones
        server.verify(3, postRequestedFor(urlEqualTo(path())));
    }
}
