package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The admin API's bad-input corpus (src/test/resources/bad-input/http/*.tsv): one {@code azt3knet serve} process,
 * every case over a real socket, each answered with its status as an RFC 9457 problem naming what is wrong, with no
 * stack trace and no secret in the body or in the server's log.
 */
class BadInputHttpCorpusIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target", "azt3knet.jar").toAbsolutePath();
    private static final String HOOK_SECRET = "corpus-hook-secret-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** In KiB: ${BIG} is larger. */
    private static final int MAX_BODY = 64;

    private static CliHome home;
    private static Process serve;
    private static String base;
    private static final Map<String, String> PLACES = new HashMap<>();
    private static final Map<String, String> TOKENS = new HashMap<>();
    private static final List<String> SECRETS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        home = CliHome.open("http-corpus-it-");
        Map<String, String> env = new HashMap<>(home.env);
        env.put("MAILJET_INBOUND_SECRET", HOOK_SECRET);
        env.put("AZT3KNET_HTTP_MAX_BODY", Integer.toString(MAX_BODY));
        env.put("AZT3KNET_PROVIDER_MAX_RETRIES", "0");
        env.put("DNS_ADDRESS_SOURCE_IPV4", "off");
        env.put("DNS_ADDRESS_SOURCE_IPV6", "off");
        env.put("AZT3KNET_LOG_FILE", home.dir.resolve("serve.log").toString());
        CliRun pop = CliRun.in(env, home.dir, "populate", "--count", "5", "--seed", "corpus", "--domain", "corpus.example.org", "--persist");
        assertThat(pop.exitCode()).as(pop.err()).isZero();
        TOKENS.put("admin", token(env, "corpus-admin", "admin"));
        TOKENS.put("read", token(env, "corpus-read", "read"));
        String revoked = token(env, "corpus-revoked", "admin");
        assertThat(CliRun.in(env, home.dir, "tokens", "revoke", "corpus-revoked").exitCode()).isZero();
        Path recipientKey = home.dir.resolve("recipient.key");
        PLACES.put("PUB", CliRun.in(env, home.dir, "keys", "recipient", "--secret-key-out", recipientKey.toString()).out().strip());
        PLACES.put("POP", pop.out().strip());
        PLACES.put("UUID", UUID.nameUUIDFromBytes("no such thing".getBytes(StandardCharsets.UTF_8)).toString());
        PLACES.put("ADMIN", TOKENS.get("admin"));
        PLACES.put("READ", TOKENS.get("read"));
        PLACES.put("REVOKED", revoked);
        PLACES.put("HOOK", HOOK_SECRET);
        PLACES.put("BIG", "{\"seed\": \"" + "x".repeat(MAX_BODY * 1024 + 1) + "\"}");
        for (String t : List.of(TOKENS.get("admin"), TOKENS.get("read"), revoked)) {
            SECRETS.add(t);
            SECRETS.add(t.substring(t.lastIndexOf('_') + 1));
        }
        SECRETS.add(home.key);
        SECRETS.add(HOOK_SECRET);
        SECRETS.add(Files.readString(recipientKey).strip());

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

    private static String token(Map<String, String> env, String name, String role) {
        String t = CliRun.in(env, home.dir, "tokens", "create", "--name", name, "--role", role).out().strip();
        assertThat(t).startsWith("azt_");
        return t;
    }

    @AfterAll
    static void stop() throws Exception {
        if (serve != null) {
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
            assertThat(Files.readString(home.dir.resolve("serve.err"))).doesNotContain("Exception", "\tat ");
            String log = Files.readString(home.dir.resolve("serve.log"));
            for (String secret : SECRETS) assertThat(log).as("a secret in the server's log").doesNotContain(secret);
        }
        if (home != null) home.close();
    }

    @TestFactory
    Stream<DynamicTest> everyCase() {
        return Corpus.files("http").stream().flatMap(f -> Corpus.lines(f).stream())
                .map(line -> Corpus.test("http", line, l -> {
                    Corpus.number(l, 0, "status");
                    return Corpus.required(l, 1, "method") + " " + Corpus.required(l, 2, "path");
                }, BadInputHttpCorpusIT::check));
    }

    private static void check(Corpus.Line line) throws Exception {
        Corpus.atMost(line, 8);
        int status = Corpus.number(line, 0, "status");
        if (status < 400 || status > 599) throw new Corpus.MalformedLine(line, "status " + status + " is not an error");
        String method = Corpus.required(line, 1, "method");
        String path = Corpus.expand(line, Corpus.required(line, 2, "path"), PLACES::get);
        String token = Corpus.expand(line, Corpus.required(line, 3, "token"), PLACES::get);
        String headers = Corpus.required(line, 4, "headers");
        String body = Corpus.required(line, 5, "body");
        String fragment = Corpus.expand(line, Corpus.required(line, 6, "title or detail fragment"), PLACES::get);
        String field = Corpus.optional(line, 7);

        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        boolean typed = false;
        if (!headers.equals("-")) {
            for (String h : Corpus.words(line, headers)) {
                String header = Corpus.expand(line, h, PLACES::get);
                int colon = header.indexOf(':');
                if (colon < 1) throw new Corpus.MalformedLine(line, "header '" + h + "' is not 'Name: value'");
                String name = header.substring(0, colon).strip();
                request.header(name, header.substring(colon + 1).strip());
                typed |= name.equalsIgnoreCase("Content-Type");
            }
        }
        if (!token.equals("-")) request.header("Authorization", "Bearer " + TOKENS.getOrDefault(token, token));
        if (body.equals("-")) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString(Corpus.expand(line, body, PLACES::get)));
            if (!typed) request.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        String shown = r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse("(no content type)") + "\n" + r.body();
        assertThat(r.statusCode()).as(shown).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(shown).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("type").asText()).as(shown).isNotEmpty();
        assertThat(problem.path("status").asInt()).as(shown).isEqualTo(status);
        assertThat(problem.path("title").asText() + "\n" + problem.path("detail").asText()).as(shown).contains(fragment);
        if (!field.isBlank()) assertThat(problem.path("field").asText()).as(shown).isEqualTo(field.strip());
        assertThat(r.body()).as("no stack trace").doesNotContain("Exception", "\tat ");
        for (String secret : SECRETS) assertThat(r.body()).as("a secret in the answer").doesNotContain(secret);
    }
}
