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
    /** Tokens first used during a lockout, so no cache of earlier answers can let them through. */
    private static String freshBehindProxy;
    private static String freshUntrusted;
    private static String freshLast;

    private record Reply(int status, String type, byte[] body, java.net.http.HttpHeaders headers) {
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
        env.put("AZT3KNET_HTTP_TRUSTED_PROXIES", "127.0.0.1, ::1/128");
        admin = CliRun.in(env, home.dir, "tokens", "create", "--name", "ops", "--role", "admin").out().strip();
        reader = CliRun.in(env, home.dir, "tokens", "create", "--name", "viewer", "--role", "read").out().strip();
        freshBehindProxy = CliRun.in(env, home.dir, "tokens", "create", "--name", "fresh-1", "--role", "read").out().strip();
        freshUntrusted = CliRun.in(env, home.dir, "tokens", "create", "--name", "fresh-2", "--role", "read").out().strip();
        freshLast = CliRun.in(env, home.dir, "tokens", "create", "--name", "fresh-3", "--role", "read").out().strip();
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
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
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
        assertThat(applied.at("/result/domain").asLong()).as("the catch-all sender of the domain").isPositive();
        assertThat(applied.at("/result/verify/present").asLong()).isEqualTo(30);
        assertThat(MAILJET.senders(s -> s.path("Email").asText().endsWith("@e2e.example.org")
                && !s.path("Email").asText().startsWith("*"))).hasSize(30);
        JsonNode plan = call("POST", "/api/populations/" + id + "/mailboxes:plan", reader, "{\"provider\": \"mailjet\"}").json();
        assertThat(plan.get("changes")).isEmpty();
        assertThat(plan.get("domain")).as("the domain's settings are in place").isEmpty();
        // populate with create_mailboxes for a stored population resumes the provisioning (here: nothing left to do)
        Reply resumed = call("POST", "/api/populate", admin, "{\"count\": 30, \"seed\": \"e2e\", \"domain\": \"e2e.example.org\","
                + " \"create_mailboxes\": true, \"provider\": \"mailjet\", \"deadline_seconds\": 600}");
        assertThat(resumed.status()).isEqualTo(202);
        JsonNode again = finished(resumed.json());
        assertThat(again.get("state").asText()).as(again.toString()).isEqualTo("succeeded");
        assertThat(again.at("/result/resumed").asBoolean()).isTrue();
        assertThat(again.at("/result/population").asText()).isEqualTo(id);
        assertThat(again.at("/result/mailboxes/created").asLong()).isZero();
        assertThat(again.at("/result/mailboxes/writes").asLong()).isZero();
        assertThat(again.at("/result/mailboxes/domain").asLong()).isZero();
        assertThat(again.at("/result/mailboxes/converged").asBoolean()).isTrue();
        // recreate of the stored population reads the spec stored with it, as 'azt3knet recreate --population' does
        Reply recreate = call("POST", "/api/recreate", admin, "{\"population\": \"" + id + "\", \"provider\": \"mailjet\", \"no_dns\": true}");
        assertThat(recreate.status()).isEqualTo(202);
        JsonNode recreated = finished(recreate.json());
        assertThat(recreated.get("state").asText()).as(recreated.toString()).isEqualTo("succeeded");
        assertThat(recreated.at("/result/population").asText()).isEqualTo(id);
        assertThat(recreated.at("/result/restored").asBoolean()).as("still stored: nothing to restore").isFalse();
        assertThat(recreated.at("/result/agents").asLong()).isEqualTo(30);
        assertThat(recreated.at("/result/mailboxes/created").asLong()).isZero();
        assertThat(recreated.at("/result/mailboxes/converged").asBoolean()).isTrue();
        assertThat(recreated.at("/links/population").asText()).isEqualTo("/api/populations/" + id);

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
            String path = p.getKey().replace("{id}", UUID.randomUUID().toString()).replace("{secret}", "x").replace("{address}", "ada@e2e.example.org");
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
    void guessedTokensAreRefusedThenTheAddressIsHeldOffWhileValidTokensStillWork() throws Exception {
        assertThat(call("GET", "/api/populations", reader, null).status()).isEqualTo(200);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 25; i++) statuses.add(call("GET", "/api/populations", guess(i), null).status());
        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses.subList(20, 25)).containsOnly(429);
        assertThat(call("GET", "/api/populations", reader, null).status()).as("a token just seen valid").isEqualTo(200);
        assertThat(call("GET", "/api/populations", freshLast, null).status()).as("a valid token never seen before").isEqualTo(200);
    }

    private static String guess(int i) {
        return "azt_aaaaaaaaaaaa_" + "A".repeat(42) + (char) ('a' + i % 26) + i;
    }

    @Test
    void behindATrustedProxyEachForwardedClientIsHeldOffAloneAndValidTokensStillWork() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(call("GET", "/api/populations", guess(i), null, "X-Forwarded-For", "203.0.113.7").status()).isEqualTo(401);
        }
        Reply held = call("GET", "/api/populations", guess(20), null, "X-Forwarded-For", "203.0.113.7");
        assertThat(held.status()).isEqualTo(429);
        assertThat(held.json().get("detail").asText()).contains("203.0.113.7");
        assertThat(call("GET", "/api/populations", freshBehindProxy, null, "X-Forwarded-For", "203.0.113.7").status())
                .as("a valid token from the held-off client").isEqualTo(200);
        // the proxy appends the address it saw: whatever the client wrote left of it is not believed
        assertThat(call("GET", "/api/populations", guess(21), null, "X-Forwarded-For", "198.51.100.1, 203.0.113.7").status())
                .isEqualTo(429);
        assertThat(call("GET", "/api/populations", guess(22), null, "Forwarded", "for=203.0.113.7;proto=https").status())
                .isEqualTo(429);
        assertThat(call("GET", "/api/populations", guess(23), null, "X-Forwarded-For", "203.0.113.8").status())
                .as("another client behind the same proxy").isEqualTo(401);
    }

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnored() throws Exception {
        HttpClient other = HttpClient.newBuilder().localAddress(java.net.InetAddress.getByName("127.0.0.2"))
                .connectTimeout(Duration.ofSeconds(5)).build();
        java.util.function.BiFunction<String, String, Integer> from = (token, forwarded) -> {
            try {
                return other.send(HttpRequest.newBuilder(URI.create(base + "/api/populations")).header("Authorization", "Bearer " + token)
                        .header("X-Forwarded-For", forwarded).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 21; i++) statuses.add(from.apply(guess(i), "192.0.2." + i)); // a new "client" each time
        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses.get(20)).as("127.0.0.2 is held off whatever it claims").isEqualTo(429);
        assertThat(from.apply(freshUntrusted, "192.0.2.99")).as("a valid token from the held-off address").isEqualTo(200);
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
    void aStoredPopulationsRealismReportIsThePageTheCliWrites() throws Exception {
        CliRun stored = CliRun.in(env, home.dir, "populate", "--count", "300", "--seed", "report-http", "--country", "BR",
                "--domain", "report-http.example.org", "--persist");
        assertThat(stored.exitCode()).as(stored.err()).isZero();
        String id = stored.out().strip();
        Reply page = call("GET", "/api/populations/" + id + "/report", reader, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.type()).matches("text/html; ?charset=utf-8");
        assertThat(page.text()).startsWith("<!DOCTYPE html>").contains("<section id=\"pyramid\"", "pt-BR")
                .isEqualTo(CliRun.in(env, home.dir, "populations", "report", id).out());
        assertThat(call("GET", "/api/populations/" + id + "/report", null, null).status()).isEqualTo(401);
    }

    @Test
    void anUnknownPopulationOrJobIsA404NamingIt() throws Exception {
        String id = UUID.randomUUID().toString();
        for (Reply r : List.of(call("GET", "/api/populations/" + id, reader, null), call("DELETE", "/api/populations/" + id, admin, null),
                call("GET", "/api/populations/" + id + "/agents", reader, null),
                call("GET", "/api/populations/" + id + "/report", reader, null),
                call("POST", "/api/recreate", admin, "{\"population\": \"" + id + "\"}"))) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.type()).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asText()).contains("population " + id + " does not exist").doesNotContain("endpoint");
        }
        for (Reply r : List.of(call("GET", "/api/jobs/" + id, reader, null), call("DELETE", "/api/jobs/" + id, admin, null))) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.type()).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asText()).contains("job '" + id + "' does not exist");
        }
        assertThat(call("GET", "/api/no-such-thing", reader, null).json().get("detail").asText()).contains("no such endpoint");
    }

    @Test
    void aWrongMethodIs405WithTheMethodsOfThePathInAllow() throws Exception {
        record Wrong(String method, String path, String allow) {
        }
        for (Wrong w : List.of(new Wrong("PUT", "/api/populate", "POST"), new Wrong("GET", "/api/populate", "POST"),
                new Wrong("DELETE", "/api/populations", "GET, HEAD"), new Wrong("POST", "/healthz", "GET, HEAD"),
                new Wrong("PUT", "/api/populations/" + UUID.randomUUID(), "GET, HEAD, DELETE"))) {
            Reply r = call(w.method(), w.path(), admin, w.method().equals("GET") ? null : "{}");
            assertThat(r.status()).as(w.method() + " " + w.path()).isEqualTo(405);
            assertThat(r.type()).startsWith("application/problem+json");
            assertThat(r.headers().firstValue("Allow")).as(w.method() + " " + w.path()).hasValue(w.allow());
        }
        // every documented path: Allow is exactly its documented methods (the document is checked against the routes)
        JsonNode doc = call("GET", "/openapi.json", null, null).json();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            List<String> methods = new ArrayList<>();
            p.getValue().fieldNames().forEachRemaining(m -> {
                methods.add(m.toUpperCase(java.util.Locale.ROOT));
                if (m.equals("get")) methods.add("HEAD");
            });
            Reply r = call("PATCH", p.getKey().replace("{id}", UUID.randomUUID().toString()).replace("{secret}", "x").replace("{address}", "ada@e2e.example.org"), admin, "{}");
            assertThat(r.status()).as("PATCH " + p.getKey()).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow").orElseThrow().split(", ")).as(p.getKey()).containsExactlyInAnyOrderElementsOf(methods);
        }
    }

    @Test
    void aRequestLineOrHeadersTooLargeIsAProblemNotJettysPage() throws Exception {
        Reply longUri = call("GET", "/healthz?q=" + "a".repeat(20_000), null, null);
        assertThat(longUri.status()).isEqualTo(414);
        assertThat(longUri.type()).startsWith("application/problem+json");
        assertThat(longUri.json().get("status").asInt()).isEqualTo(414);
        assertThat(longUri.text()).doesNotContain("<html", "Jetty");
        Reply bigHeaders = call("GET", "/healthz", null, null, "X-Padding", "b".repeat(20_000));
        assertThat(bigHeaders.status()).isEqualTo(431);
        assertThat(bigHeaders.type()).startsWith("application/problem+json");
        assertThat(bigHeaders.json().get("detail").asText()).contains("headers");
    }

    /** One HTTP/1.1 exchange on a plain socket, for requests an HTTP client refuses to send; returns the whole answer. */
    private static String raw(String method, String target, String token) throws Exception {
        URI at = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(at.getHost(), at.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((method + " " + target + " HTTP/1.1\r\nHost: " + at.getAuthority() + "\r\nAuthorization: Bearer "
                    + token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aBrokenCursorIsA400NamingItNotTheFirstPage() throws Exception {
        JsonNode job = finished(call("POST", "/api/populate", admin, "{\"count\": 3, \"seed\": \"cursor\", \"persist\": true}").json());
        String id = job.at("/result/population").asText();
        String answer = raw("GET", "/api/populations/" + id + "/agents?limit=1&cursor=%%%%", reader);
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json", "\"field\":\"cursor\"")
                .doesNotContain("\"agents\"");
        Reply decodedGarbage = call("GET", "/api/populations/" + id + "/agents?cursor=%25%25%25%25", reader, null);
        assertThat(decodedGarbage.status()).isEqualTo(400);
        assertThat(decodedGarbage.json().get("field").asText()).isEqualTo("cursor");
    }

    @Test
    void everyDocumentedBoundIsEnforcedAndNamesTheField() throws Exception {
        JsonNode doc = call("GET", "/openapi.json", null, null).json();
        List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            String path = p.getKey().replace("{id}", UUID.randomUUID().toString());
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                JsonNode props = op.getValue().at("/requestBody/content/application~1json/schema/properties");
                for (Iterator<Map.Entry<String, JsonNode>> f = props.fields(); f.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = f.next();
                    for (long wrong : outside(field.getValue())) {
                        String spec = !props.has("count") ? "" : field.getKey().equals("count") ? "\"seed\": \"b\", "
                                : "\"count\": 3, \"seed\": \"b\", ";
                        Reply r = call(method, path, admin, "{" + spec + "\"" + field.getKey() + "\": " + wrong + "}");
                        assertThat(r.status()).as(method + " " + p.getKey() + " " + field.getKey() + "=" + wrong + ": " + r.text()).isEqualTo(400);
                        assertThat(r.json().get("field").asText()).as(method + " " + p.getKey()).isEqualTo(field.getKey());
                        checked.add(p.getKey() + " " + field.getKey() + "=" + wrong);
                    }
                }
                for (JsonNode param : op.getValue().path("parameters")) {
                    if (!param.path("in").asText().equals("query")) continue;
                    for (long wrong : outside(param.get("schema"))) {
                        Reply r = call(method, path + "?" + param.get("name").asText() + "=" + wrong, admin, null);
                        assertThat(r.status()).as(method + " " + p.getKey() + "?" + param.get("name").asText() + "=" + wrong).isEqualTo(400);
                        assertThat(r.json().get("field").asText()).isEqualTo(param.get("name").asText());
                        checked.add(p.getKey() + "?" + param.get("name").asText() + "=" + wrong);
                    }
                }
            }
        }
        assertThat(checked).contains("/api/populate concurrency=65", "/api/recreate concurrency=65", "/api/populate count=0",
                "/api/populations/{id}/agents?limit=1001", "/api/audit?limit=0");
        Reply huge = call("POST", "/api/populate", admin, "{\"count\": 3, \"seed\": \"b\", \"concurrency\": 100000}");
        assertThat(huge.json().get("detail").asText()).contains("1 to 64");
    }

    /** Integers just outside a schema's documented minimum and maximum. */
    private static List<Long> outside(JsonNode schema) {
        List<Long> out = new ArrayList<>();
        if (schema == null || !schema.path("type").asText().equals("integer")) return out;
        if (schema.has("minimum")) out.add(schema.get("minimum").asLong() - 1);
        if (schema.has("maximum")) out.add(schema.get("maximum").asLong() + 1);
        return out;
    }

    @Test
    void aFieldGivenTwiceIsRefused() throws Exception {
        Reply twice = call("POST", "/api/populate", admin, "{\"count\": 3, \"seed\": \"x\", \"count\": 4}");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.type()).startsWith("application/problem+json");
        assertThat(twice.json().get("field").asText()).isEqualTo("count");
    }

    @Test
    void aClientLeavingAStreamEarlyIsCountedAsAnAbortNotAServerError() throws Exception {
        URI at = URI.create(base);
        String body = "{\"count\": 5000000, \"seed\": \"abort\"}";
        try (java.net.Socket socket = new java.net.Socket(at.getHost(), at.getPort())) {
            socket.getOutputStream().write(("POST /api/populate HTTP/1.1\r\nHost: " + at.getAuthority() + "\r\nAuthorization: Bearer "
                    + admin + "\r\nAccept: application/x-ndjson\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            assertThat(socket.getInputStream().readNBytes(64 * 1024)).hasSize(64 * 1024);
            socket.setSoLinger(true, 0); // a reset, as when a client process dies
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String metrics = "";
        while (System.nanoTime() < deadline && !metrics.contains("route=\"/api/populate\",status=\"499\"")) {
            Thread.sleep(200);
            metrics = call("GET", "/metrics", reader, null).text();
        }
        assertThat(metrics).contains("http_server_requests_seconds_count{method=\"POST\",route=\"/api/populate\",status=\"499\"}")
                .doesNotContain("route=\"/api/populate\",status=\"500\"");
        assertThat(java.nio.file.Files.readString(home.dir.resolve("serve.log"))).doesNotContain("incident");
    }

    @Test
    void serveOnABusyAddressSaysSoAndExits2() {
        String taken = base.substring("http://".length());
        CliRun run = CliRun.in(env, home.dir, "serve", "--http", taken);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(taken + " is in use", "--http", "AZT3KNET_HTTP").doesNotContain("STOPPED", "Exception");
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
