package net.azt3knet.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stalled attempts over real sockets: a read that stalls is sent again and the first answer wins; a create that
 * stalls after taking effect is found by its read-back; other writes are never sent twice.
 */
class ProviderHttpHedgingIT {

    /** Far longer than the hedge delay, far shorter than the timeout: what a stall costs shows in the elapsed time. */
    private static final long STALL_MILLIS = 4_000;
    private static final ProviderLimits LIMITS = new ProviderLimits(Duration.ofSeconds(20), 100, 2, Duration.ofSeconds(1));

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicBoolean created = new AtomicBoolean();
    private ProviderHttp http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
        http = new ProviderHttp("stub", "http://127.0.0.1:" + server.getAddress().getPort(), LIMITS, Map::of,
                failure -> new IllegalStateException(failure.message()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String what = x.getRequestMethod() + " " + x.getRequestURI().getPath();
        requests.add(what);
        x.getRequestBody().readAllBytes();
        switch (what) {
            case "GET /slow-once" -> {
                if (reads.incrementAndGet() == 1) stall(); // the first copy stalls; the hedged one answers at once
                answer(x, "{\"read\":" + reads.get() + "}");
            }
            case "GET /slow-twice" -> {
                if (reads.incrementAndGet() <= 2) stall(); // two copies stall; the third answers
                answer(x, "{\"read\":" + reads.get() + "}");
            }
            case "POST /things" -> {
                created.set(true); // takes effect, then the answer is late
                stall();
                answer(x, "{\"made\":true}");
            }
            case "GET /things/1" -> answer(x, created.get() ? "{\"id\":1}" : "{}");
            case "PUT /slow" -> {
                stall();
                answer(x, "{}");
            }
            default -> answer(x, "{}");
        }
    }

    private static void stall() {
        try {
            Thread.sleep(STALL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange x, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        try {
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
        } catch (IOException clientGone) {
            // the hedged attempt that lost has been cancelled
        }
        x.close();
    }

    @Test
    void aStalledReadIsSentAgainAndTheFirstAnswerWins() {
        long start = System.nanoTime();
        ProviderHttp.Reply reply = http.get("/slow-once");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"read\":2}");
        assertThat(took).isLessThan(Duration.ofMillis(STALL_MILLIS));
        assertThat(requests).containsExactly("GET /slow-once", "GET /slow-once");
    }

    @Test
    void whenTheSecondCopyStallsTooAThirdIsSentAndNoMore() {
        long start = System.nanoTime();
        ProviderHttp.Reply reply = http.get("/slow-twice");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(reply.body()).isEqualTo("{\"read\":3}");
        assertThat(took).isLessThan(Duration.ofMillis(STALL_MILLIS));
        assertThat(requests).containsExactly("GET /slow-twice", "GET /slow-twice", "GET /slow-twice");
    }

    @Test
    void aCreateThatStallsAfterTakingEffectIsFoundByItsReadBackAndNotSentTwice() {
        long start = System.nanoTime();
        String result = http.create("/things", "application/json", "{}", r -> "answered",
                () -> http.get("/things/1").body().contains("\"id\"") ? Optional.of("read back") : Optional.empty());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result).isEqualTo("read back");
        assertThat(took).isLessThan(Duration.ofMillis(STALL_MILLIS));
        assertThat(requests).containsExactly("POST /things", "GET /things/1");
    }

    @Test
    void aCreateWhoseReadBackFindsNothingWaitsForItsOwnAnswer() {
        String result = http.create("/things", "application/json", "{}", r -> "answered", Optional::empty);

        assertThat(result).isEqualTo("answered");
        assertThat(requests).containsExactly("POST /things");
    }

    @Test
    void anyOtherWriteIsNeverSentTwice() {
        assertThat(http.put("/slow", "{}").status()).isEqualTo(200);
        assertThat(requests).containsExactly("PUT /slow");
    }

    @Test
    void theHedgeDelayFollowsTheProvidersAnswersWithinItsBounds() {
        Hedge hedge = new Hedge(Duration.ofSeconds(30));
        assertThat(hedge.delay()).as("before any answer").isEqualTo(Hedge.FLOOR);
        for (int i = 0; i < 50; i++) hedge.answered(Duration.ofMillis(40).toNanos());
        assertThat(hedge.delay()).as("fast answers: the floor").isEqualTo(Hedge.FLOOR);
        for (int i = 0; i < 50; i++) hedge.answered(Duration.ofMillis(i % 2 == 0 ? 2_000 : 4_000).toNanos());
        assertThat(hedge.delay()).as("slow, uneven answers: above their mean").isGreaterThan(Duration.ofSeconds(3))
                .isLessThanOrEqualTo(Duration.ofSeconds(15));
        for (int i = 0; i < 50; i++) hedge.answered(Duration.ofSeconds(60).toNanos());
        assertThat(hedge.delay()).as("never more than half the timeout").isEqualTo(Duration.ofSeconds(15));
        assertThat(new Hedge(Duration.ofMillis(500)).delay()).as("a short timeout lowers the floor").isEqualTo(Duration.ofMillis(250));
    }
}
