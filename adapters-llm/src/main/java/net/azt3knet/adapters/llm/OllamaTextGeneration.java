package net.azt3knet.adapters.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import net.azt3knet.adapters.http.ProviderHttp.Reply;
import net.azt3knet.ports.out.text.GeneratedText;
import net.azt3knet.ports.out.text.TextGeneration;
import net.azt3knet.ports.out.text.TextPrompt;

/**
 * {@link TextGeneration} on Ollama's native {@code POST /api/chat}. Reproducibility settings go inside
 * {@code options} (a top-level seed is not the documented contract), JSON output through {@code format}. Ollama
 * streams by default; we ask it not to, and still join NDJSON chunks if it streams anyway.
 */
public final class OllamaTextGeneration implements TextGeneration {

    private final LlmClient client;

    public OllamaTextGeneration(LlmSettings settings) {
        this.client = new LlmClient(settings);
    }

    @Override
    public GeneratedText generate(TextPrompt prompt) {
        return client.post("/api/chat", body(prompt), prompt.model(), this::parse);
    }

    @Override
    public void check() {
        client.check("/api/tags");
    }

    @Override
    public String describe() {
        return "ollama " + client.describe();
    }

    private static String body(TextPrompt p) {
        ObjectNode b = LlmClient.JSON.createObjectNode();
        b.put("model", p.model());
        var messages = b.putArray("messages");
        messages.addObject().put("role", "system").put("content", p.system());
        messages.addObject().put("role", "user").put("content", p.user());
        b.put("stream", false);
        if (p.json()) b.put("format", "json");
        b.putObject("options").put("seed", p.seed()).put("temperature", p.temperature()).put("num_predict", p.maxTokens());
        return b.toString();
    }

    /** One JSON object, or NDJSON chunks whose {@code message.content} parts join until {@code done: true}. */
    private GeneratedText parse(Reply reply) {
        StringBuilder text = new StringBuilder();
        int tokens = GeneratedText.UNKNOWN_TOKENS;
        boolean done = false;
        try {
            for (String line : reply.body().split("\r?\n")) {
                if (line.isBlank()) continue;
                JsonNode chunk = LlmClient.JSON.readTree(line);
                if (chunk.has("error")) throw client.malformed("answer (the server reported" + LlmClient.errorMessage(line) + ")");
                JsonNode content = chunk.path("message").path("content");
                if (!content.isTextual()) throw client.malformed("chat answer (no message.content)");
                text.append(content.asText());
                if (chunk.path("done").asBoolean(false)) {
                    tokens = tokens(chunk);
                    done = true;
                    break;
                }
            }
        } catch (IOException e) {
            throw client.malformed("chat answer (not JSON)");
        }
        if (!done) throw client.malformed("chat answer (it ended before done: true)");
        return new GeneratedText(text.toString(), null, tokens, Optional.empty());
    }

    /**
     * {@code prompt_eval_count + eval_count} of the final chunk. Ollama leaves {@code prompt_eval_count} out when the
     * prompt came from its cache, so what is there is summed; neither there is an unknown count.
     */
    private int tokens(JsonNode done) {
        int prompt = client.tokens(done, "prompt_eval_count", "chat answer", "prompt_eval_count");
        int answer = client.tokens(done, "eval_count", "chat answer", "eval_count");
        if (prompt < 0 && answer < 0) return GeneratedText.UNKNOWN_TOKENS;
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.max(prompt, 0) + Math.max(answer, 0));
    }
}
