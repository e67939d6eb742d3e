package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.app.http.AdminApi;
import net.azt3knet.app.http.ApiUseCases;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.app.wiring.Lifecycle;
import net.azt3knet.app.wiring.ProductionModules;
import net.azt3knet.ports.in.ManageApiTokensUseCase.Role;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.QueueId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /api/queue…} over a real socket on the production wiring and an embedded PostgreSQL holding spooled messages. */
class MailQueueApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Lifecycle lifecycle;
    private static AdminApi api;
    private static MessageSpool spool;
    private static String admin;
    private static String reader;
    private static AppConfig config;
    private static ApiUseCases use;
    private static Path home;
    private static PostgresPersistence db;

    @BeforeAll
    static void start() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        home = Files.createTempDirectory(target, "queue-api-it-");
        String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache") + "/azt3knet";
        System.setProperty("azt3knet.log.file", home.resolve("azt3knet.log").toString());
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(), "AZT3KNET_DATA_DIR", home.resolve("data").toString(),
                "AZT3KNET_CACHE_DIR", cache, "DNS_ADDRESS_SOURCE_IPV4", "off", "DNS_ADDRESS_SOURCE_IPV6", "off"));
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        env.put("SECRET_KEY_FOR_KV_ENC", java.util.Base64.getEncoder().encodeToString(key));
        config = AppConfig.load(env, home, null, Map.of());
        lifecycle = ProductionModules.start(ProductionModules.storage(config));
        use = lifecycle.injector().getInstance(ApiUseCases.class);
        db = lifecycle.injector().getInstance(PostgresPersistence.class);
        spool = db.messageSpool();
        admin = use.tokens().create("ops", Role.ADMIN, "test").token();
        reader = use.tokens().create("viewer", Role.READ, "test").token();
        api = AdminApi.start(use, config, new InetSocketAddress("127.0.0.1", 0), home.resolve("work"));
    }

    @AfterAll
    static void stop() {
        if (api != null) api.close();
        if (lifecycle != null) lifecycle.close();
    }

    private record Reply(int status, String type, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    private static Reply call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    private static QueueId store(String from, String to) {
        return spool.store(new Envelope(from, List.of(to), Optional.of(from), "192.0.2.9", "client.example.org"),
                "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void listShowHoldReleaseRetryAndDeleteWithTheirStatuses() throws Exception {
        QueueId id = store("ops@api.example.org", "ada@example.net");

        JsonNode list = call("GET", "/api/queue?sender=ops@api.example.org", reader, null).json();
        assertThat(list.get("messages")).hasSize(1);
        assertThat(list.get("messages").get(0).get("id").asLong()).isEqualTo(id.value());
        assertThat(list.get("messages").get(0).get("recipients").get(0).asText()).isEqualTo("ada@example.net");
        assertThat(call("GET", "/api/queue/" + id, reader, null).json().get("state").asText()).isEqualTo("queued");

        assertThat(call("POST", "/api/queue/" + id + ":hold", reader, null).status()).as("a write needs admin").isEqualTo(403);
        Reply held = call("POST", "/api/queue/" + id + ":hold", admin, null);
        assertThat(held.status()).isEqualTo(200);
        assertThat(held.json().get("state").asText()).isEqualTo("held");
        Reply again = call("POST", "/api/queue/" + id + ":hold", admin, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.type()).startsWith("application/problem+json");
        assertThat(again.json().get("detail").asText()).contains("is held: only a queued or deferred message can be held");
        assertThat(call("GET", "/metrics", reader, null).body()).containsPattern("azt3knet_smtp_queue\\{state=\"held\"} [1-9]");

        assertThat(call("POST", "/api/queue/" + id + ":release", admin, null).json().get("state").asText()).isEqualTo("queued");
        assertThat(call("POST", "/api/queue/" + id + ":retry", admin, null).status()).isEqualTo(200);
        assertThat(call("DELETE", "/api/queue/" + id, admin, null).status()).isEqualTo(204);
        Reply gone = call("DELETE", "/api/queue/" + id, admin, null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("detail").asText()).isEqualTo("no message " + id + " is in the queue (GET /api/queue lists them)");
    }

    @Test
    void aPurgeWithoutYesCountsAndWithYesRemoves() throws Exception {
        store("spam@api-purge.example.org", "a@example.net");
        store("spam@api-purge.example.org", "b@example.net");

        Reply dry = call("POST", "/api/queue:purge", admin, "{\"sender\": \"spam@api-purge.example.org\"}");
        assertThat(dry.status()).isEqualTo(400);
        assertThat(dry.json().get("detail").asText()).isEqualTo("2 messages match; nothing removed: send \"yes\": true to remove them");
        Reply purge = call("POST", "/api/queue:purge", admin, "{\"sender\": \"spam@api-purge.example.org\", \"yes\": true}");
        assertThat(purge.status()).isEqualTo(200);
        assertThat(purge.json().get("removed").asLong()).isEqualTo(2);
        assertThat(call("GET", "/api/queue?sender=spam@api-purge.example.org", reader, null).json().get("messages")).isEmpty();
    }

    @Test
    void badInputIsAProblemNamingItsField() throws Exception {
        Reply state = call("GET", "/api/queue?state=stuck", reader, null);
        assertThat(state.status()).isEqualTo(400);
        assertThat(state.type()).startsWith("application/problem+json");
        assertThat(state.body()).contains("\"field\":\"state\"").contains("is not a queue state");
        assertThat(call("GET", "/api/queue?older_than=soon", reader, null).body()).contains("\"field\":\"older_than\"");
        assertThat(call("GET", "/api/queue/abc", reader, null).body()).contains("\"field\":\"id\"");
        assertThat(call("POST", "/api/queue:purge", admin, "{\"yes\": true}").body()).contains("a purge needs at least one filter");
        assertThat(call("POST", "/api/queue:purge", admin, "{\"colour\": 1}").status()).isEqualTo(400);
    }

    @Test
    void anAgentsMailIsReadBackAndAnUnknownAddressIs404() throws Exception {
        Reply unknown = call("GET", "/api/agents/nobody@api.example.org/mail", reader, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.type()).startsWith("application/problem+json");
    }

    @Test
    void mailAnEarlierReleaseKeptInTheClearIsSealedInPlaceWhenTheApiStarts() throws Exception {
        try (java.sql.Connection c = db.dataSource().getConnection()) {
            // as V3 wrote it: no content column then
            c.createStatement().execute("INSERT INTO inbound_message (message_id, recipient, sender, subject, source, payload,"
                    + " received_at) VALUES ('<legacy@x>', 'ada@api.example.org', 'ana@outside.example', 'legacy subject', 'smtp',"
                    + " 'legacy body', now())");
        }
        try (AdminApi again = AdminApi.start(use, config, new InetSocketAddress("127.0.0.1", 0), home.resolve("work-again"));
             java.sql.Connection c = db.dataSource().getConnection();
             java.sql.ResultSet r = c.createStatement().executeQuery(
                     "SELECT subject, payload, content, sender FROM inbound_message WHERE message_id = '<legacy@x>'")) {
            assertThat(again.port()).isPositive();
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isNull();
            assertThat(r.getString(2)).isNull();
            assertThat(new String(r.getBytes(3), StandardCharsets.ISO_8859_1)).doesNotContain("legacy");
            assertThat(r.getString(4)).isEqualTo("ana@outside.example");
        }
    }
}
