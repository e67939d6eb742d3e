package net.azt3knet.adapters.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import net.azt3knet.adapters.http.ProviderHttp.Reply;
import net.azt3knet.ports.out.text.GeneratedText;
import net.azt3knet.ports.out.text.TextGeneration;
import net.azt3knet.ports.out.text.TextPrompt;

/**
 * {@link TextGeneration} on the AI mail-service reference's AI-core request: one {@code POST <base>/generate} per
 * prompt with {@code model, prompt, max_tokens, temperature} and, for a reply, {@code email_context}; the answer is
 * {@code response, tokens_used, processing_time, suggested_subject}. The shape has no system message, so the prompt is
 * the system text, a blank line and the user text; it has no seed and no JSON mode either, so neither is sent (the
 * replay cache, not the server, makes enrichment repeatable, and its prompts ask for JSON themselves). It names no
 * backend, so the answer's fingerprint is null; {@code processing_time} is the server's own clock and is not kept.
 */
public final class AiCoreTextGeneration implements TextGeneration {

    /** Between the system and the user text in {@code prompt}. */
    static final String PROMPT_JOIN = "\n\n";
    private static final String WHAT = "AI-core answer";

    private static final String ENDPOINT = "/generate";

    private final LlmClient client;

    public AiCoreTextGeneration(LlmSettings settings) {
        this.client = new LlmClient(serverRoot(settings));
    }

    /** The URL is the server's root; one that already ends in the endpoint (as the reference configures it) loses it. */
    private static LlmSettings serverRoot(LlmSettings s) {
        String root = s.root();
        if (!root.endsWith(ENDPOINT)) return s;
        return new LlmSettings(URI.create(root.substring(0, root.length() - ENDPOINT.length())), s.apiKey(), s.timeout(),
                s.concurrency(), s.maxRetries(), s.maxRetryWait());
    }

    @Override
    public GeneratedText generate(TextPrompt prompt) {
        return client.post(ENDPOINT, body(prompt), prompt.model(), this::parse);
    }

    /** The reference shape lists no models; its service answers {@code GET /health}, and a 200 is all we ask. */
    @Override
    public void check() {
        client.check("/health");
    }

    @Override
    public String describe() {
        return "aicore " + client.describe();
    }

    private static String body(TextPrompt p) {
        ObjectNode b = LlmClient.JSON.createObjectNode();
        b.put("model", p.model());
        b.put("prompt", p.system().isEmpty() ? p.user() : p.system() + PROMPT_JOIN + p.user());
        b.put("max_tokens", p.maxTokens());
        b.put("temperature", p.temperature());
        p.email().ifPresent(e -> {
            ObjectNode c = b.putObject("email_context");
            c.put("sender", e.sender()).put("subject", e.subject()).put("thread_id", e.threadId());
            var previous = c.putArray("previous_messages");
            e.previousMessages().forEach(previous::add);
        });
        return b.toString();
    }

    private GeneratedText parse(Reply reply) {
        JsonNode root;
        try {
            root = LlmClient.JSON.readTree(reply.body());
        } catch (IOException e) {
            throw client.malformed(WHAT + " (not JSON)");
        }
        if (root == null || !root.isObject()) throw client.malformed(WHAT + " (not a JSON object)");
        JsonNode response = root.path("response");
        if (!response.isTextual()) throw client.malformed(WHAT + " (no \"response\" field with the text)");
        JsonNode subject = root.path("suggested_subject");
        if (!subject.isMissingNode() && !subject.isNull() && !subject.isTextual()) {
            throw client.malformed(WHAT + " (suggested_subject is not a string)");
        }
        Optional<String> suggested = subject.isTextual() && !subject.asText().isBlank() ? Optional.of(subject.asText().strip())
                : Optional.empty();
        return new GeneratedText(response.asText(), null, client.tokens(root, "tokens_used", WHAT, "tokens_used"), suggested);
    }
}
