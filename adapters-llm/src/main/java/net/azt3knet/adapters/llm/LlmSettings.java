package net.azt3knet.adapters.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import net.azt3knet.domain.credential.Secret;

/**
 * How to reach a model server.
 *
 * @param baseUrl      the server's root, e.g. {@code http://127.0.0.1:11434} or {@code https://api.openai.com/v1}
 * @param apiKey       bearer key, or null for servers without auth (Ollama, most local servers)
 * @param timeout      connect and read timeout of one request
 * @param concurrency  most requests in flight at once, across all callers of one instance
 * @param maxRetries   retries of one request after a 5xx, 429, timeout or reset connection
 * @param maxRetryWait the longest wait before a retry, also the cap on a server's Retry-After
 */
public record LlmSettings(URI baseUrl, Secret apiKey, Duration timeout, int concurrency, int maxRetries, Duration maxRetryWait) {

    public LlmSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxRetryWait, "maxRetryWait");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("the LLM URL must start with http:// or https://, was " + baseUrl);
        }
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
    }

    /** Defaults for everything but the address: 60 s timeout, 8 in flight, 4 retries waiting at most 30 s. */
    public static LlmSettings of(URI baseUrl, Secret apiKey) {
        return new LlmSettings(baseUrl, apiKey, Duration.ofSeconds(60), 8, 4, Duration.ofSeconds(30));
    }

    /** The address without user info or trailing slashes, safe to print. */
    String root() {
        String s = baseUrl.getScheme() + "://" + baseUrl.getHost() + (baseUrl.getPort() >= 0 ? ":" + baseUrl.getPort() : "")
                + (baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath());
        return s.replaceAll("/+$", "");
    }
}
