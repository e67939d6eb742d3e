package net.azt3knet.adapters.http;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RateLimiter;
import dev.failsafe.RateLimitExceededException;
import dev.failsafe.RetryPolicy;
import feign.Feign;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.Request;
import feign.RequestLine;
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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException.Reason;

/**
 * One provider's HTTP endpoint behind Failsafe: a smooth rate limiter every attempt passes (so the provider never
 * has to say 429), retry with exponential backoff and full jitter on 5xx, 429 (its Retry-After wins, capped),
 * timeouts and reset connections, and a circuit breaker that stops a run hammering a provider that is down. What a
 * status means beyond that is the vendor adapter's business: it receives every other answer as a {@link Reply}.
 */
public final class ProviderHttp {

    private static final int MAX_BODY = 16 << 20;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    /** An answer: status, body as text, and the Retry-After and Link headers if any. */
    public record Reply(int status, String body, String retryAfter, String link) {

        /** The target of the Link header's {@code rel} relation (RFC 8288), as the server wrote it; null if none. */
        public String linked(String rel) {
            if (link == null) return null;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?" + java.util.regex.Pattern.quote(rel) + "\"?")
                    .matcher(link);
            return m.find() ? m.group(1) : null;
        }
    }

    /** The generic verbs; paths come expanded and encoded by the caller. */
    interface RawApi {
        @RequestLine("GET {path}")
        @Headers("Accept: application/json")
        Response get(@Param(value = "path", encoded = true) String path, @QueryMap(encoded = true) Map<String, Object> query);

        @RequestLine("DELETE {path}")
        @Headers("Accept: application/json")
        Response delete(@Param(value = "path", encoded = true) String path);

        @RequestLine("POST {path}")
        @Headers({"Content-Type: {type}", "Accept: application/json"})
        Response post(@Param(value = "path", encoded = true) String path, @Param("type") String type, String body);

        @RequestLine("PUT {path}")
        @Headers({"Content-Type: application/json", "Accept: application/json"})
        Response put(@Param(value = "path", encoded = true) String path, String body);

        @RequestLine("PATCH {path}")
        @Headers({"Content-Type: application/json", "Accept: application/json"})
        Response patch(@Param(value = "path", encoded = true) String path, String body);
    }

    /** A failure worth another attempt; {@code unknownOutcome} when the request may have taken effect. */
    private static final class Transient extends RuntimeException {
        final Reason reason;
        final Duration retryAfter;
        final boolean unknownOutcome;

        Transient(Reason reason, String message, Duration retryAfter, boolean unknownOutcome) {
            super(message, null, false, false);
            this.reason = reason;
            this.retryAfter = retryAfter;
            this.unknownOutcome = unknownOutcome;
        }
    }

    /** Makes the exception a failure surfaces as: each port has its own type, the reasons are shared. */
    @FunctionalInterface
    public interface Failures {
        RuntimeException of(Reason reason, String message);

        /** Failures as the mail-provisioning port reports them. */
        Failures MAILBOX = MailboxProvisioningException::new;
    }

    private static final System.Logger LOG = System.getLogger(ProviderHttp.class.getName());

    private final String provider;
    private final String root;
    private final Failures failures;
    private final ProviderLimits limits;
    private final RawApi api;
    private final FailsafeExecutor<Object> policies;
    private final RateLimiter<Object> rate;
    private final Hedge hedge;

    /**
     * @param provider name used in messages ({@code mailcow})
     * @param root     base URL, e.g. {@code https://mail.example.org}
     * @param headers  headers added to every request (authentication), asked for per request so a token can change
     */
    public ProviderHttp(String provider, String root, ProviderLimits limits, Supplier<Map<String, String>> headers) {
        this(provider, root, limits, headers, Failures.MAILBOX);
    }

    /** As above, with failures made by {@code failures}. */
    public ProviderHttp(String provider, String root, ProviderLimits limits, Supplier<Map<String, String>> headers,
                        Failures failures) {
        this.provider = provider;
        this.failures = failures;
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.limits = limits;
        long timeout = limits.timeout().toMillis();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(limits.timeout()).build();
        this.api = Feign.builder()
                .client(new Http2Client(http))
                .retryer(Retryer.NEVER_RETRY)
                .options(new Request.Options(timeout, TimeUnit.MILLISECONDS, timeout, TimeUnit.MILLISECONDS, false))
                .requestInterceptor(t -> headers.get().forEach(t::header))
                .target(RawApi.class, this.root);
        RetryPolicy<Object> retry = RetryPolicy.builder()
                .handle(Transient.class)
                .withMaxRetries(limits.maxRetries())
                .withDelayFn(ctx -> delay(ctx.getLastException(), ctx.getAttemptCount()))
                .build();
        CircuitBreaker<Object> breaker = CircuitBreaker.builder()
                // a 429 says "slower", not "broken": it does not count towards opening the circuit
                .handleIf((result, failure) -> failure instanceof Transient t && t.reason != Reason.RATE_LIMITED)
                .withFailureRateThreshold(50, 20, Duration.ofSeconds(30))
                .withDelay(Duration.ofSeconds(10))
                .withSuccessThreshold(3)
                .onOpen(e -> ProviderCalls.observer().circuit(provider, "open"))
                .onHalfOpen(e -> ProviderCalls.observer().circuit(provider, "half_open"))
                .onClose(e -> ProviderCalls.observer().circuit(provider, "closed"))
                .build();
        // Smooth: one permit every 1/rate seconds, so requests are spread evenly and never arrive as a burst.
        this.hedge = new Hedge(limits.timeout());
        this.rate = RateLimiter.<Object>smoothBuilder(Duration.ofNanos((long) (1_000_000_000L / limits.requestsPerSecond())))
                .withMaxWaitTime(Duration.ofMinutes(10))
                .build();
        this.policies = Failsafe.with(retry, breaker, rate);
    }

    /** Where the provider is reached, for messages. */
    public String root() {
        return root;
    }

    private Duration delay(Throwable last, int attempts) {
        Duration cap = limits.maxRetryWait();
        if (last instanceof Transient t && t.retryAfter != null) {
            if (t.retryAfter.toSeconds() >= 5) {
                LOG.log(System.Logger.Level.WARNING, "{0} is rate limiting; waiting {1} as its Retry-After asks", provider, human(t.retryAfter));
            }
            return t.retryAfter;
        }
        long ceiling = Math.min(cap.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempts - 1, 16));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    public Reply get(String path) {
        return exchange("GET", path, null, null, r -> r, null);
    }

    public Reply delete(String path) {
        return exchange("DELETE", path, null, null, r -> r, null);
    }

    public Reply put(String path, String json) {
        return exchange("PUT", path, null, json, r -> r, null);
    }

    public Reply patch(String path, String json) {
        return exchange("PATCH", path, null, json, r -> r, null);
    }

    public Reply post(String path, String contentType, String body) {
        return exchange("POST", path, contentType, body, r -> r, null);
    }

    /**
     * A request that creates something: when an attempt's outcome is unknown (timeout, reset after sending),
     * {@code readBack} runs before the next attempt, and what it finds is the result — nothing is created twice.
     */
    public <T> T create(String path, String contentType, String body, Function<Reply, T> interpret, Supplier<Optional<T>> readBack) {
        return exchange("POST", path, contentType, body, interpret, readBack);
    }

    @SuppressWarnings("unchecked")
    private <T> T exchange(String method, String path, String type, String body, Function<Reply, T> interpret,
                           Supplier<Optional<T>> readBack) {
        boolean[] unknown = {false};
        try {
            return (T) policies.get(() -> {
                if (unknown[0] && readBack != null) {
                    Optional<T> done = readBack.get();
                    if (done.isPresent()) return done.get();
                }
                try {
                    return hedge.run("GET".equals(method), () -> interpret.apply(once(method, path, type, body)), readBack,
                            this::permit);
                } catch (Transient t) {
                    unknown[0] |= t.unknownOutcome;
                    throw t;
                }
            });
        } catch (Transient t) {
            throw failures.of(t.reason, t.getMessage() + " (" + (limits.maxRetries() + 1) + " attempts)");
        } catch (CircuitBreakerOpenException e) {
            throw failures.of(Reason.CIRCUIT_OPEN, provider + " at " + root
                    + " failed repeatedly; no requests are sent to it for 10 s (circuit breaker open)");
        } catch (RateLimitExceededException e) {
            throw failures.of(Reason.RATE_LIMITED, "waited too long for a request slot to " + provider);
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) Thread.currentThread().interrupt();
            throw failures.of(Reason.UNREACHABLE, "request to " + provider + " interrupted");
        }
    }

    /** A hedged read is a request like any other: it waits for its slot. */
    private void permit() {
        try {
            rate.acquirePermit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the wait for the answers that follows ends at once
        }
    }

    private Reply once(String method, String path, String type, String body) {
        long start = System.nanoTime();
        int[] status = {0};
        String outcome = "unreachable";
        try {
            Reply reply = attempt(method, path, type, body, status);
            hedge.answered(System.nanoTime() - start);
            return reply;
        } catch (Transient t) {
            if (t.reason == Reason.TIMEOUT) outcome = "timeout";
            throw t;
        } finally {
            ProviderCalls.observer().call(provider, method, status[0] > 0 ? Integer.toString(status[0]) : outcome,
                    System.nanoTime() - start);
        }
    }

    private Reply attempt(String method, String path, String type, String body, int[] status) {
        try (Response r = switch (method) {
            case "GET" -> fetch(path);
            case "DELETE" -> api.delete(path);
            case "PUT" -> api.put(path, body);
            case "PATCH" -> api.patch(path, body);
            default -> api.post(path, type == null ? "application/json" : type, body);
        }) {
            status[0] = r.status();
            Reply reply = new Reply(r.status(), read(r), header(r.headers().get("retry-after")), r.headers().get("link") == null ? null : String.join(", ", r.headers().get("link")));
            if (reply.status() == 429) {
                Duration wait = retryAfter(reply.retryAfter());
                if (wait != null && wait.compareTo(limits.maxRetryWait()) > 0) {
                    // Waiting the cap and asking again would only spend the retries: say when to come back instead.
                    throw failures.of(Reason.RATE_LIMITED, provider + " is rate limiting and asks to wait " + human(wait)
                            + ", longer than the " + human(limits.maxRetryWait()) + " allowed; run again after that");
                }
                throw new Transient(Reason.RATE_LIMITED, provider + " is rate limiting (HTTP 429)", wait, false);
            }
            if (reply.status() >= 500 || reply.status() == 408) {
                // a 5xx may come after the work was done: treat the outcome as unknown
                throw new Transient(Reason.SERVER_ERROR, provider + " failed with HTTP " + reply.status(),
                        retryAfter(reply.retryAfter()), !"GET".equals(method));
            }
            return reply;
        } catch (RetryableException e) {
            throw io(e, !"GET".equals(method));
        } catch (IOException e) {
            throw new Transient(Reason.UNREACHABLE, "the connection to " + provider + " broke: " + e.getMessage(), null, true);
        }
    }

    /** Feign would encode a '?' inside the path: the query goes in as a map of already encoded pairs. */
    private Response fetch(String path) {
        int q = path.indexOf('?');
        if (q < 0) return api.get(path, Map.of());
        Map<String, Object> query = new LinkedHashMap<>();
        for (String pair : path.substring(q + 1).split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return api.get(path.substring(0, q), query);
    }

    private RuntimeException io(RetryableException e, boolean writes) {
        Throwable cause = e.getCause();
        if (cause instanceof HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
            return new Transient(Reason.TIMEOUT, provider + " at " + root + " did not answer within "
                    + limits.timeout().toSeconds() + " s", null, writes);
        }
        if (cause instanceof ConnectException) {
            // Nothing listens there: retrying only delays the message the operator needs.
            return failures.of(Reason.UNREACHABLE, "cannot connect to " + provider + " at " + root
                    + "; is the URL right and the server running?");
        }
        return new Transient(Reason.UNREACHABLE, "the connection to " + provider + " failed: "
                + (cause == null ? e.getMessage() : cause.getClass().getSimpleName()), null, writes);
    }

    /**
     * {@code s} encoded as one path segment (or query value); '@' and '*' stay as they are (RFC 3986 allows them in
     * a segment), as the vendors' own clients send addresses.
     */
    public static String segment(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%40", "@").replace("+", "%20");
    }

    /** A Retry-After header's wait: seconds or an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? (s / 3600) + " h " + (s % 3600 / 60) + " min" : s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }

    private static String header(Collection<String> values) {
        return values == null || values.isEmpty() ? null : values.iterator().next();
    }

    private String read(Response r) throws IOException {
        if (r.body() == null) return "";
        try (InputStream in = r.body().asInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw failures.of(Reason.BAD_RESPONSE, provider + " sent more than 16 MB for one answer");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
