package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.azt3knet.adapters.mailjet.MailjetStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code azt3knet serve} as its own process over real HTTP, on the embedded PostgreSQL, with Mailjet as a stateful
 * WireMock stub: the flows end to end, tokens and roles, bad input, readiness, the inbound webhook, and a graceful
 * stop.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class AdminApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target", "azt3knet.jar").toAbsolutePath();
    private static final String HOOK_SECRET = "hook-secret-0123456789abcdef";
    private static final MailjetStub MAILJET = new MailjetStub();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static WireMockServer mailjet;
    private static int mailjetPort;
    private static CliHome home;
    private static Map<String, String> env;
    private static Process serve;
    private static String base;
    private static String admin;
    private static String reader;

    private record Reply(int status, String type, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        mailjet = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(MAILJET));
        mailjet.start();
        mailjetPort = mailjet.port();
        home = CliHome.open("api-it-");
        env = new HashMap<>(home.env);
        env.put("MAILJET_BASE_URL", mailjet.baseUrl());
        env.put("MAILJET_API_KEY", MailjetStub.KEY);
        env.put("MAILJET_SECRET_KEY", MailjetStub.SECRET);
        env.put("MAILJET_INBOUND_SECRET", HOOK_SECRET);
        env.put("AZT3KNET_PROVIDER_MAX_RETRIES", "0");
        env.put("AZT3KNET_HTTP_MAX_BODY", "64");
        env.put("DNS_ADDRESS_SOURCE_IPV4", "off");
        env.put("DNS_ADDRESS_SOURCE_IPV6", "off");
        env.put("AZT3KNET_LOG_FILE", home.dir.resolve("serve.log").toString());
        admin = CliRun.in(env, home.dir, "tokens", "create", "--name", "ops", "--role", "admin").out().strip();
        reader = CliRun.in(env, home.dir, "tokens", "create", "--name", "viewer", "--role", "read").out().strip();
        assertThat(admin).startsWith("azt_");
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(),
                "serve", "--http", "127.0.0.1:0").directory(home.dir.toFile()).redirectError(home.dir.resolve("serve.err").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("PATH", System.getenv("PATH"));
        serve = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        base = out.readLine();
        assertThat(base).as("serve prints where it listens").matches("http://127\\.0\\.0\\.1:\\d+");
    }

    @AfterAll
    static void stop() throws Exception {
        if (serve != null) {
            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
            String err = java.nio.file.Files.readString(home.dir.resolve("serve.err"));
            assertThat(err).contains("stopping").doesNotContain("Exception", "\tat ");
            assertThat(java.nio.file.Files.readString(home.dir.resolve("serve.log"))).doesNotContain(admin, reader, HOOK_SECRET);
        }
        if (home != null) home.close();
        if (mailjet != null) mailjet.stop();
    }

    private static Reply call(String method, String path, String token, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    private static JsonNode finished(JsonNode accepted) throws Exception {
        String id = accepted.get("id").asText();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            JsonNode job = call("GET", "/api/jobs/" + id, reader, null).json();
            if (!List.of("queued", "running").contains(job.get("state").asText())) return job;
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish");
    }

    @Test
    void theSamePopulationThroughCliAndHttpIsByteIdentical() throws Exception {
        String spec = "{\"count\": 40, \"seed\": \"same\", \"country\": {\"MX\": 0.5, \"DE\": 0.5}, \"age_range\": [20, 30]}";
        Reply json = call("POST", "/api/populate", admin, spec);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.text()).isEqualTo(CliRun.in(env, home.dir, "populate", "--count", "40", "--seed", "same", "--country",
                "MX:0.5,DE:0.5", "--age", "20-30", "--format", "json").out());
        Reply ndjson = call("POST", "/api/populate", admin, spec, "Accept", "application/x-ndjson");
        assertThat(ndjson.type()).startsWith("application/x-ndjson");
        assertThat(ndjson.text()).isEqualTo(CliRun.in(env, home.dir, "populate", "--count", "40", "--seed", "same", "--country",
                "MX:0.5,DE:0.5", "--age", "20-30", "--format", "ndjson").out());
        Reply preview = call("POST", "/api/populate", admin, "{\"count\": 1000000, \"seed\": \"same\", \"preview\": 2}");
        assertThat(preview.json()).hasSize(2);
    }

    @Test
    void populateJobAgentsMailboxesAndAuditEndToEnd() throws Exception {
        Reply accepted = call("POST", "/api/populate", admin, "{\"count\": 30, \"seed\": \"e2e\", \"domain\": \"e2e.example.org\", \"persist\": true}");
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode job = finished(accepted.json());
        assertThat(job.get("state").asText()).isEqualTo("succeeded");
        String id = job.at("/result/population").asText();
        assertThat(job.at("/links/agents").asText()).isEqualTo("/api/populations/" + id + "/agents");

        // the same spec again is a conflict at once, not a failed job
        assertThat(call("POST", "/api/populate", admin, "{\"count\": 30, \"seed\": \"e2e\", \"domain\": \"e2e.example.org\", \"persist\": true}")
                .status()).isEqualTo(409);

        // cursor paging walks every agent once, in order
        List<Long> indexes = new ArrayList<>();
        String next = "/api/populations/" + id + "/agents?limit=7";
        while (next != null) {
            JsonNode page = call("GET", next, reader, null).json();
            page.get("agents").forEach(a -> indexes.add(a.get("index").asLong()));
            next = page.has("links") ? page.at("/links/next").asText() : null;
        }
        assertThat(indexes).hasSize(30).isSorted().doesNotHaveDuplicates();
        Reply all = call("GET", "/api/populations/" + id + "/agents", reader, null, "Accept", "application/x-ndjson");
        assertThat(all.text()).isEqualTo(CliRun.in(env, home.dir, "populations", "export", id).out());

        Reply apply = call("POST", "/api/populations/" + id + "/mailboxes:apply", admin, "{\"provider\": \"mailjet\"}");
        assertThat(apply.status()).isEqualTo(202);
        JsonNode applied = finished(apply.json());
        assertThat(applied.get("state").asText()).as(applied.toString()).isEqualTo("succeeded");
        assertThat(applied.at("/result/created").asLong()).isEqualTo(30);
        assertThat(applied.at("/result/verify/present").asLong()).isEqualTo(30);
        assertThat(MAILJET.senders(s -> s.path("Email").asText().endsWith("@e2e.example.org")
                && !s.path("Email").asText().startsWith("*"))).hasSize(30);
        JsonNode plan = call("POST", "/api/populations/" + id + "/mailboxes:plan", reader, "{\"provider\": \"mailjet\"}").json();
        assertThat(plan.get("changes")).isEmpty();
        // populate with create_mailboxes for a stored population resumes the provisioning (here: nothing left to do)
        Reply resumed = call("POST", "/api/populate", admin, "{\"count\": 30, \"seed\": \"e2e\", \"domain\": \"e2e.example.org\","
                + " \"create_mailboxes\": true, \"provider\": \"mailjet\"}");
        assertThat(resumed.status()).isEqualTo(202);
        JsonNode again = finished(resumed.json());
        assertThat(again.get("state").asText()).as(again.toString()).isEqualTo("succeeded");
        assertThat(again.at("/result/resumed").asBoolean()).isTrue();
        assertThat(again.at("/result/population").asText()).isEqualTo(id);
        assertThat(again.at("/result/mailboxes/created").asLong()).isZero();
        assertThat(again.at("/result/mailboxes/writes").asLong()).isZero();
        assertThat(again.at("/result/mailboxes/converged").asBoolean()).isTrue();

        JsonNode verify = call("GET", "/api/audit:verify", reader, null).json();
        assertThat(verify.get("intact").asBoolean()).isTrue();
        JsonNode entries = call("GET", "/api/audit?action=mailbox.create&limit=5", reader, null).json();
        assertThat(entries.get("entries")).hasSize(5).allSatisfy(e -> assertThat(e.get("actor").asText()).isEqualTo("api:ops"));
        assertThat(entries.at("/links/older").asText()).contains("before=");
        JsonNode older = call("GET", entries.at("/links/older").asText(), reader, null).json();
        assertThat(older.get("entries").get(4).get("sequence").asLong())
                .isLessThan(entries.get("entries").get(0).get("sequence").asLong());

        Reply sealed = call("POST", "/api/populations/" + id + "/credentials:export", admin, "{\"recipient_key\": \"not a key\"}");
        assertThat(sealed.status()).isEqualTo(400);
        assertThat(sealed.json().get("field").asText()).isEqualTo("recipient_key");
    }

    @Test
    void everyProtectedEndpointNeedsATokenAndWritesNeedAdmin() throws Exception {
        JsonNode doc = call("GET", "/openapi.json", null, null).json();
        List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            String path = p.getKey().replace("{id}", UUID.randomUUID().toString()).replace("{secret}", "x");
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                String role = op.getValue().path("x-azt3knet-role").asText("open");
                String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
                if (role.equals("open")) continue;
                Reply none = call(method, path, null, body);
                assertThat(none.status()).as(method + " " + path + " without a token").isEqualTo(401);
                assertThat(none.type()).startsWith("application/problem+json");
                if (role.equals("admin")) {
                    assertThat(call(method, path, reader, body).status()).as(method + " " + path + " with role read").isEqualTo(403);
                }
                checked.add(method + " " + p.getKey());
            }
        }
        assertThat(checked).hasSizeGreaterThan(15);
        assertThat(call("GET", "/healthz", null, null).status()).isEqualTo(200);
        assertThat(call("GET", "/readyz", null, null).json().has("checks")).as("no details without a token").isFalse();
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // last (unordered tests come at MAX_VALUE / 2): it blocks this client's address for a minute
    void guessedTokensAreRefusedThenTheAddressIsHeldOffWhileKnownTokensStillWork() throws Exception {
        assertThat(call("GET", "/api/populations", reader, null).status()).isEqualTo(200);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 25; i++) statuses.add(call("GET", "/api/populations", "azt_aaaaaaaaaaaa_" + "A".repeat(42) + (char) ('a' + i), null).status());
        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses.subList(20, 25)).containsOnly(429);
        assertThat(call("GET", "/api/populations", reader, null).status()).as("a token just seen valid").isEqualTo(200);
    }

    @Test
    void badInputIsAProblemNamingTheField() throws Exception {
        Reply malformed = call("POST", "/api/populate", admin, "{\"count\": 3,");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.type()).startsWith("application/problem+json");
        assertThat(malformed.json().get("detail").asText()).contains("not valid JSON");

        Reply wrongType = call("POST", "/api/populate", admin, "{\"count\": 3, \"seed\": \"x\", \"persist\": \"yes\"}");
        assertThat(wrongType.json().get("field").asText()).isEqualTo("persist");
        Reply badMix = call("POST", "/api/populate", admin, "{\"count\": 3, \"seed\": \"x\", \"gender\": [1, [2]]}");
        assertThat(badMix.status()).isEqualTo(400);
        assertThat(badMix.json().get("field").asText()).isEqualTo("gender");

        Reply unknown = call("POST", "/api/populate", admin, "{\"count\": 3, \"seed\": \"x\", \"colour\": \"red\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("colour");

        Reply negative = call("POST", "/api/populate", admin, "{\"count\": -5, \"seed\": \"x\"}");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("field").asText()).isEqualTo("count");
        assertThat(negative.json().get("detail").asText()).contains("from 1 to 100000000");

        Reply huge = call("POST", "/api/populate", admin, "{\"seed\": \"" + "x".repeat(100_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().get("detail").asText()).contains("AZT3KNET_HTTP_MAX_BODY");

        Reply notAnId = call("GET", "/api/populations/nope", reader, null);
        assertThat(notAnId.status()).isEqualTo(400);
        Reply missing = call("GET", "/api/populations/" + UUID.randomUUID(), reader, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(call("GET", "/api/populations", reader, null).text()).doesNotContain("\tat ", "Exception");
    }

    @Test
    void readinessFollowsTheProviderDownAndBackUp() throws Exception {
        assertThat(readiness()).isEqualTo("READY");
        mailjet.stop();
        try {
            JsonNode down = eventually("DEGRADED");
            JsonNode check = null;
            for (JsonNode c : down.get("checks")) if (c.get("integration").asText().equals("provider:mailjet")) check = c;
            assertThat(check).isNotNull();
            assertThat(check.get("status").asText()).isEqualTo("DOWN");
            assertThat(check.get("reason").asText()).containsIgnoringCase("mailjet").doesNotContain(MailjetStub.SECRET);
        } finally {
            mailjet = new WireMockServer(WireMockConfiguration.options().port(mailjetPort).extensions(MAILJET));
            mailjet.start();
        }
        eventually("READY");
    }

    private static String readiness() throws Exception {
        return call("GET", "/readyz", reader, null).json().get("status").asText();
    }

    private static JsonNode eventually(String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = call("GET", "/readyz", reader, null).json();
            if (last.get("status").asText().equals(status)) return last;
            Thread.sleep(250);
        }
        throw new AssertionError("readiness never became " + status + ": " + last);
    }

    @Test
    void theMailjetWebhookStoresEachMessageOnce() throws Exception {
        JsonNode job = finished(call("POST", "/api/populate", admin, "{\"count\": 3, \"seed\": \"hook\", \"domain\": \"hook.example.org\", \"persist\": true}").json());
        String id = job.at("/result/population").asText();
        String address = call("GET", "/api/populations/" + id + "/agents?limit=1", reader, null).json().at("/agents/0/email").asText();
        String payload = "{\"Sender\": \"someone@example.net\", \"Recipient\": \"" + address + "\", \"Subject\": \"hello\","
                + " \"Headers\": {\"Message-ID\": \"<m1@example.net>\"}, \"Text-part\": \"hi\"}";
        assertThat(call("POST", "/hooks/mailjet/inbound/wrong-secret", null, payload).status()).isEqualTo(401);
        assertThat(call("POST", "/hooks/mailjet/inbound/" + HOOK_SECRET, null, payload).status()).isEqualTo(201);
        Reply again = call("POST", "/hooks/mailjet/inbound/" + HOOK_SECRET, null, payload);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("duplicate");
        assertThat(call("POST", "/hooks/mailjet/inbound/" + HOOK_SECRET, null, payload.replace(address, "nobody@hook.example.org"))
                .status()).isEqualTo(404);
        String big = "{\"Recipient\": \"" + address + "\", \"Text-part\": \"" + "y".repeat(16 << 20) + "\"}";
        assertThat(call("POST", "/hooks/mailjet/inbound/" + HOOK_SECRET, null, big).status()).isEqualTo(413);
        JsonNode stored = call("GET", "/api/audit?action=mail.inbound", reader, null).json();
        assertThat(stored.get("entries")).hasSize(1);
        assertThat(stored.at("/entries/0/details/message_id").asText()).isEqualTo("<m1@example.net>");
    }

    @Test
    void metricsCountRequestsAndProviderCalls() throws Exception {
        call("GET", "/api/populations", reader, null);
        String metrics = call("GET", "/metrics", reader, null).text();
        assertThat(metrics).contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/populations\",status=\"200\"",
                "azt3knet_jobs{state=\"running\"}", "jvm_memory_used_bytes");
    }
}
