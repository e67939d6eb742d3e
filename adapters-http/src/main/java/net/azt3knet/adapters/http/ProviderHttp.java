package net.azt3knet.adapters.http;

import dev.failsafe.Bulkhead;
import dev.failsafe.BulkheadFullException;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.Policy;
import dev.failsafe.RateLimitExceededException;
import dev.failsafe.RateLimiter;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.azt3knet.adapters.http.ProviderFailure.Reason;

/**
 * One provider's HTTP endpoint behind Failsafe: a smooth rate limiter every attempt passes (so the provider never
 * has to say 429), an optional bound on the requests in flight, retry with exponential backoff and full jitter on
 * 5xx, 429 (its Retry-After wins, capped), timeouts and reset connections, and a circuit breaker that stops a run
 * hammering a provider that is down. What a status means beyond that is the vendor adapter's business: it receives
 * every other answer as a {@link Reply}, and every failure as a {@link ProviderFailure} to turn into its port's
 * exception. Build one per integration and keep it: the breaker and the limits live in the instance.
 */
public final class ProviderHttp {

    private static final int MAX_BODY = 16 << 20;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    /** How long the breaker stays open before it lets probes through. */
    public static final Duration BREAKER_DELAY = Duration.ofSeconds(10);

    /** An answer: status, body as text, and the Retry-After, Link and Content-Type headers if any. */
    public record Reply(int status, String body, String retryAfter, String link, String contentType) {

        /** The target of the Link header's {@code rel} relation (RFC 8288), as the server wrote it; null if none. */
        public String linked(String rel) {
            if (link == null) return null;
            Matcher m = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?" + Pattern.quote(rel) + "\"?").matcher(link);
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

    /** Makes the exception a failure surfaces as: each port has its own type and reasons. */
    @FunctionalInterface
    public interface Failures {
        RuntimeException of(ProviderFailure failure);
    }

    /**
     * A failure inside the policies: {@code retry} when another attempt may succeed, {@code unknownOutcome} when the
     * request may have taken effect.
     */
    private static final class Failed extends RuntimeException {
        final ProviderFailure failure;
        final boolean retry;
        final boolean unknownOutcome;

        Failed(ProviderFailure failure, boolean retry, boolean unknownOutcome) {
            super(failure.message(), null, false, false);
            this.failure = failure;
            this.retry = retry;
            this.unknownOutcome = unknownOutcome;
        }

        /** Worth another attempt, and a sign of a broken provider (a 429 says "slower", not "broken"). */
        boolean countsAgainstProvider() {
            return retry && failure.reason() != Reason.RATE_LIMITED;
        }
    }

    private static final System.Logger LOG = System.getLogger(ProviderHttp.class.getName());

    private final String provider;
    private final String root;
    private final Failures failures;
    private final ProviderLimits limits;
    private final RawApi api;
    private final FailsafeExecutor<Object> policies;
    private final Duration breakerDelay;
    /** The pacing every attempt passes; null when the provider is not paced. */
    private final RateLimiter<Object> rate;
    private final Hedge hedge;
    private final CircuitBreaker<Object> breaker;

    /**
     * @param provider name used in messages and metrics ({@code Mailcow})
     * @param root     base URL, e.g. {@code https://mail.example.org}
     * @param headers  headers set on every request (authentication; an Accept replaces the default JSON one), asked
     *                 for per request so a token can change
     * @param failures turns a failure into the exception of the adapter's port
     */
    public ProviderHttp(String provider, String root, ProviderLimits limits, Supplier<Map<String, String>> headers,
                        Failures failures) {
        this(provider, root, limits, headers, failures, BREAKER_DELAY);
    }

    /** With another time the breaker stays open (tests: seeing it half-open should not take 10 s). */
    ProviderHttp(String provider, String root, ProviderLimits limits, Supplier<Map<String, String>> headers,
                 Failures failures, Duration breakerDelay) {
        this.provider = provider;
        this.breakerDelay = breakerDelay;
        this.failures = failures;
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.limits = limits;
        long timeout = limits.timeout().toMillis();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(limits.timeout()).build();
        this.api = Feign.builder()
                .client(new Http2Client(http))
                .retryer(Retryer.NEVER_RETRY)
                .options(new Request.Options(timeout, TimeUnit.MILLISECONDS, timeout, TimeUnit.MILLISECONDS, false))
                .requestInterceptor(t -> headers.get().forEach((name, value) -> t.removeHeader(name).headerLiteral(name, value)))
                .target(RawApi.class, this.root);
        // Smooth: one permit every 1/rate seconds, so requests are spread evenly and never arrive as a burst.
        this.rate = limits.requestsPerSecond() == Double.POSITIVE_INFINITY ? null
                : RateLimiter.<Object>smoothBuilder(Duration.ofNanos(Math.max(1, (long) (1_000_000_000L / limits.requestsPerSecond()))))
                        .withMaxWaitTime(Duration.ofMinutes(10))
                        .build();
        this.hedge = new Hedge(limits.timeout());
        this.breaker = CircuitBreaker.builder()
                .handleIf((result, failure) -> failure instanceof Failed f && f.countsAgainstProvider())
                .withFailureRateThreshold(50, 20, Duration.ofSeconds(30))
                .withDelay(breakerDelay)
                .withSuccessThreshold(3)
                .onOpen(e -> ProviderCalls.observer().circuit(provider, "open"))
                .onHalfOpen(e -> ProviderCalls.observer().circuit(provider, "half_open"))
                .onClose(e -> ProviderCalls.observer().circuit(provider, "closed"))
                .build();
        this.policies = Failsafe.with(policies(provider, limits, breaker, rate));
    }

    /** Outermost first: retry around the breaker around the pacing, so every attempt is paced and counted. */
    private static List<Policy<Object>> policies(String provider, ProviderLimits limits, CircuitBreaker<Object> breaker, RateLimiter<Object> rate) {
        List<Policy<Object>> all = new ArrayList<>();
        // No withJitter(): Failsafe's jitter is symmetric around the delay and applies to computed delays too, so it
        // would also shorten a server's Retry-After. delay() draws the full jitter itself.
        all.add(RetryPolicy.builder()
                .handleIf((result, failure) -> failure instanceof Failed f && f.retry)
                .withMaxRetries(limits.maxRetries())
                .withDelayFn(ctx -> delay(provider, limits, ctx.getLastException(), ctx.getAttemptCount(), ThreadLocalRandom.current()))
                .build());
        all.add(breaker);
        if (rate != null) all.add(rate);
        if (limits.maxInFlight() != ProviderLimits.UNBOUNDED) {
            all.add(Bulkhead.builder(limits.maxInFlight()).withMaxWaitTime(Duration.ofHours(1)).build());
        }
        return all;
    }

    /** True while the circuit breaker refuses requests (after repeated failures): a caller with an alternative uses it. */
    public boolean circuitOpen() {
        return breaker.isOpen();
    }

    /** Where the provider is reached, for messages. */
    public String root() {
        return root;
    }

    /** The wait before a retry: the server's Retry-After when it sent one, else {@link #fullJitter}. */
    private static Duration delay(String provider, ProviderLimits limits, Throwable last, int attempts, RandomGenerator random) {
        if (last instanceof Failed f && f.failure.retryAfter() != null) {
            Duration asked = f.failure.retryAfter();
            if (asked.toSeconds() >= 5) {
                LOG.log(System.Logger.Level.WARNING, "{0} is rate limiting; waiting {1} as its Retry-After asks", provider, human(asked));
            }
            return asked;
        }
        return fullJitter(FIRST_BACKOFF, limits.maxRetryWait(), attempts, random);
    }

    /**
     * "Full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"): uniformly random in
     * [0, min(cap, first · 2^(attempt-1))], so clients that failed together do not retry together. Public: every
     * retry in the product waits by it (the SMTP relay's deferrals too).
     */
    public static Duration fullJitter(Duration first, Duration cap, int attempt, RandomGenerator random) {
        long ceiling = Math.min(cap.toMillis(), first.toMillis() << Math.min(Math.max(attempt, 1) - 1, 16));
        return Duration.ofMillis(random.nextLong(ceiling + 1));
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
     * A POST whose answer {@code interpret} reads inside the policies, so an exception it throws ends the call as it
     * is (it is never retried) and what it returns is the result.
     */
    public <T> T post(String path, String contentType, String body, Function<Reply, T> interpret) {
        return exchange("POST", path, contentType, body, interpret, null);
    }

    /**
     * A request that creates something: when an attempt's outcome is unknown (timeout, reset after sending),
     * {@code readBack} runs before the next attempt, and what it finds is the result — nothing is created twice.
     */
    public <T> T create(String path, String contentType, String body, Function<Reply, T> interpret, Supplier<Optional<T>> readBack) {
        return exchange("POST", path, contentType, body, interpret, readBack);
    }

    /**
     * One GET outside the policies — no retry, no breaker, no pacing: a health check says how the provider is now,
     * and does not use up the budget of the work.
     */
    public Reply probe(String path) {
        try {
            return once("GET", path, null, null);
        } catch (Failed f) {
            throw failures.of(f.failure);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T exchange(String method, String path, String type, String body, Function<Reply, T> interpret,
                           Supplier<Optional<T>> readBack) {
        boolean[] unknown = {false};
        AtomicInteger attempts = new AtomicInteger();
        try {
            return (T) policies.get(() -> {
                if (unknown[0] && readBack != null) {
                    Optional<T> done = readBack.get();
                    if (done.isPresent()) return done.get();
                }
                attempts.incrementAndGet();
                try {
                    return hedge.run("GET".equals(method), () -> interpret.apply(once(method, path, type, body)), readBack,
                            this::permit);
                } catch (Failed f) {
                    unknown[0] |= f.unknownOutcome;
                    throw f;
                }
            });
        } catch (Failed f) {
            throw failures.of(f.retry ? f.failure.retriedOut(attempts.get()) : f.failure.attempts(attempts.get()));
        } catch (CircuitBreakerOpenException e) {
            throw failures.of(new ProviderFailure(Reason.CIRCUIT_OPEN, 0, null, "", attempts.get(), provider + " at " + root
                    + " failed repeatedly; no requests are sent to it for " + human(breakerDelay) + " (circuit breaker open)"));
        } catch (RateLimitExceededException | BulkheadFullException e) {
            throw failures.of(new ProviderFailure(Reason.RATE_LIMITED, 0, null, "", attempts.get(),
                    "waited too long for a request slot to " + provider));
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) Thread.currentThread().interrupt();
            throw failures.of(new ProviderFailure(Reason.UNREACHABLE, 0, null, "", attempts.get(),
                    "request to " + provider + " interrupted"));
        }
    }

    /** A hedged read is a request like any other: it waits for its slot. */
    private void permit() {
        if (rate == null) return;
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
        } catch (Failed f) {
            if (f.failure.reason() == Reason.TIMEOUT) outcome = "timeout";
            throw f;
        } finally {
            ProviderCalls.observer().call(provider, method, status[0] > 0 ? Integer.toString(status[0]) : outcome,
                    System.nanoTime() - start);
        }
    }

    private Reply attempt(String method, String path, String type, String body, int[] status) {
        boolean writes = !"GET".equals(method);
        try (Response r = switch (method) {
            case "GET" -> fetch(path);
            case "DELETE" -> api.delete(path);
            case "PUT" -> api.put(path, body);
            case "PATCH" -> api.patch(path, body);
            default -> api.post(path, type == null ? "application/json" : type, body);
        }) {
            status[0] = r.status();
            Collection<String> links = r.headers().get("link");
            Reply reply = new Reply(r.status(), read(r), header(r.headers().get("retry-after")),
                    links == null ? null : String.join(", ", links), header(r.headers().get("content-type")));
            if (reply.status() == 429) {
                Duration wait = retryAfter(reply.retryAfter());
                if (wait != null && wait.compareTo(limits.maxRetryWait()) > 0) {
                    // Waiting the cap and asking again would only spend the retries: say when to come back instead.
                    throw new Failed(answered(Reason.RATE_LIMITED, reply, wait, provider + " is rate limiting and asks to wait "
                            + human(wait) + ", longer than the " + human(limits.maxRetryWait()) + " allowed; run again after that"),
                            false, false);
                }
                throw new Failed(answered(Reason.RATE_LIMITED, reply, wait, provider + " is rate limiting (HTTP 429)"), true, false);
            }
            if (reply.status() >= 500 || reply.status() == 408) {
                // a 5xx may come after the work was done: treat the outcome as unknown
                throw new Failed(answered(Reason.SERVER_ERROR, reply, retryAfter(reply.retryAfter()),
                        provider + " failed with HTTP " + reply.status()), true, writes);
            }
            return reply;
        } catch (RetryableException e) {
            throw io(e, writes);
        } catch (IOException e) {
            throw new Failed(unanswered(Reason.UNREACHABLE, "the connection to " + provider + " broke: " + e.getMessage()), true, true);
        }
    }

    private static ProviderFailure answered(Reason reason, Reply reply, Duration retryAfter, String message) {
        return new ProviderFailure(reason, reply.status(), retryAfter, reply.body(), 1, message);
    }

    private static ProviderFailure unanswered(Reason reason, String message) {
        return new ProviderFailure(reason, 0, null, "", 1, message);
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

    private Failed io(RetryableException e, boolean writes) {
        Throwable cause = e.getCause();
        if (cause instanceof HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
            return new Failed(unanswered(Reason.TIMEOUT, provider + " at " + root + " did not answer within "
                    + seconds(limits.timeout())), true, writes);
        }
        if (cause instanceof ConnectException) {
            // Nothing listens there: retrying only delays the message the operator needs.
            return new Failed(unanswered(Reason.CONNECTION_REFUSED, "cannot connect to " + provider + " at " + root
                    + "; is the URL right and the server running?"), false, false);
        }
        return new Failed(unanswered(Reason.UNREACHABLE, "the connection to " + provider + " failed: "
                + (cause == null ? e.getMessage() : cause.getClass().getSimpleName())), true, writes);
    }

    /**
     * {@code s} encoded as one path segment (or query value); '@' and '*' stay as they are (RFC 3986 allows them in
     * a segment), as the vendors' own clients send addresses.
     */
    public static String segment(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%40", "@").replace("+", "%20");
    }

    /** A Retry-After header's wait: seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
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

    /** A timeout as an operator reads it: whole seconds, or milliseconds below one second. */
    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
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
                throw new Failed(new ProviderFailure(Reason.BAD_RESPONSE, r.status(), null, "", 1,
                        provider + " sent more than " + (MAX_BODY >> 20) + " MB for one answer"), false, false);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
