package net.azt3knet.adapters.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import net.azt3knet.adapters.http.ProviderFailure.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The toolkit against a real HTTP server (WireMock on a loopback port): retries, Retry-After, breaker, pacing, faults. */
class ProviderHttpIT {

    /** The exception a test port makes of a failure: the failure as the toolkit reported it. */
    static final class Failed extends RuntimeException {
        final transient ProviderFailure failure;

        Failed(ProviderFailure failure) {
            super(failure.message());
            this.failure = failure;
        }
    }

    /** Every observer call, as "provider method outcome" and "provider circuit state". */
    final List<String> observed = new CopyOnWriteArrayList<>();

    WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().containerThreads(20));
        server.start();
        ProviderCalls.observe(new ProviderCalls.Observer() {
            @Override
            public void call(String provider, String method, String outcome, long nanos) {
                observed.add(provider + " " + method + " " + outcome);
            }

            @Override
            public void circuit(String provider, String state) {
                observed.add(provider + " circuit " + state);
            }
        });
    }

    @AfterEach
    void stop() {
        ProviderCalls.observe(null);
        server.stop();
    }

    ProviderHttp http(ProviderLimits limits) {
        return http(limits, ProviderHttp.BREAKER_DELAY);
    }

    ProviderHttp http(ProviderLimits limits, Duration breakerDelay) {
        return new ProviderHttp("Acme", "http://127.0.0.1:" + server.port() + "/", limits,
                () -> Map.of("Authorization", "Bearer t0ken"), Failed::new, breakerDelay);
    }

    static ProviderLimits limits(int retries) {
        return new ProviderLimits(Duration.ofSeconds(2), 1000, retries, Duration.ofSeconds(3));
    }

    static ProviderFailure failure(Runnable call) {
        try {
            call.run();
        } catch (Failed f) {
            return f.failure;
        }
        throw new AssertionError("the call did not fail");
    }

    void answer(String path, int status, String body) {
        server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** GET {@code path} answers 429 with {@code retryAfter}, then 200. */
    void throttledOnce(String path, String retryAfter) {
        server.stubFor(get(urlEqualTo(path)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", retryAfter)).willSetStateTo("cooled"));
        server.stubFor(get(urlEqualTo(path)).inScenario("429").whenScenarioStateIs("cooled")
                .willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
    }

    static long millisSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Test
    void answersAnyNonFailureStatusToTheAdapterWithItsHeadersAndSendsTheHeadersGiven() {
        server.stubFor(get(urlEqualTo("/things?a=1&b=x%20y")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withHeader("Link", "</things?page=2>; rel=\"next\"")
                .withBody("{\"detail\":\"no\"}")));
        ProviderHttp.Reply r = http(limits(3)).get("/things?a=1&b=x%20y");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"detail\":\"no\"}");
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(r.linked("next")).isEqualTo("/things?page=2");
        server.verify(1, getRequestedFor(urlEqualTo("/things?a=1&b=x%20y"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer t0ken"))
                .withHeader("Accept", com.github.tomakehurst.wiremock.client.WireMock.equalTo("application/json")));
        assertThat(observed).containsExactly("Acme GET 404");
    }

    @Test
    void waitsTheSecondsARetryAfterAsksFor() {
        throttledOnce("/slow", "1");
        long start = System.nanoTime();
        assertThat(http(limits(3)).get("/slow").status()).isEqualTo(200);
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(950);
        server.verify(2, getRequestedFor(urlEqualTo("/slow")));
        assertThat(observed).containsExactly("Acme GET 429", "Acme GET 200");
    }

    @Test
    void waitsUntilTheHttpDateARetryAfterNames() {
        // An HTTP date has whole seconds: two seconds ahead is at least one second away.
        String when = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        throttledOnce("/dated", when);
        long start = System.nanoTime();
        assertThat(http(limits(3)).get("/dated").status()).isEqualTo(200);
        assertThat(millisSince(start)).isBetween(900L, 5_000L); // upper bound: slack for a loaded machine
        server.verify(2, getRequestedFor(urlEqualTo("/dated")));
    }

    @Test
    void aRetryAfterBeyondTheLongestWaitFailsAtOnceSayingWhenToComeBack() {
        server.stubFor(get(urlEqualTo("/later")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")
                .withBody("{\"detail\":\"Request was throttled.\"}")));
        long start = System.nanoTime();
        ProviderFailure f = failure(() -> http(limits(5)).get("/later"));
        assertThat(millisSince(start)).isLessThan(2_500);
        assertThat(f.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(f.status()).isEqualTo(429);
        assertThat(f.retryAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(f.body()).contains("throttled");
        assertThat(f.attempts()).isEqualTo(1);
        assertThat(f.message()).contains("asks to wait 1 h 0 min").contains("run again after that");
        server.verify(1, getRequestedFor(urlEqualTo("/later")));
    }

    @Test
    void serverErrorsAreRetriedAndThenReportedWithStatusBodyAndAttempts() {
        answer("/down", 503, "{\"error\":\"maintenance\"}");
        ProviderFailure f = failure(() -> http(limits(2)).get("/down"));
        assertThat(f.reason()).isEqualTo(Reason.SERVER_ERROR);
        assertThat(f.status()).isEqualTo(503);
        assertThat(f.body()).isEqualTo("{\"error\":\"maintenance\"}");
        assertThat(f.attempts()).isEqualTo(3);
        assertThat(f.message()).isEqualTo("Acme failed with HTTP 503 (3 attempts)");
        server.verify(3, getRequestedFor(urlEqualTo("/down")));
    }

    @Test
    void retriesWaitNoLongerThanTheJitteredBackoffAllows() {
        server.stubFor(get(urlEqualTo("/flaky")).inScenario("f").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("1"));
        server.stubFor(get(urlEqualTo("/flaky")).inScenario("f").whenScenarioStateIs("1")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("2"));
        server.stubFor(get(urlEqualTo("/flaky")).inScenario("f").whenScenarioStateIs("2")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("3"));
        server.stubFor(get(urlEqualTo("/flaky")).inScenario("f").whenScenarioStateIs("3")
                .willReturn(aResponse().withStatus(200)));
        long start = System.nanoTime();
        assertThat(http(limits(3)).get("/flaky").status()).isEqualTo(200);
        // full jitter: at most 200 + 400 + 800 ms of waiting, plus four quick round trips (slack for a loaded machine)
        assertThat(millisSince(start)).isLessThan(1_400 + 1_600);
        server.verify(4, getRequestedFor(urlEqualTo("/flaky")));
    }

    @Test
    void aClientErrorIsTheAdaptersBusinessAndIsNotRetried() {
        answer("/bad", 422, "{\"field\":[\"invalid\"]}");
        assertThat(http(limits(3)).get("/bad").status()).isEqualTo(422);
        server.verify(1, getRequestedFor(urlEqualTo("/bad")));
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() {
        server.stubFor(get(urlEqualTo("/sleepy")).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));
        ProviderLimits quick = new ProviderLimits(Duration.ofMillis(300), 1000, 1, Duration.ofSeconds(1));
        long start = System.nanoTime();
        ProviderFailure f = failure(() -> http(quick).get("/sleepy"));
        assertThat(f.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(f.status()).isZero();
        assertThat(f.attempts()).isEqualTo(2);
        assertThat(f.message()).contains("did not answer within 300 ms");
        assertThat(millisSince(start)).isBetween(550L, 3_000L);
        // each attempt is a read, sent again after each half timeout: three copies per attempt (ProviderHttpHedgingIT)
        server.verify(6, getRequestedFor(urlEqualTo("/sleepy")));
        assertThat(observed).hasSize(6).containsOnly("Acme GET timeout");
    }

    @Test
    void aCreateWhoseOutcomeIsUnknownReadsBackInsteadOfCreatingTwice() {
        server.stubFor(post(urlEqualTo("/mailboxes")).willReturn(aResponse().withStatus(201).withFixedDelay(1_500)));
        ProviderLimits quick = new ProviderLimits(Duration.ofMillis(300), 1000, 3, Duration.ofSeconds(1));
        AtomicInteger readBacks = new AtomicInteger();
        String made = http(quick).create("/mailboxes", "application/json", "{\"local\":\"ana\"}", r -> "posted",
                () -> {
                    readBacks.incrementAndGet();
                    return Optional.of("found");
                });
        assertThat(made).isEqualTo("found");
        assertThat(readBacks).hasValue(1);
        server.verify(1, postRequestedFor(urlEqualTo("/mailboxes")));
    }

    // POSTs: java.net.http itself repeats an idempotent request once when a connection is reset, which would hide
    // the toolkit's own retry from the count.
    @Test
    void aResetConnectionIsRetried() {
        server.stubFor(post(urlEqualTo("/reset")).inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("well"));
        server.stubFor(post(urlEqualTo("/reset")).inScenario("r").whenScenarioStateIs("well")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        assertThat(http(limits(2)).post("/reset", "application/json", "{}").body()).isEqualTo("ok");
        server.verify(2, postRequestedFor(urlEqualTo("/reset")));
        assertThat(observed).containsExactly("Acme POST unreachable", "Acme POST 200");
    }

    @Test
    void connectionsThatKeepBreakingEndUnreachableAfterTheRetries() {
        server.stubFor(post(urlEqualTo("/broken")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        ProviderFailure f = failure(() -> http(limits(2)).post("/broken", "application/json", "{}"));
        assertThat(f.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(f.status()).isZero();
        assertThat(f.attempts()).isEqualTo(3);
        server.verify(3, postRequestedFor(urlEqualTo("/broken")));
    }

    @Test
    void nothingListeningFailsAtOnceWithoutRetrying() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProviderHttp dead = new ProviderHttp("Acme", "http://127.0.0.1:" + port, limits(5), Map::of, Failed::new);
        long start = System.nanoTime();
        ProviderFailure f = failure(() -> dead.get("/"));
        assertThat(millisSince(start)).isLessThan(2_500);
        assertThat(f.reason()).isEqualTo(Reason.CONNECTION_REFUSED);
        assertThat(f.attempts()).isEqualTo(1);
        assertThat(f.message()).contains("cannot connect to Acme at http://127.0.0.1:" + port);
    }

    @Test
    void theBreakerOpensOnAFailingProviderThenHalfOpensAndClosesAgain() throws Exception {
        answer("/api", 500, "{}");
        ProviderHttp http = http(limits(0), Duration.ofMillis(400));
        List<Reason> reasons = new ArrayList<>();
        for (int i = 0; i < 25; i++) reasons.add(failure(() -> http.get("/api")).reason());
        // 20 calls fill the breaker's window, all failed: it opens, and the next five are not sent
        assertThat(reasons.subList(0, 20)).containsOnly(Reason.SERVER_ERROR);
        assertThat(reasons.subList(20, 25)).containsOnly(Reason.CIRCUIT_OPEN);
        server.verify(20, getRequestedFor(urlEqualTo("/api")));
        ProviderFailure open = failure(() -> http.get("/api"));
        assertThat(open.attempts()).isZero();
        assertThat(open.message()).contains("circuit breaker open");
        assertThat(observed).contains("Acme circuit open");

        Thread.sleep(500);
        answer("/api", 200, "{}");
        for (int i = 0; i < 3; i++) assertThat(http.get("/api").status()).isEqualTo(200); // three probes close it
        assertThat(observed).containsSubsequence("Acme circuit open", "Acme circuit half_open", "Acme circuit closed");
        assertThat(http.get("/api").status()).isEqualTo(200);
    }

    @Test
    void aFailedProbeWhileHalfOpenOpensTheBreakerAgain() throws Exception {
        answer("/api", 503, "{}");
        ProviderHttp http = http(limits(0), Duration.ofMillis(300));
        for (int i = 0; i < 20; i++) failure(() -> http.get("/api"));
        assertThat(failure(() -> http.get("/api")).reason()).isEqualTo(Reason.CIRCUIT_OPEN);
        Thread.sleep(400);
        assertThat(failure(() -> http.get("/api")).reason()).isEqualTo(Reason.SERVER_ERROR); // the probe went out
        assertThat(failure(() -> http.get("/api")).reason()).isEqualTo(Reason.CIRCUIT_OPEN);
        server.verify(21, getRequestedFor(urlEqualTo("/api")));
    }

    @Test
    void rateLimitingDoesNotOpenTheBreaker() {
        server.stubFor(get(urlEqualTo("/busy")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
        ProviderHttp http = http(limits(0));
        for (int i = 0; i < 25; i++) assertThat(failure(() -> http.get("/busy")).reason()).isEqualTo(Reason.RATE_LIMITED);
        server.verify(25, getRequestedFor(urlEqualTo("/busy")));
    }

    @Test
    void requestsAreSpacedByTheClientSideRateLimit() {
        answer("/paced", 200, "{}");
        ProviderHttp http = http(new ProviderLimits(Duration.ofSeconds(2), 10, 0, Duration.ofSeconds(1)));
        long start = System.nanoTime();
        for (int i = 0; i < 6; i++) http.get("/paced");
        // 10 a second, smooth: the first goes at once, each further one 100 ms after the one before
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(480);
        server.verify(6, getRequestedFor(urlEqualTo("/paced")));
    }

    @Test
    void theRateLimitHoldsAcrossCallersAndCountsRetries() throws Exception {
        server.stubFor(get(urlEqualTo("/shared")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")).willSetStateTo("up"));
        server.stubFor(get(urlEqualTo("/shared")).inScenario("s").whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)));
        ProviderHttp http = http(new ProviderLimits(Duration.ofSeconds(2), 20, 1, Duration.ofSeconds(1)));
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) all.add(callers.submit(() -> http.get("/shared").status()));
            for (Future<Integer> f : all) assertThat(f.get()).isEqualTo(200);
            // 9 requests (one retried) at 20 a second from 4 threads: 8 gaps of 50 ms
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(380);
        } finally {
            callers.shutdownNow();
        }
        server.verify(9, getRequestedFor(urlEqualTo("/shared")));
    }

    @Test
    void noMoreRequestsAreInFlightThanAllowed() throws Exception {
        server.stubFor(get(urlEqualTo("/gpu")).willReturn(aResponse().withStatus(200).withFixedDelay(300)));
        ProviderHttp http = http(new ProviderLimits(Duration.ofSeconds(5), Double.POSITIVE_INFINITY, 0, Duration.ofSeconds(1), 2));
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) all.add(callers.submit(() -> http.get("/gpu").status()));
            for (Future<Integer> f : all) assertThat(f.get()).isEqualTo(200);
            // six 300 ms requests, two at a time: three rounds
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(880);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aProbeIsOneRequestOutsideTheRetries() {
        answer("/health", 503, "{}");
        ProviderFailure f = failure(() -> http(limits(5)).probe("/health"));
        assertThat(f.reason()).isEqualTo(Reason.SERVER_ERROR);
        server.verify(1, getRequestedFor(urlEqualTo("/health")));
    }

    @Test
    void anAdaptersOwnExceptionFromInterpretingAnAnswerEndsTheCallAsItIs() {
        server.stubFor(post(urlEqualTo("/chat")).willReturn(aResponse().withStatus(401)));
        assertThatThrownBy(() -> http(limits(3)).post("/chat", "application/json", "{}", r -> {
            throw new IllegalStateException("refused with " + r.status());
        })).isInstanceOf(IllegalStateException.class).hasMessage("refused with 401");
        server.verify(1, postRequestedFor(urlEqualTo("/chat")));
    }
}
