package net.azt3knet.adapters.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import net.azt3knet.adapters.http.ProviderHttp.Reply;
import net.azt3knet.ports.out.text.GeneratedText;
import net.azt3knet.ports.out.text.TextGeneration;
import net.azt3knet.ports.out.text.TextGenerationException;
import net.azt3knet.ports.out.text.TextPrompt;

/**
 * {@link TextGeneration} on an OpenAI-compatible {@code POST /v1/chat/completions} (OpenAI, vLLM, llama.cpp server,
 * LM Studio, Ollama's compatibility endpoint). {@code seed} and {@code temperature} are top-level here; the answer's
 * {@code system_fingerprint} identifies the backend and {@code usage.total_tokens} the cost. We ask for
 * {@code stream: false}; a streamed (server-sent events) answer is joined all the same, its usage read from the chunk
 * that carries one.
 */
public final class OpenAiTextGeneration implements TextGeneration {

    private final LlmClient client;
    private final String path;
    /** Cleared when the server refuses {@code response_format}: it is then asked in the prompt alone. */
    private final AtomicBoolean jsonMode = new AtomicBoolean(true);

    public OpenAiTextGeneration(LlmSettings settings) {
        this.client = new LlmClient(settings);
        // OpenAI's documented base URL already ends in /v1; a bare server root does not.
        this.path = settings.root().endsWith("/v1") ? "/chat/completions" : "/v1/chat/completions";
    }

    @Override
    public GeneratedText generate(TextPrompt prompt) {
        boolean json = prompt.json() && jsonMode.get();
        try {
            return client.post(path, body(prompt, json), prompt.model(), this::parse);
        } catch (TextGenerationException e) {
            if (json && e.reason() == TextGenerationException.Reason.REJECTED && e.getMessage().contains("response_format")) {
                jsonMode.set(false);
                return client.post(path, body(prompt, false), prompt.model(), this::parse);
            }
            throw e;
        }
    }

    @Override
    public void check() {
        client.check(path.replace("/chat/completions", "/models"));
    }

    @Override
    public String describe() {
        return "openai-compatible " + client.describe();
    }

    private static String body(TextPrompt p, boolean json) {
        ObjectNode b = LlmClient.JSON.createObjectNode();
        b.put("model", p.model());
        var messages = b.putArray("messages");
        messages.addObject().put("role", "system").put("content", p.system());
        messages.addObject().put("role", "user").put("content", p.user());
        b.put("temperature", p.temperature());
        b.put("seed", p.seed());
        b.put("max_tokens", p.maxTokens());
        b.put("stream", false);
        if (json) b.putObject("response_format").put("type", "json_object");
        return b.toString();
    }

    private GeneratedText parse(Reply reply) {
        String body = reply.body();
        boolean events = (reply.contentType() != null && reply.contentType().startsWith("text/event-stream"))
                || body.stripLeading().startsWith("data:");
        try {
            if (events) return parseEvents(body);
            JsonNode root = LlmClient.JSON.readTree(body);
            JsonNode content = root.path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) throw client.malformed("chat completion (no choices[0].message.content)");
            return new GeneratedText(content.asText(), fingerprint(root), tokens(root), Optional.empty());
        } catch (IOException e) {
            throw client.malformed("chat completion (not JSON)");
        }
    }

    /** {@code data: {chunk}} lines, each with {@code choices[0].delta.content}, until {@code data: [DONE]}. */
    private GeneratedText parseEvents(String body) throws IOException {
        StringBuilder text = new StringBuilder();
        String fingerprint = null;
        int tokens = GeneratedText.UNKNOWN_TOKENS;
        boolean done = false;
        for (String line : body.split("\r?\n")) {
            if (!line.startsWith("data:")) continue;
            String data = line.substring(5).strip();
            if (data.equals("[DONE]")) {
                done = true;
                break;
            }
            JsonNode chunk = LlmClient.JSON.readTree(data);
            JsonNode delta = chunk.path("choices").path(0).path("delta").path("content");
            if (delta.isTextual()) text.append(delta.asText());
            if (fingerprint == null) fingerprint = fingerprint(chunk);
            // with stream_options.include_usage the last chunk before [DONE] carries the usage
            if (chunk.hasNonNull("usage")) tokens = tokens(chunk);
        }
        if (!done) throw client.malformed("event stream (it ended before data: [DONE])");
        return new GeneratedText(text.toString(), fingerprint, tokens, Optional.empty());
    }

    /** {@code usage.total_tokens}: prompt and completion together. */
    private int tokens(JsonNode root) {
        return client.tokens(root.path("usage"), "total_tokens", "chat completion", "usage.total_tokens");
    }

    private static String fingerprint(JsonNode root) {
        JsonNode f = root.path("system_fingerprint");
        return f.isTextual() && !f.asText().isEmpty() ? f.asText() : null;
    }
}
