package net.azt3knet.adapters.cakemail;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.email.DeliveryResult;
import net.azt3knet.ports.out.email.DeliveryRoute;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpooledMessage;
import net.azt3knet.testkit.fakes.InMemoryMessageSpool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cakemail's Email API v2 and OAuth2 token endpoint as PROVIDER-APIS.md §3 documents them, in WireMock. */
class CakemailEmailDeliveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMAIL = "/v2/emails";
    private WireMockServer server;
    private CakemailEmailDelivery cakemail;
    private final InMemoryMessageSpool spool = new InMemoryMessageSpool(Clock.systemUTC());

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        cakemail = new CakemailEmailDelivery(new CakemailSettings(URI.create(server.baseUrl()), "api@example.org", Secret.of("pw-1"), null,
                new ProviderLimits(Duration.ofMillis(1500), 1000, 0, Duration.ofSeconds(1))), DeliveryRoute.ANY, Clock.systemUTC());
        server.stubFor(post("/token").willReturn(json(200,
                "{\"access_token\":\"at-1\",\"token_type\":\"bearer\",\"expires_in\":3600,\"refresh_token\":\"rt-1\",\"accounts\":[1]}")));
        server.stubFor(get(urlPathEqualTo("/brands/default/senders")).willReturn(json(200, "{\"pagination\":{\"page\":1,\"per_page\":100},"
                + "\"data\":[{\"id\":\"s-9\",\"name\":\"Agent\",\"email\":\"agent@example.org\",\"confirmed\":true,\"language\":\"en_US\"}]}")));
        server.stubFor(get(urlPathEqualTo("/v2/logs/emails")).willReturn(json(200, "{\"data\":[]}")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String queued(String id) {
        return "{\"email\":\"r\",\"object\":\"email\",\"submitted\":true,\"data\":{\"id\":\"" + id + "\",\"status\":\"queued\"}}";
    }

    /** A message with To, Cc and a blind recipient, claimed (attempts as recorded so far). */
    private SpooledMessage spooled() {
        String mime = "From: Agent <agent@example.org>\r\nTo: to@example.net\r\nCc: cc@example.net\r\nSubject: Hi\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
                + "plain\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--b--\r\n";
        QueueId id = spool.store(new Envelope("agent@example.org", List.of("to@example.net", "cc@example.net", "bcc@example.net"),
                Optional.of("gw"), "127.0.0.1", "c"), mime.getBytes(StandardCharsets.UTF_8));
        return claim(id);
    }

    private SpooledMessage claim(QueueId id) {
        SpooledMessage m = spool.claim(10, Duration.ofMinutes(5)).stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        spool.markSending(id);
        return m;
    }

    @Test
    void oneCallPerRecipientWithTheSenderLookedUpOnceAndTheBearerToken() throws Exception {
        server.stubFor(post(EMAIL).willReturn(json(201, queued("e-1"))));
        SpooledMessage m = spooled();

        assertThat(cakemail.deliver(m)).isEqualTo(new DeliveryResult.Sent("e-1,e-1,e-1"));
        assertThat(cakemail.deliver(spooled())).isInstanceOf(DeliveryResult.Sent.class);

        server.verify(6, postRequestedFor(urlEqualTo(EMAIL)).withHeader("Authorization", equalTo("Bearer at-1")));
        server.verify(1, getRequestedFor(urlPathEqualTo("/brands/default/senders")));
        server.verify(1, postRequestedFor(urlEqualTo("/token")));
        server.verify(0, getRequestedFor(urlPathEqualTo("/v2/logs/emails")));
        List<String> to = server.findAll(postRequestedFor(urlEqualTo(EMAIL))).subList(0, 3).stream().map(r -> {
            try {
                JsonNode b = JSON.readTree(r.getBodyAsString());
                assertThat(b.path("sender").path("id").asText()).isEqualTo("s-9");
                assertThat(b.path("content").path("subject").asText()).isEqualTo("Hi");
                assertThat(b.path("content").path("text").asText()).isEqualTo("plain");
                assertThat(b.path("content").path("html").asText()).isEqualTo("<p>html</p>");
                assertThat(b.path("content").path("encoding").asText()).isEqualTo("utf-8");
                assertThat(b.path("content").path("type").asText()).isEqualTo("transactional");
                return b.path("email").asText() + " " + b.path("tags").get(0).asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(to).containsExactly("to@example.net azt3knet-q" + m.id() + "-0", "cc@example.net azt3knet-q" + m.id() + "-1",
                "bcc@example.net azt3knet-q" + m.id() + "-2");
    }

    @Test
    void a201WhoseStatusIsRejectedIsAPermanentFailureAnd422IsToo() {
        server.stubFor(post(EMAIL).willReturn(json(201,
                "{\"email\":\"r\",\"object\":\"email\",\"submitted\":true,\"data\":{\"id\":\"e-2\",\"status\":\"rejected\"}}")));
        assertThat(cakemail.deliver(spooled())).isInstanceOfSatisfying(DeliveryResult.PermanentFailure.class,
                p -> assertThat(p.reason()).contains("rejected").contains("to@example.net"));

        server.stubFor(post(EMAIL).willReturn(json(422,
                "{\"detail\":[{\"loc\":[\"body\",\"content\",\"subject\"],\"msg\":\"field required\",\"type\":\"value_error\"}]}")));
        assertThat(cakemail.deliver(spooled())).isInstanceOfSatisfying(DeliveryResult.PermanentFailure.class,
                p -> assertThat(p.reason()).contains("HTTP 422").contains("body.content.subject: field required"));
    }

    @Test
    void afterAnAmbiguousTimeoutTheNextAttemptAsksTheLogsAndSendsNothingTwice() {
        String tag0 = "azt3knet-q1-0";
        // The first recipient's call is answered too late, but Cakemail took it; the rest answer at once.
        server.stubFor(post(EMAIL).withRequestBody(matchingJsonPath("$.tags[0]", equalTo(tag0)))
                .willReturn(json(201, queued("e-late")).withFixedDelay(3000)));
        server.stubFor(post(EMAIL).withRequestBody(matchingJsonPath("$.email", equalTo("cc@example.net")))
                .willReturn(json(201, queued("e-cc"))));
        server.stubFor(post(EMAIL).withRequestBody(matchingJsonPath("$.email", equalTo("bcc@example.net")))
                .willReturn(json(201, queued("e-bcc"))));
        SpooledMessage first = spooled();
        assertThat(first.id().value()).isEqualTo(1);

        DeliveryResult timedOut = cakemail.deliver(first);
        assertThat(timedOut).isInstanceOfSatisfying(DeliveryResult.TransientFailure.class,
                t -> assertThat(t.reason()).contains("asks its logs"));
        spool.markDeferred(first.id(), java.time.Instant.now(), "timeout");
        server.stubFor(get(urlPathEqualTo("/v2/logs/emails")).withQueryParam("tags", equalTo(tag0))
                .willReturn(json(200, "{\"data\":[{\"email_id\":\"e-late\",\"email\":\"to@example.net\",\"type\":\"submitted\"}]}")));

        SpooledMessage again = claim(first.id());
        assertThat(again.entry().attempts()).isEqualTo(1);
        assertThat(cakemail.deliver(again)).isEqualTo(new DeliveryResult.Sent("e-late,e-cc,e-bcc"));

        server.verify(1, postRequestedFor(urlEqualTo(EMAIL)).withRequestBody(matchingJsonPath("$.email", equalTo("to@example.net"))));
        server.verify(1, postRequestedFor(urlEqualTo(EMAIL)).withRequestBody(matchingJsonPath("$.email", equalTo("cc@example.net"))));
        server.verify(1, postRequestedFor(urlEqualTo(EMAIL)).withRequestBody(matchingJsonPath("$.email", equalTo("bcc@example.net"))));
        server.verify(3, getRequestedFor(urlPathEqualTo("/v2/logs/emails")));
    }

    @Test
    void serverErrorsRateLimitsAndAnExpiredTokenAreRetriedOnlyByTheNextAttempt() {
        server.stubFor(post(EMAIL).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("429"));
        server.stubFor(post(EMAIL).inScenario("s").whenScenarioStateIs("429")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("401"));
        server.stubFor(post(EMAIL).inScenario("s").whenScenarioStateIs("401")
                .willReturn(json(401, "{\"detail\":\"token expired\"}")).willSetStateTo("ok"));
        server.stubFor(post(EMAIL).inScenario("s").whenScenarioStateIs("ok").willReturn(json(201, queued("e-ok"))));
        SpooledMessage m = spooled();

        assertThat(cakemail.deliver(m)).isInstanceOf(DeliveryResult.TransientFailure.class);
        assertThat(cakemail.deliver(m)).isInstanceOfSatisfying(DeliveryResult.TransientFailure.class,
                t -> assertThat(t.retryAfter()).contains(Duration.ofSeconds(7)));
        server.verify(2, postRequestedFor(urlEqualTo(EMAIL)));
        // the 401 gets a fresh token (the refresh grant) and the call once more, within the same attempt
        assertThat(cakemail.deliver(m)).isInstanceOf(DeliveryResult.Sent.class);
        server.verify(2, postRequestedFor(urlEqualTo("/token")));
        server.verify(1, postRequestedFor(urlEqualTo("/token")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("grant_type=refresh_token")));
    }
}
