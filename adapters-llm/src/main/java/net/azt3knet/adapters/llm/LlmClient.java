package net.azt3knet.adapters.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import net.azt3knet.adapters.http.ProviderFailure;
import net.azt3knet.adapters.http.ProviderHttp;
import net.azt3knet.adapters.http.ProviderHttp.Reply;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.ports.out.text.GeneratedText;
import net.azt3knet.ports.out.text.TextGenerationException;
import net.azt3knet.ports.out.text.TextGenerationException.Reason;

/**
 * The HTTP side shared by both server flavours, on the provider HTTP toolkit: retry with backoff and full jitter (a
 * server's Retry-After wins), a circuit breaker, and a bound on the requests in flight instead of a rate (a model
 * server is limited by its GPU, not by a quota). What a status means for a model server is decided here.
 */
final class LlmClient {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Ollama streams NDJSON and OpenAI-compatible servers server-sent events when they stream at all. */
    private static final String ACCEPT = "application/json, text/event-stream, application/x-ndjson";

    private final LlmSettings settings;
    private final ProviderHttp http;

    /**
     * What metrics and the breaker state call the model-server integration, whichever flavour it speaks (like
     * {@code Mailcow} for mailcow); messages say "the model server at …" instead.
     */
    private static final String INTEGRATION = "LLM";

    LlmClient(LlmSettings settings) {
        this.settings = settings;
        ProviderLimits limits = new ProviderLimits(settings.timeout(), Double.POSITIVE_INFINITY, settings.maxRetries(),
                settings.maxRetryWait(), settings.concurrency());
        this.http = new ProviderHttp(INTEGRATION, settings.root(), limits, () -> settings.apiKey() == null ? Map.of("Accept", ACCEPT)
                : Map.of("Accept", ACCEPT, "Authorization", "Bearer " + settings.apiKey().reveal()), this::failure);
    }

    String describe() {
        return settings.root();
    }

    private String server() {
        return "the model server at " + describe();
    }

    /**
     * POSTs {@code body} to {@code path} under the toolkit's policies and turns a 200 into an answer with {@code parse}.
     *
     * @param model the model asked for, named in messages
     */
    GeneratedText post(String path, String body, String model, Function<Reply, GeneratedText> parse) {
        return http.post(path, "application/json", body, reply -> {
            if (reply.status() == 200) return parse.apply(reply);
            throw refused(reply, model);
        });
    }

    /** One GET of a cheap listing, without retries: does the server answer and accept the key? */
    void check(String path) {
        Reply r = http.probe(path);
        if (r.status() != 200) throw refused(r, "");
    }

    /** What a status the toolkit leaves to the adapter (any but 429, 408 and 5xx) means for a model server. */
    private TextGenerationException refused(Reply reply, String model) {
        String said = errorMessage(reply.body());
        int status = reply.status();
        if (status == 401 || status == 403) {
            return new TextGenerationException(Reason.UNAUTHORIZED, server() + " refused the API key (HTTP " + status + said
                    + "); set LLM_API_KEY, or name the variable holding it with --llm-api-key-env");
        }
        if (status == 404 && said.toLowerCase(Locale.ROOT).contains("model")) {
            return new TextGenerationException(Reason.UNKNOWN_MODEL, server() + " has no model '" + model + "' (HTTP 404" + said
                    + "); check --llm-model / LLM_MODEL (with Ollama: 'ollama pull " + model + "')");
        }
        if (status == 404) {
            return new TextGenerationException(Reason.REJECTED, server() + " has no such endpoint (HTTP 404); --llm-url is the"
                    + " server's root, e.g. http://127.0.0.1:11434 or https://api.openai.com/v1, and --llm-api must match it");
        }
        return new TextGenerationException(Reason.REJECTED, server() + " rejected the request with HTTP " + status + said);
    }

    /** The port's exception for what the toolkit recognised, with the flags an operator turns. */
    private TextGenerationException failure(ProviderFailure f) {
        String attempts = " (" + f.attempts() + (f.attempts() == 1 ? " attempt)" : " attempts)");
        String said = errorMessage(f.body());
        return switch (f.reason()) {
            case TIMEOUT -> new TextGenerationException(Reason.TIMEOUT, server() + " did not answer within "
                    + settings.timeout().toSeconds() + " s; raise --llm-timeout or lower --llm-concurrency" + attempts);
            case SERVER_ERROR -> new TextGenerationException(Reason.SERVER_ERROR, server() + " failed with HTTP " + f.status()
                    + said + attempts);
            case RATE_LIMITED -> new TextGenerationException(Reason.RATE_LIMITED, aboutServer(f)
                    + (said.isEmpty() ? "" : "; the server said" + said));
            case CONNECTION_REFUSED -> new TextGenerationException(Reason.UNREACHABLE, "cannot connect to " + server()
                    + "; is it running? Check --llm-url / LLM_BASE_URL");
            case UNREACHABLE -> new TextGenerationException(Reason.UNREACHABLE, aboutServer(f) + attempts);
            case CIRCUIT_OPEN -> new TextGenerationException(Reason.CIRCUIT_OPEN, server()
                    + " failed repeatedly; no requests are sent to it for " + ProviderHttp.BREAKER_DELAY.toSeconds() + " s (circuit breaker open)");
            case BAD_RESPONSE -> new TextGenerationException(Reason.BAD_RESPONSE, f.message());
        };
    }

    /** The toolkit's own sentence, naming the server rather than the integration. */
    private String aboutServer(ProviderFailure f) {
        return f.message().replaceFirst("\\b" + INTEGRATION + "\\b", java.util.regex.Matcher.quoteReplacement(server()));
    }

    /**
     * The error text a server sent ({@code {"error":{"message":…}}}, {@code {"error":"…"}}, or the
     * {@code {"detail":"…"}} of the Python web frameworks AI-core servers are written in), shortened.
     */
    static String errorMessage(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root.path("error");
            String text = error.isTextual() ? error.asText() : error.path("message").asText("");
            if (text.isEmpty() && root.path("detail").isTextual()) text = root.path("detail").asText();
            if (text.isEmpty()) return "";
            return ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * The token count in {@code field} of {@code node}: {@link GeneratedText#UNKNOWN_TOKENS} when the server left it
     * out, a failure naming {@code name} when it is there but not a count.
     */
    int tokens(JsonNode node, String field, String what, String name) {
        JsonNode n = node.path(field);
        if (n.isMissingNode() || n.isNull()) return GeneratedText.UNKNOWN_TOKENS;
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
            throw malformed(what + " (" + name + " is not a token count)");
        }
        return (int) Math.min(Integer.MAX_VALUE, n.asLong());
    }

    /** A body that is not what the API documents. */
    TextGenerationException malformed(String what) {
        return new TextGenerationException(Reason.BAD_RESPONSE, server() + " sent a response that is not a valid " + what);
    }
}
