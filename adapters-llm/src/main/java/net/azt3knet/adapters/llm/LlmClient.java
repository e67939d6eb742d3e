package net.azt3knet.adapters.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Bulkhead;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import feign.Feign;
import feign.Request;
import feign.Response;
import feign.RetryableException;
import feign.Retryer;
import feign.http2client.Http2Client;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.azt3knet.adapters.http.ProviderHttp;
import net.azt3knet.ports.out.text.GeneratedText;
import net.azt3knet.ports.out.text.TextGenerationException;
import net.azt3knet.ports.out.text.TextGenerationException.Reason;

/**
 * The HTTP side shared by both server flavours: Feign on java.net.http, and Failsafe around every request — retry
 * with exponential backoff and jitter (a server's Retry-After wins, capped), a circuit breaker that stops hammering
 * a failing server, and a bulkhead that bounds the requests in flight.
 */
final class LlmClient {

    static final ObjectMapper JSON = new ObjectMapper();
    /** A model's answer to one field is a few hundred bytes; anything beyond this is not an answer. */
    private static final int MAX_BODY = 4 << 20;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    private final LlmSettings settings;
    private final LlmApi api;
    private final FailsafeExecutor<GeneratedText> policies;

    /** A failure worth retrying, with the server's Retry-After when it sent one. */
    static final class Transient extends RuntimeException {
        final Reason reason;
        final Duration retryAfter;

        Transient(Reason reason, String message, Duration retryAfter) {
            super(message, null, false, false);
            this.reason = reason;
            this.retryAfter = retryAfter;
        }
    }

    LlmClient(LlmSettings settings) {
        this.settings = settings;
        long timeout = settings.timeout().toMillis();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout()).build();
        this.api = Feign.builder()
                .client(new Http2Client(http))
                .retryer(Retryer.NEVER_RETRY)
                .options(new Request.Options(timeout, TimeUnit.MILLISECONDS, timeout, TimeUnit.MILLISECONDS, false))
                .requestInterceptor(t -> {
                    if (settings.apiKey() != null) t.header("Authorization", "Bearer " + settings.apiKey().reveal());
                })
                .target(LlmApi.class, settings.root());
        RetryPolicy<GeneratedText> retry = RetryPolicy.<GeneratedText>builder()
                .handle(Transient.class)
                .withMaxRetries(settings.maxRetries())
                .withDelayFn(ctx -> delay(ctx.getLastException(), ctx.getAttemptCount()))
                .build();
        CircuitBreaker<GeneratedText> breaker = CircuitBreaker.<GeneratedText>builder()
                // a 429 says "slower", not "broken": it does not count towards opening the circuit
                .handleIf((result, failure) -> failure instanceof Transient t && t.reason != Reason.RATE_LIMITED)
                .withFailureRateThreshold(50, 20, Duration.ofSeconds(30))
                .withDelay(Duration.ofSeconds(10))
                .withSuccessThreshold(3)
                .build();
        Bulkhead<GeneratedText> inFlight = Bulkhead.<GeneratedText>builder(settings.concurrency())
                .withMaxWaitTime(Duration.ofHours(1))
                .build();
        this.policies = Failsafe.with(retry, breaker, inFlight);
    }

    /** Backoff: Retry-After when given (capped), else 250 ms doubling per attempt, with full jitter, capped. */
    private Duration delay(Throwable last, int attempts) {
        Duration cap = settings.maxRetryWait();
        if (last instanceof Transient t && t.retryAfter != null) return t.retryAfter.compareTo(cap) > 0 ? cap : t.retryAfter;
        long ceiling = Math.min(cap.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempts - 1, 16));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    String describe() {
        return settings.root();
    }

    /**
     * POSTs {@code body} to {@code path} under the policies and turns a 200 into an answer with {@code parse}.
     *
     * @param model the model asked for, named in messages
     */
    GeneratedText post(String path, String body, String model, Function<Reply, GeneratedText> parse) {
        try {
            return policies.get(() -> once(path, body, model, parse));
        } catch (Transient t) {
            throw new TextGenerationException(t.reason, t.getMessage() + " (" + (settings.maxRetries() + 1) + " attempts)");
        } catch (CircuitBreakerOpenException e) {
            throw new TextGenerationException(Reason.CIRCUIT_OPEN, "the model server at " + describe()
                    + " failed repeatedly; no requests are sent to it for 10 s (circuit breaker open)");
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new TextGenerationException(Reason.UNREACHABLE, "request to " + describe() + " interrupted");
        }
    }

    /** One GET of a cheap listing, without retries: does the server answer and accept the key? */
    void check(String path) {
        try (Response r = api.get(path)) {
            if (r.status() == 200) return;
            RuntimeException failure = failure(new Reply(r.status(), header(r.headers().get("content-type")), read(r)), null, "");
            throw failure instanceof Transient t ? new TextGenerationException(t.reason, t.getMessage()) : failure;
        } catch (RetryableException e) {
            RuntimeException failure = io(e);
            throw failure instanceof Transient t ? new TextGenerationException(t.reason, t.getMessage()) : failure;
        } catch (IOException e) {
            throw new TextGenerationException(Reason.UNREACHABLE, "the connection to " + describe() + " broke: " + e.getMessage());
        }
    }

    /** The response of one attempt: status, content type and body as text. */
    record Reply(int status, String contentType, String body) {
    }

    private GeneratedText once(String path, String body, String model, Function<Reply, GeneratedText> parse) {
        Reply reply;
        try (Response r = api.post(path, body)) {
            reply = new Reply(r.status(), header(r.headers().get("content-type")), read(r));
            if (reply.status() == 200) return parse.apply(reply);
            throw failure(reply, header(r.headers().get("retry-after")), model);
        } catch (RetryableException e) {
            throw io(e);
        } catch (IOException e) {
            throw new Transient(Reason.UNREACHABLE, "the connection to " + describe() + " broke: " + e.getMessage(), null);
        }
    }

    private RuntimeException io(RetryableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
            return new Transient(Reason.TIMEOUT, "the model server at " + describe() + " did not answer within "
                    + settings.timeout().toSeconds() + " s; raise --llm-timeout or lower --llm-concurrency", null);
        }
        if (cause instanceof ConnectException) {
            // Nothing listens there: retrying only delays the message the operator needs.
            return new TextGenerationException(Reason.UNREACHABLE, "cannot connect to the model server at " + describe()
                    + "; is it running? Check --llm-url / LLM_BASE_URL");
        }
        return new Transient(Reason.UNREACHABLE, "the connection to " + describe() + " failed: "
                + (cause == null ? e.getMessage() : cause.getClass().getSimpleName() + " " + cause.getMessage()), null);
    }

    private RuntimeException failure(Reply reply, String retryAfter, String model) {
        String said = errorMessage(reply.body());
        String server = "the model server at " + describe();
        int status = reply.status();
        if (status == 429) {
            return new Transient(Reason.RATE_LIMITED, server + " is rate limiting (HTTP 429" + said + ")", retryAfter(retryAfter));
        }
        if (status >= 500 || status == 408) {
            return new Transient(Reason.SERVER_ERROR, server + " failed with HTTP " + status + said, retryAfter(retryAfter));
        }
        if (status == 401 || status == 403) {
            return new TextGenerationException(Reason.UNAUTHORIZED, server + " refused the API key (HTTP " + status + said
                    + "); set LLM_API_KEY, or name the variable holding it with --llm-api-key-env");
        }
        if (status == 404 && said.toLowerCase(java.util.Locale.ROOT).contains("model")) {
            return new TextGenerationException(Reason.UNKNOWN_MODEL, server + " has no model '" + model + "' (HTTP 404" + said
                    + "); check --llm-model / LLM_MODEL (with Ollama: 'ollama pull " + model + "')");
        }
        if (status == 404) {
            return new TextGenerationException(Reason.REJECTED, server + " has no such endpoint (HTTP 404); --llm-url is the"
                    + " server's root, e.g. http://127.0.0.1:11434 or https://api.openai.com/v1, and --llm-api must match it");
        }
        return new TextGenerationException(Reason.REJECTED, server + " rejected the request with HTTP " + status + said);
    }

    /** The error text a server sent ({@code {"error":{"message":…}}} or {@code {"error":"…"}}), shortened. */
    static String errorMessage(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            String text = error.isTextual() ? error.asText() : error.path("message").asText("");
            if (text.isEmpty()) return "";
            return ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        return ProviderHttp.retryAfter(value);
    }

    private static String header(Collection<String> values) {
        return values == null || values.isEmpty() ? null : values.iterator().next();
    }

    private String read(Response r) throws IOException {
        if (r.body() == null) return "";
        try (InputStream in = r.body().asInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new TextGenerationException(Reason.BAD_RESPONSE, "the model server at " + describe()
                        + " sent more than " + (MAX_BODY >> 20) + " MB for one answer");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A body that is not what the API documents. */
    TextGenerationException malformed(String what) {
        return new TextGenerationException(Reason.BAD_RESPONSE, "the model server at " + describe()
                + " sent a response that is not a valid " + what);
    }
}
