package net.azt3knet.adapters.mailjet;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.email.DeliveryResult;
import net.azt3knet.ports.out.email.DeliveryRoute;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.SpooledMessage;
import net.azt3knet.testkit.fakes.InMemoryMessageSpool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Send API v3.1 as PROVIDER-APIS.md §1 documents it, in WireMock: batches, per-message status, partial failure as
 * HTTP 400; and the Message resource's {@code CustomID} filter, asked before a message tried before is sent again.
 */
class MailjetEmailDeliveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private WireMockServer server;
    private MailjetEmailDelivery mailjet;
    private final InMemoryMessageSpool spool = new InMemoryMessageSpool(java.time.Clock.systemUTC());

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        mailjet = new MailjetEmailDelivery(new MailjetSettings(URI.create(server.baseUrl()), "mj-key", Secret.of("mj-secret"), null,
                new ProviderLimits(Duration.ofMillis(1500), 1000, 0, Duration.ofSeconds(1))), DeliveryRoute.ANY);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private SpooledMessage spooled(String to, String subject) {
        String mime = "From: Agent One <agent@example.org>\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello " + to + "\r\n";
        spool.store(new Envelope("agent@example.org", List.of(to, "hidden@example.net"), Optional.of("gw"), "127.0.0.1", "c"),
                mime.getBytes(StandardCharsets.UTF_8));
        return spool.claim(1, Duration.ofMinutes(5)).get(0);
    }

    private static String success(long id) {
        return "{\"Status\":\"success\",\"CustomID\":\"\",\"To\":[{\"Email\":\"x\",\"MessageUUID\":\"u\",\"MessageID\":" + id
                + ",\"MessageHref\":\"h\"}],\"Cc\":[],\"Bcc\":[{\"Email\":\"hidden@example.net\",\"MessageID\":" + (id + 1) + "}]}";
    }

    @Test
    void aPartialFailureIsHttp400AndEachMessageGetsItsOwnStatusInInputOrderWithoutResending() throws Exception {
        List<SpooledMessage> batch = List.of(spooled("a@example.net", "one"), spooled("b@example.net", "two"), spooled("c@example.net", "three"));
        server.stubFor(post("/v3.1/send").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"Messages\":[" + success(111) + ",{\"Status\":\"error\",\"Errors\":[{\"ErrorIdentifier\":\"e\","
                        + "\"ErrorCode\":\"send-0008\",\"StatusCode\":403,\"ErrorMessage\":\"\\\"agent@example.org\\\" is not an authorized sender\","
                        + "\"ErrorRelatedTo\":[\"From\"]}]}," + success(333) + "]}")));

        List<DeliveryResult> results = mailjet.deliverAll(batch);

        assertThat(results.get(0)).isEqualTo(new DeliveryResult.Sent("111,112"));
        assertThat(results.get(1)).isInstanceOfSatisfying(DeliveryResult.PermanentFailure.class,
                p -> assertThat(p.reason()).contains("send-0008").contains("not an authorized sender"));
        assertThat(results.get(2)).isEqualTo(new DeliveryResult.Sent("333,334"));
        server.verify(1, postRequestedFor(urlEqualTo("/v3.1/send"))
                .withHeader("Authorization", equalTo("Basic bWota2V5Om1qLXNlY3JldA==")));

        JsonNode sent = JSON.readTree(server.getAllServeEvents().get(0).getRequest().getBodyAsString()).path("Messages");
        assertThat(sent).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode m = sent.get(i);
            assertThat(m.path("CustomID").asText()).isEqualTo(batch.get(i).id().toString());
            assertThat(m.path("From").path("Email").asText()).isEqualTo("agent@example.org");
            assertThat(m.path("From").path("Name").asText()).isEqualTo("Agent One");
            assertThat(m.path("Bcc").get(0).path("Email").asText()).as("an envelope recipient not in the headers is blind")
                    .isEqualTo("hidden@example.net");
        }
        assertThat(sent.get(1).path("To").get(0).path("Email").asText()).isEqualTo("b@example.net");
        assertThat(sent.get(1).path("Subject").asText()).isEqualTo("two");
        assertThat(sent.get(1).path("TextPart").asText()).isEqualTo("hello b@example.net\r\n");
    }

    @Test
    void moreThanFiftyMessagesGoInCallsOfAtMostFifty() throws Exception {
        List<SpooledMessage> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) many.add(spooled("r" + i + "@example.net", "n" + i));
        StringBuilder fifty = new StringBuilder("{\"Messages\":[");
        for (int i = 0; i < 50; i++) fifty.append(i == 0 ? "" : ",").append(success(1000 + 2L * i));
        server.stubFor(post("/v3.1/send").inScenario("batches").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody(fifty + "]}")).willSetStateTo("second"));
        server.stubFor(post("/v3.1/send").inScenario("batches").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(200).withBody("{\"Messages\":[" + success(9000) + "]}")));

        List<DeliveryResult> results = mailjet.deliverAll(many);

        assertThat(results).hasSize(51).allMatch(r -> r instanceof DeliveryResult.Sent);
        assertThat(results.get(50)).isEqualTo(new DeliveryResult.Sent("9000,9001"));
        var calls = server.getAllServeEvents();
        assertThat(calls).hasSize(2);
        List<Integer> sizes = calls.stream().map(e -> {
            try {
                return JSON.readTree(e.getRequest().getBodyAsString()).path("Messages").size();
            } catch (Exception x) {
                throw new AssertionError(x);
            }
        }).sorted().toList();
        assertThat(sizes).containsExactly(1, 50);
    }

    @Test
    void rateLimitsServerErrorsAndTimeoutsAreTransientAndNeverRetriedInsideOneAttempt() {
        SpooledMessage m = spooled("a@example.net", "x");
        server.stubFor(post("/v3.1/send").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429)).willSetStateTo("5xx"));
        server.stubFor(post("/v3.1/send").inScenario("flaky").whenScenarioStateIs("5xx")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("slow"));
        server.stubFor(post("/v3.1/send").inScenario("flaky").whenScenarioStateIs("slow")
                .willReturn(aResponse().withStatus(200).withFixedDelay(3000).withBody("{\"Messages\":[" + success(1) + "]}")).willSetStateTo("reset"));
        server.stubFor(post("/v3.1/send").inScenario("flaky").whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        server.stubFor(post("/v3.1/send").inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{\"Messages\":[" + success(77) + "]}")));

        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(mailjet.deliver(m)).as("attempt %d", attempt).isInstanceOf(DeliveryResult.TransientFailure.class);
            server.verify(attempt, postRequestedFor(urlEqualTo("/v3.1/send")));
        }
        assertThat(mailjet.deliver(m)).isEqualTo(new DeliveryResult.Sent("77,78"));
        server.verify(5, postRequestedFor(urlEqualTo("/v3.1/send")));
    }

    @Test
    void refusedKeysWaitAndAGlobalErrorBouncesEveryMessageOfTheCall() {
        SpooledMessage m = spooled("a@example.net", "x");
        server.stubFor(post("/v3.1/send").willReturn(aResponse().withStatus(401).withBody("{\"ErrorCode\":\"mj-0001\"}")));
        assertThat(mailjet.deliver(m)).isInstanceOfSatisfying(DeliveryResult.TransientFailure.class,
                t -> assertThat(t.reason()).contains("MAILJET_API_KEY").doesNotContain("mj-secret"));

        server.stubFor(post("/v3.1/send").willReturn(aResponse().withStatus(400).withBody(
                "{\"ErrorIdentifier\":\"i\",\"ErrorCode\":\"mj-0011\",\"ErrorMessage\":\"Payload too large\",\"StatusCode\":400}")));
        assertThat(mailjet.deliverAll(List.of(m, spooled("b@example.net", "y")))).hasSize(2)
                .allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(DeliveryResult.PermanentFailure.class,
                        p -> assertThat(p.reason()).contains("mj-0011")));
    }

    /** The message's attempt recorded, then deferred and claimed again: what the relay hands over on a retry. */
    private SpooledMessage retried(SpooledMessage m) {
        spool.markSending(m.id());
        spool.markDeferred(m.id(), java.time.Instant.now().minusSeconds(1), "timeout");
        SpooledMessage again = spool.claim(10, Duration.ofMinutes(5)).stream().filter(x -> x.id().equals(m.id())).findFirst().orElseThrow();
        assertThat(again.entry().attempts()).isEqualTo(1);
        return again;
    }

    private static String listed(String customId, long... ids) {
        StringBuilder data = new StringBuilder();
        for (long id : ids) {
            data.append(data.isEmpty() ? "" : ",").append("{\"ArrivedAt\":\"2026-12-03T10:00:00Z\",\"AttemptCount\":0,\"ID\":").append(id)
                    .append(",\"CustomID\":\"").append(customId).append("\",\"Status\":\"sent\"}");
        }
        return "{\"Count\":" + ids.length + ",\"Data\":[" + data + "],\"Total\":" + ids.length + "}";
    }

    @Test
    void aMessageTriedBeforeIsLookedUpByItsCustomIdAndNotSentAgainWhenMailjetListsIt() {
        SpooledMessage first = spooled("a@example.net", "late");
        SpooledMessage second = spooled("b@example.net", "lost");
        String id1 = first.id().toString();
        String id2 = second.id().toString();
        // Mailjet takes the batch but answers after the timeout: the outcome is unknown to the relay.
        server.stubFor(post("/v3.1/send").willReturn(aResponse().withStatus(200).withFixedDelay(3000)
                .withBody("{\"Messages\":[" + success(500) + "," + success(600) + "]}")));
        assertThat(mailjet.deliverAll(List.of(first, second))).allMatch(r -> r instanceof DeliveryResult.TransientFailure);
        server.verify(0, getRequestedFor(urlPathEqualTo("/v3/REST/message")));
        // It lists the first message (one entry per recipient); the second never got there.
        server.stubFor(get(urlPathEqualTo("/v3/REST/message")).withQueryParam("CustomID", equalTo(id1))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(listed(id1, 500, 501))));
        server.stubFor(get(urlPathEqualTo("/v3/REST/message")).withQueryParam("CustomID", equalTo(id2))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(listed(id2))));
        server.stubFor(post("/v3.1/send").willReturn(aResponse().withStatus(200).withBody("{\"Messages\":[" + success(700) + "]}")));

        List<DeliveryResult> results = mailjet.deliverAll(List.of(retried(first), retried(second)));

        assertThat(results).containsExactly(new DeliveryResult.Sent("500,501"), new DeliveryResult.Sent("700,701"));
        server.verify(1, getRequestedFor(urlPathEqualTo("/v3/REST/message")).withQueryParam("CustomID", equalTo(id1))
                .withHeader("Authorization", equalTo("Basic bWota2V5Om1qLXNlY3JldA==")));
        server.verify(1, getRequestedFor(urlPathEqualTo("/v3/REST/message")).withQueryParam("CustomID", equalTo(id2)));
        var sends = server.findAll(postRequestedFor(urlEqualTo("/v3.1/send")));
        assertThat(sends).hasSize(2);
        assertThat(sends.get(1).getBodyAsString()).as("only the message Mailjet does not list is sent again")
                .contains("\"CustomID\":\"" + id2 + "\"").doesNotContain("\"CustomID\":\"" + id1 + "\"");
    }

    @Test
    void whileTheMessageListDoesNotAnswerAMessageTriedBeforeWaitsAndIsNotSent() {
        SpooledMessage m = retried(spooled("a@example.net", "x"));
        server.stubFor(get(urlPathEqualTo("/v3/REST/message")).willReturn(aResponse().withStatus(503)));
        assertThat(mailjet.deliver(m)).isInstanceOfSatisfying(DeliveryResult.TransientFailure.class,
                t -> assertThat(t.reason()).contains("cannot tell whether an earlier attempt reached Mailjet"));
        server.stubFor(get(urlPathEqualTo("/v3/REST/message")).willReturn(aResponse().withStatus(401)
                .withBody("{\"ErrorInfo\":\"\",\"ErrorMessage\":\"API key authentication/authorization failure\",\"StatusCode\":401}")));
        assertThat(mailjet.deliver(m)).isInstanceOfSatisfying(DeliveryResult.TransientFailure.class,
                t -> assertThat(t.reason()).contains("HTTP 401").contains("MAILJET_API_KEY").doesNotContain("mj-secret"));
        server.verify(0, postRequestedFor(urlEqualTo("/v3.1/send")));
    }
}
