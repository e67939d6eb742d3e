package net.azt3knet.adapters.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.azt3knet.adapters.http.ProviderCalls;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.text.GeneratedText;
import net.azt3knet.ports.out.text.TextGeneration;
import net.azt3knet.ports.out.text.TextGenerationException;
import net.azt3knet.ports.out.text.TextGenerationException.Reason;
import net.azt3knet.ports.out.text.TextPrompt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every server flavour must do, each against a WireMock server that answers as its API documents
 * (PROVIDER-APIS.md §5b): answer, join streams, map errors to reasons, retry what is transient honouring
 * Retry-After, time out, bound concurrency and open the circuit on a failing server.
 */
abstract class TextGenerationServerContract {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL = "llama3.1:8b";
    static final TextPrompt PROMPT = new TextPrompt(MODEL, "system text", "user text", 123456789, 0, 100, true);

    WireMockServer server;

    abstract TextGeneration client(LlmSettings settings);

    /** The path requests go to. */
    abstract String path();

    /** A 200 body with {@code content} as the whole answer. */
    abstract String answer(String content);

    /** The tokens {@link #answer} says the request cost. */
    abstract int answerTokens();

    /** A 200 body with {@code content} as the whole answer and no token count. */
    abstract String answerWithoutTokens(String content);

    /** A 200 body that is JSON but lacks the answer's text, and the name of the field it lacks. */
    abstract String[] answerWithoutText();

    /** A streamed 200 body whose parts join to the answer, and its content type; null for a flavour that never streams. */
    abstract String[] streamed(String... parts);

    /** Where the cheap request of {@code check()} goes (a GET). */
    abstract String checkPath();

    /** Checks how the flavour carries the system and the user text. */
    abstract void assertPromptSent(JsonNode body);

    /** The chat flavours' carriage: a system and a user message, and no streaming. */
    static void assertChatMessages(JsonNode body) {
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("system text");
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("user text");
    }

    /** The server's 404 body for a model it does not have. */
    abstract String unknownModel(String model);

    /** Checks where the flavour puts seed, temperature, token limit and the JSON request. */
    abstract void assertReproducibilityParameters(JsonNode body);

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().containerThreads(40));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    LlmSettings settings(int retries, Duration timeout, int concurrency) {
        return new LlmSettings(URI.create("http://127.0.0.1:" + server.port()), null, timeout, concurrency, retries,
                Duration.ofSeconds(5));
    }

    TextGeneration client() {
        return client(settings(3, Duration.ofSeconds(5), 4));
    }

    void stub(int status, String body) {
        server.stubFor(post(urlEqualTo(path())).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    JsonNode lastRequest() throws Exception {
        var requests = server.findAll(postRequestedFor(urlEqualTo(path())));
        return JSON.readTree(requests.get(requests.size() - 1).getBodyAsString());
    }

    @Test
    void answersWithTheModelsTextAndSendsTheReproducibilityParameters() throws Exception {
        stub(200, answer("{\"value\":\"hola\"}"));
        GeneratedText t = client().generate(PROMPT);
        assertThat(t.content()).isEqualTo("{\"value\":\"hola\"}");
        JsonNode body = lastRequest();
        assertThat(body.path("model").asText()).isEqualTo(MODEL);
        assertPromptSent(body);
        assertReproducibilityParameters(body);
    }

    @Test
    void theTokenCountIsReadAndMinusOneWhenTheServerGivesNone() {
        stub(200, answer("x"));
        assertThat(client().generate(PROMPT).tokensUsed()).isEqualTo(answerTokens()).isPositive();
        server.resetAll();
        stub(200, answerWithoutTokens("x"));
        GeneratedText t = client().generate(PROMPT);
        assertThat(t.content()).isEqualTo("x");
        assertThat(t.tokensUsed()).isEqualTo(GeneratedText.UNKNOWN_TOKENS);
    }

    @Test
    void anAnswerWithoutItsTextNamesTheMissingField() {
        String[] missing = answerWithoutText();
        stub(200, missing[0]);
        assertThatThrownBy(() -> client().generate(PROMPT))
                .isInstanceOfSatisfying(TextGenerationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE))
                .hasMessageContaining(missing[1]).hasMessageContaining("127.0.0.1:" + server.port());
        server.verify(1, postRequestedFor(urlEqualTo(path())));
    }

    @Test
    void aRejectedRequestIsFinal() {
        stub(400, "{\"error\":{\"message\":\"max_tokens is too large\",\"type\":\"invalid_request_error\"}}");
        assertThatThrownBy(() -> client().generate(PROMPT))
                .isInstanceOfSatisfying(TextGenerationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED))
                .hasMessageContaining("HTTP 400").hasMessageContaining("max_tokens is too large");
        server.verify(1, postRequestedFor(urlEqualTo(path())));
    }

    @Test
    void theCheckIsOneCheapGetThatNamesARefusedKey() {
        server.stubFor(get(urlEqualTo(checkPath())).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        client().check();
        server.verify(1, getRequestedFor(urlEqualTo(checkPath())));
        server.verify(0, postRequestedFor(urlEqualTo(path())));
        server.stubFor(get(urlEqualTo(checkPath())).willReturn(aResponse().withStatus(401).withBody("{\"error\":\"no key\"}")));
        assertThatThrownBy(() -> client().check())
                .isInstanceOfSatisfying(TextGenerationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED));
        server.verify(2, getRequestedFor(urlEqualTo(checkPath())));
    }

    @Test
    void joinsAStreamedAnswer() {
        String[] stream = streamed("{\"value\":", "\"ho", "la\"}");
        assumeTrue(stream != null, "the flavour never streams");
        server.stubFor(post(urlEqualTo(path())).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", stream[1]).withBody(stream[0])));
        assertThat(client().generate(PROMPT).content()).isEqualTo("{\"value\":\"hola\"}");
    }

    @Test
    void anUnknownModelIsPermanentAndNamed() {
        stub(404, unknownModel("nope:1b"));
        assertThatThrownBy(() -> client().generate(new TextPrompt("nope:1b", "s", "u", 1, 0, 10, true)))
                .isInstanceOfSatisfying(TextGenerationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_MODEL))
                .hasMessageContaining("nope:1b");
        server.verify(1, postRequestedFor(urlEqualTo(path())));
    }

    @Test
    void rateLimitingIsRetriedAfterTheServersRetryAfter() {
        server.stubFor(post(urlEqualTo(path())).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}"))
                .willSetStateTo("cooled"));
        server.stubFor(post(urlEqualTo(path())).inScenario("429").whenScenarioStateIs("cooled")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(answer("ok"))));
        long start = System.nanoTime();
        assertThat(client().generate(PROMPT).content()).isEqualTo("ok");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        server.verify(2, postRequestedFor(urlEqualTo(path())));
    }

    @Test
    void serverErrorsAndResetConnectionsAreRetried() {
        server.stubFor(post(urlEqualTo(path())).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"server busy\"}")).willSetStateTo("reset"));
        server.stubFor(post(urlEqualTo(path())).inScenario("flaky").whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("well"));
        server.stubFor(post(urlEqualTo(path())).inScenario("flaky").whenScenarioStateIs("well")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(answer("fine"))));
        assertThat(client().generate(PROMPT).content()).isEqualTo("fine");
        server.verify(3, postRequestedFor(urlEqualTo(path())));
    }

    /** Each attempt is metered under the model-server integration, whichever flavour answers. */
    @Test
    void everyAttemptIsReportedForThePerIntegrationMetrics() {
        List<String> observed = new CopyOnWriteArrayList<>();
        ProviderCalls.observe((provider, method, outcome, nanos) -> observed.add(provider + " " + method + " " + outcome));
        try {
            server.stubFor(post(urlEqualTo(path())).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")).willSetStateTo("well"));
            server.stubFor(post(urlEqualTo(path())).inScenario("busy").whenScenarioStateIs("well")
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(answer("ok"))));
            assertThat(client().generate(PROMPT).content()).isEqualTo("ok");
        } finally {
            ProviderCalls.observe(null);
        }
        assertThat(observed).containsExactly("LLM POST 503", "LLM POST 200");
    }

    @Test
    void aServerThatKeepsFailingGivesUpAfterTheRetries() {
        stub(500, "{\"error\":\"boom\"}");
        assertThatThrownBy(() -> client(settings(2, Duration.ofSeconds(5), 4)).generate(PROMPT))
                .isInstanceOfSatisfying(TextGenerationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR))
                .hasMessageContaining("HTTP 500").hasMessageContaining("boom").hasMessageContaining("3 attempts");
        server.verify(3, postRequestedFor(urlEqualTo(path())));
    }

    @Test
    void aSlowAnswerTimesOut() {
        server.stubFor(post(urlEqualTo(path())).willReturn(aResponse().withStatus(200).withFixedDelay(3000)
                .withHeader("Content-Type", "application/json").withBody(answer("late"))));
        assertThatThrownBy(() -> client(settings(1, Duration.ofMillis(400), 4)).generate(PROMPT))
                .isInstanceOfSatisfying(TextGenerationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessageContaining("did not answer within");
        server.verify(2, postRequestedFor(urlEqualTo(path())));
    }

    @Test
    void aMalformedBodyIsABadResponse() {
        stub(200, "{\"choices\": [ this is not json");
        assertThatThrownBy(() -> client().generate(PROMPT))
                .isInstanceOfSatisfying(TextGenerationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE));
    }

    @Test
    void anUnreachableServerFailsAtOnceNamingTheAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TextGeneration dead = client(new LlmSettings(URI.create("http://127.0.0.1:" + port), null, Duration.ofSeconds(2), 2, 3,
                Duration.ofSeconds(5)));
        assertThatThrownBy(() -> dead.generate(PROMPT))
                .isInstanceOfSatisfying(TextGenerationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
                .hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void aRefusedKeySaysWhereTheKeyComesFromAndNeverShowsIt() {
        stub(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}");
        TextGeneration keyed = client(new LlmSettings(URI.create("http://127.0.0.1:" + server.port()),
                Secret.of("sk-very-secret-key"), Duration.ofSeconds(2), 2, 3, Duration.ofSeconds(5)));
        assertThatThrownBy(() -> keyed.generate(PROMPT))
                .isInstanceOfSatisfying(TextGenerationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED))
                .hasMessageContaining("LLM_API_KEY").hasMessageNotContaining("sk-very-secret-key");
        server.verify(1, postRequestedFor(urlEqualTo(path())).withHeader("Authorization",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer sk-very-secret-key")));
    }

    @Test
    void noMoreRequestsAreInFlightThanTheConcurrencyLimit() throws Exception {
        server.stubFor(post(urlEqualTo(path())).willReturn(aResponse().withStatus(200).withFixedDelay(300)
                .withHeader("Content-Type", "application/json").withBody(answer("x"))));
        TextGeneration two = client(settings(0, Duration.ofSeconds(5), 2));
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            long start = System.nanoTime();
            List<Future<GeneratedText>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) all.add(callers.submit(() -> two.generate(PROMPT)));
            for (Future<GeneratedText> f : all) assertThat(f.get().content()).isEqualTo("x");
            // six 300 ms requests, two at a time: at least three rounds
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(880));
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aFailingServerOpensTheCircuitAndIsLeftAlone() {
        stub(500, "{\"error\":\"down\"}");
        TextGeneration once = client(settings(0, Duration.ofSeconds(5), 4));
        int sent = 0;
        TextGenerationException last = null;
        for (int i = 0; i < 30; i++) {
            try {
                once.generate(PROMPT);
            } catch (TextGenerationException e) {
                last = e;
                if (e.reason() == Reason.SERVER_ERROR) sent++;
            }
        }
        assertThat(last.reason()).isEqualTo(Reason.CIRCUIT_OPEN);
        assertThat(last).hasMessageContaining("circuit breaker open");
        assertThat(sent).isEqualTo(20);
        server.verify(20, postRequestedFor(urlEqualTo(path())));
    }
}
