package net.azt3knet.app.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import net.azt3knet.ports.out.spool.Envelope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} relaying its spool, in its own process: GreenMail as the smarthost (no encryption, on 127.0.0.1) for one
 * sender domain, WireMock as Mailjet's Send API v3.1 for another; Angus Mail submits, the queue shows what happened.
 */
class SmtpRelayIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CliHome home;
    private static Map<String, String> env;
    private static ServeProcess serve;
    private static int smtpPort;
    private static int smarthostPort;
    private static GreenMail smarthost;
    private static WireMockServer mailjet;
    private static String password;
    private static String token;
    private static Path cert;

    @BeforeAll
    static void start() throws Exception {
        home = CliHome.open("relay-it-");
        env = ServeProcess.offline(home);
        Path certs = home.dir.resolve("tls");
        assertThat(CliRun.in(env, home.dir, "smtp", "cert", "--self-signed", "--host", "localhost", "--out-dir", certs.toString()).exitCode()).isZero();
        cert = certs.resolve("cert.pem");
        password = CliRun.in(env, home.dir, "smtp-users", "create", "relayer", "--domain", "relay.example.org,jet.example.org").out().strip();
        token = CliRun.in(env, home.dir, "tokens", "create", "--name", "ops", "--role", "read").out().strip();
        try (ServerSocket s = new ServerSocket(0)) {
            smarthostPort = s.getLocalPort();
        }
        smarthost = startSmarthost();
        mailjet = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        mailjet.start();
        // the provider's cheap checks (sender lists) answer; a send answers per message, as Send API v3.1 does
        mailjet.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"Count\":0,\"Data\":[],\"Total\":0}")));
        mailjet.stubFor(post("/v3.1/send").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"Messages\":[{\"Status\":\"success\",\"CustomID\":\"\",\"To\":[{\"Email\":\"reader@elsewhere.example\","
                        + "\"MessageUUID\":\"u\",\"MessageID\":576460752303423488,\"MessageHref\":\"h\"}],\"Cc\":[],\"Bcc\":[]}]}")));
        ServeProcess.listening(env, certs);
        env.put("SMARTHOST_HOST", "127.0.0.1");
        env.put("SMARTHOST_PORT", Integer.toString(smarthostPort));
        env.put("SMARTHOST_SECURITY", "none");
        env.put("SMARTHOST_SEND_DOMAINS", "relay.example.org");
        env.put("MAILJET_API_KEY", "public-key");
        env.put("MAILJET_SECRET_KEY", "private-key");
        env.put("MAILJET_BASE_URL", mailjet.baseUrl());
        env.put("MAILJET_SEND_DOMAINS", "jet.example.org");
        env.put("AZT3KNET_PROVIDER_TIMEOUT", "5");
        serve = ServeProcess.start(env, home.dir, "serve");
        smtpPort = serve.smtpPort();
    }

    private static GreenMail startSmarthost() {
        GreenMail g = new GreenMail(new ServerSetup(smarthostPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        g.start();
        return g;
    }

    @AfterAll
    static void stop() throws Exception {
        if (serve != null) serve.close();
        if (smarthost != null) smarthost.stop();
        if (mailjet != null) mailjet.stop();
        if (home != null) home.close();
    }

    @Test
    void theStartupLineNamesTheDeliveriesThatRelay() throws Exception {
        String line = serve.awaitErr(java.util.regex.Pattern.compile("SMTP gateway listening on .*")).group();
        assertThat(line).contains("relaying through").contains("smarthost").contains("mailjet-send");
    }

    @Test
    void aSubmittedMessageArrivesAtTheSmarthostWithItsEnvelopeAndTheQueueShowsItSent() throws Exception {
        String subject = "through the smarthost " + System.nanoTime();
        ServeProcess.send(smtpPort, cert, "relayer", password, "editor@relay.example.org", "reader@elsewhere.example", subject);

        MimeMessage got = awaitAtSmarthost(subject);
        String raw = raw(got);
        assertThat(raw).contains("Return-Path: <editor@relay.example.org>").contains("by gw.example.org with ESMTPSA");
        assertThat(got.getAllRecipients()[0].toString()).isEqualTo("reader@elsewhere.example");
        JsonNode row = awaitState("editor@relay.example.org", "sent");
        assertThat(row.get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void theSpoolKeepsOnlySealedContentAndTheSmarthostGetsTheBytesAsAccepted() throws Exception {
        String subject = "sealed at rest " + System.nanoTime();
        ServeProcess.send(smtpPort, cert, "relayer", password, "sealed@relay.example.org", "reader@elsewhere.example", subject);

        MimeMessage got = awaitAtSmarthost(subject);
        JsonNode row = awaitState("sealed@relay.example.org", "sent");
        CliRun shown = CliRun.in(env, home.dir, "queue", "show", row.get("id").asText(), "--raw");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("Subject: " + subject).contains("body of " + subject);
        // the message's last CRLF is part of the DATA terminator at the smarthost, which keeps the rest as it came
        assertThat(raw(got)).as("the relay sends what was accepted, byte for byte").endsWith(shown.out().substring(0, shown.out().length() - 2));
        try (Connection c = home.dataSource().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT content, sealed, size, reverse_path FROM smtp_spool WHERE id = ?")) {
            q.setLong(1, row.get("id").asLong());
            try (ResultSet r = q.executeQuery()) {
                assertThat(r.next()).isTrue();
                String stored = new String(r.getBytes("content"), StandardCharsets.ISO_8859_1);
                assertThat(r.getBoolean("sealed")).isTrue();
                assertThat(stored).doesNotContain(subject).doesNotContain("body of").doesNotContain("reader@elsewhere.example")
                        .doesNotContain("Received:");
                assertThat(r.getInt("size")).as("the size in the clear").isEqualTo(shown.out().getBytes(StandardCharsets.ISO_8859_1).length);
                assertThat(r.getString("reverse_path")).as("the envelope stays queryable").isEqualTo("sealed@relay.example.org");
            }
        }
    }

    @Test
    void aMessageSpooledInTheClearByAnEarlierReleaseStillRelaysAsItIs() throws Exception {
        String subject = "spooled in the clear " + System.nanoTime();
        byte[] legacy = ("Received: from client.example.org by gw.example.org with ESMTPSA; Thu, 1 Jan 2026 00:00:00 +0000\r\n"
                + "From: old@relay.example.org\r\nTo: reader@elsewhere.example\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <legacy-" + System.nanoTime() + "@relay.example.org>\r\n\r\nkept from before the upgrade\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        // what an earlier release left: the table's own spool, with no sealing in front of it
        var id = home.database().messageSpool().store(new Envelope("old@relay.example.org", List.of("reader@elsewhere.example"),
                Optional.of("relayer"), "192.0.2.7", "client.example.org"), legacy);

        MimeMessage got = awaitAtSmarthost(subject);
        assertThat(raw(got)).endsWith(new String(legacy, 0, legacy.length - 2, StandardCharsets.US_ASCII));
        JsonNode sent = awaitState("old@relay.example.org", "sent");
        assertThat(sent.get("id").asText()).isEqualTo(id.toString());
        assertThat(home.database().messageSpool().find(id).orElseThrow().sealed()).isFalse();
    }

    @Test
    void withTheSmarthostDownTheMessageIsDeferredAndArrivesOnceItIsBack() throws Exception {
        String subject = "while the smarthost is down " + System.nanoTime();
        synchronized (SmtpRelayIT.class) {
            smarthost.stop();
            try {
                ServeProcess.send(smtpPort, cert, "relayer", password, "late@relay.example.org", "reader@elsewhere.example", subject);
                JsonNode deferred = awaitState("late@relay.example.org", "deferred");
                assertThat(deferred.get("last_error").asText()).contains("cannot reach smarthost 127.0.0.1:" + smarthostPort);
            } finally {
                smarthost = startSmarthost();
            }
        }
        String id = row("late@relay.example.org", r -> true).get("id").asText();
        CliRun retry = CliRun.in(env, home.dir, "queue", "retry", id);
        assertThat(retry.exitCode()).as(retry.err()).isZero();
        awaitAtSmarthost(subject);
        assertThat(awaitState("late@relay.example.org", "sent").get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void aSenderDomainRoutedToMailjetGoesThroughTheSendApiWithTheQueueIdAsCustomId() throws Exception {
        ServeProcess.send(smtpPort, cert, "relayer", password, "news@jet.example.org", "reader@elsewhere.example", "through Mailjet");
        JsonNode sent = awaitState("news@jet.example.org", "sent");
        assertThat(sent.get("provider_message_id").asText()).isEqualTo("576460752303423488");
        mailjet.verify(1, postRequestedFor(urlEqualTo("/v3.1/send"))
                .withRequestBody(matchingJsonPath("$.Messages[0].CustomID", equalTo(sent.get("id").asText())))
                .withRequestBody(matchingJsonPath("$.Messages[0].From.Email", equalTo("news@jet.example.org"))));
    }

    @Test
    void readyzAndTheIntegrationsListShowTheGateway() throws Exception {
        JsonNode ready = get("/readyz");
        JsonNode smtp = null;
        for (JsonNode c : ready.get("checks")) if (c.get("integration").asText().equals("smtp")) smtp = c;
        assertThat(smtp).as("readyz: %s", ready).isNotNull();
        assertThat(smtp.get("status").asText()).isIn("READY", "DEGRADED");
        JsonNode entry = null;
        for (JsonNode e : get("/api/integrations").get("items")) if (e.get("name").asText().equals("smtp")) entry = e;
        assertThat(entry).isNotNull();
        assertThat(entry.get("kind").asText()).isEqualTo("smtp_gateway");
        assertThat(entry.get("message").asText()).matches("listening on 127\\.0\\.0\\.1:" + smtpPort + "; relaying through .*smarthost.*");
        CliRun list = CliRun.in(env, home.dir, "integrations", "list", "--format", "json");
        assertThat(list.out()).contains("\"name\":\"smtp\"").contains("\"name\":\"smarthost\"");
        CliRun check = CliRun.in(env, home.dir, "integrations", "check", "--format", "ndjson");
        String smtpRow = check.out().lines().filter(l -> l.contains("\"name\":\"smtp\"")).findFirst().orElseThrow();
        assertThat(smtpRow).contains("\"status\":\"READY\"").contains("the spool answers: ").contains("sent");
    }

    @Test
    void aRelayOnlyInstanceNeedsNoListenAddress() throws Exception {
        Map<String, String> relayOnly = new HashMap<>(env);
        relayOnly.remove("AZT3KNET_SMTP");
        try (ServeProcess second = ServeProcess.start(relayOnly, home.dir, "relay-only")) {
            String line = second.awaitErr(java.util.regex.Pattern.compile("SMTP gateway not listening.*")).group();
            assertThat(line).contains("(AZT3KNET_SMTP unset); relaying the shared spool through").contains("smarthost").contains("mailjet-send");
        }
    }

    @Test
    void badRelaySettingsStopServeWithExit2NamingTheVariable() {
        for (String[] bad : new String[][] {
            {"AZT3KNET_SMTP_MAX_AGE", "soon", "AZT3KNET_SMTP_MAX_AGE"},
            {"AZT3KNET_SMTP_RELAY", "maybe", "AZT3KNET_SMTP_RELAY='maybe' must be on or off"},
            {"SMARTHOST_PORT", "99999", "SMARTHOST_PORT='99999' must be a whole number from 1 to 65535"},
            {"SMARTHOST_SECURITY", "none", "SMARTHOST_SECURITY=none: 192.0.2.1 (192.0.2.1) is neither a loopback nor a private address"},
            // found only when the delivery is built (the password is looked up then): still before serve listens
            {"SMARTHOST_USERNAME", "relay", "SMARTHOST_PASSWORD is not set"}}) {
            Map<String, String> e = new HashMap<>(env);
            e.put(bad[0], bad[1]);
            if (bad[0].equals("SMARTHOST_SECURITY")) e.put("SMARTHOST_HOST", "192.0.2.1");
            CliRun r = CliRun.in(e, home.dir, "serve", "--http", "127.0.0.1:0");
            assertThat(r.exitCode()).as(bad[0] + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains(bad[2]).doesNotContain("Exception");
        }
    }

    private static MimeMessage awaitAtSmarthost(String subject) throws Exception {
        for (int i = 0; i < 300; i++) {
            for (MimeMessage m : smarthost.getReceivedMessages()) if (subject.equals(m.getSubject())) return m;
            Thread.sleep(50);
        }
        throw new AssertionError("the smarthost did not receive '" + subject + "'");
    }

    private static JsonNode awaitState(String sender, String state) throws Exception {
        JsonNode last = null;
        for (int i = 0; i < 300; i++) {
            last = row(sender, r -> true);
            if (last != null && last.get("state").asText().equals(state)) return last;
            Thread.sleep(50);
        }
        throw new AssertionError("the message from " + sender + " is not " + state + ": " + last);
    }

    private static JsonNode row(String sender, Predicate<JsonNode> which) throws Exception {
        CliRun list = CliRun.in(env, home.dir, "queue", "list", "--sender", sender, "--format", "json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        for (JsonNode r : JSON.readTree(list.out())) if (which.test(r)) return r;
        return null;
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(serve.baseUrl + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        return JSON.readTree(r.body());
    }

    private static String raw(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
