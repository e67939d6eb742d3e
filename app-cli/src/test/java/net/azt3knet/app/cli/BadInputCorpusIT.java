package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The bad-input corpus (src/test/resources/bad-input/README.md), on one home and one embedded PostgreSQL:
 * <ul>
 * <li>cli/*.tsv: every case runs in-process and must exit with its code, say its message on stderr, print nothing on
 * stdout, show no stack trace, leak no secret (stdout, stderr, the log) and leave no output file behind;</li>
 * <li>http/*.tsv: one {@code azt3knet serve} process, every case over a real socket, each answered with its status as
 * an RFC 9457 problem naming what is wrong, with no stack trace and no secret in the body or in the server's log.</li>
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusIT {

    private static final Set<String> OUTPUT_FLAGS = Set.of("--output", "-o", "--out", "--secret-key-out");
    /** Names of variables whose values are secrets (not AZT3KNET_SECRETS_DIR): a case that sets one must never see it echoed. */
    private static final java.util.regex.Pattern SECRET_NAME = java.util.regex.Pattern.compile(".*(KEY|SECRET|TOKEN|PASSWORD)|SECRET_KEY_FOR_KV_ENC");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target", "azt3knet.jar").toAbsolutePath();
    private static final String HOOK_SECRET = "corpus-hook-secret-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** In KiB: ${BIG} is larger. */
    private static final int MAX_BODY = 64;

    private static CliHome home;
    private static Process serve;
    private static String base;
    private static final Map<String, String> HTTP_PLACES = new HashMap<>();
    private static final Map<String, String> TOKENS = new HashMap<>();
    private static final List<String> HTTP_SECRETS = new ArrayList<>();
    private static Path log;
    private static final Map<String, String> PLACES = new HashMap<>();
    private static final List<String> SECRETS = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        home = CliHome.open("corpus-it-");
        log = home.dir.resolve("azt3knet.log");
        CliRun pop = CliRun.in(home.env, home.dir, "populate", "--count", "5", "--seed", "corpus", "--domain", "corpus.example.org",
                "--persist");
        assertThat(pop.exitCode()).as(pop.err()).isZero();
        TOKENS.put("admin", token("corpus", "admin"));
        TOKENS.put("read", token("corpus-read", "read"));
        String revoked = token("corpus-revoked", "admin");
        assertThat(CliRun.in(home.env, home.dir, "tokens", "revoke", "corpus-revoked").exitCode()).isZero();
        Path recipientKey = home.dir.resolve("recipient.key");
        String pub = CliRun.in(home.env, home.dir, "keys", "recipient", "--secret-key-out", recipientKey.toString()).out().strip();
        Path pubFile = home.dir.resolve("recipient.pub");
        Files.writeString(pubFile, pub + "\n");
        Path keyFile = home.dir.resolve("new.key");
        Files.writeString(keyFile, CliRun.in(home.env, home.dir, "keys", "generate").out());
        String unknown = UUID.nameUUIDFromBytes("no such population".getBytes(StandardCharsets.UTF_8)).toString();
        PLACES.put("POP", pop.out().strip());
        PLACES.put("UUID", unknown);
        PLACES.put("HOME", home.dir.toString());
        PLACES.put("PUB", pub);
        PLACES.put("PUBFILE", pubFile.toString());
        PLACES.put("SECKEY", recipientKey.toString());
        PLACES.put("KEYFILE", keyFile.toString());
        PLACES.put("FILES", Corpus.files("cli").get(0).getParent().resolve("files").toString());
        SECRETS.add(home.key);
        for (String t : List.of(TOKENS.get("admin"), TOKENS.get("read"), revoked)) {
            SECRETS.add(t);
            SECRETS.add(t.substring(t.indexOf('_', "azt_".length()) + 1)); // the secret may itself hold '_'
        }
        SECRETS.add(Files.readString(recipientKey).strip());
        SECRETS.add(Files.readString(keyFile).strip());
        HTTP_SECRETS.addAll(SECRETS);
        HTTP_SECRETS.add(HOOK_SECRET);
        HTTP_PLACES.put("POP", pop.out().strip());
        HTTP_PLACES.put("UUID", unknown);
        HTTP_PLACES.put("PUB", pub);
        HTTP_PLACES.put("ADMIN", TOKENS.get("admin"));
        HTTP_PLACES.put("READ", TOKENS.get("read"));
        HTTP_PLACES.put("REVOKED", revoked);
        HTTP_PLACES.put("HOOK", HOOK_SECRET);
        HTTP_PLACES.put("BIG", "{\"seed\": \"" + "x".repeat(MAX_BODY * 1024 + 1) + "\"}");

        // serve starts now and warms up while the CLI cases run
        Map<String, String> env = new HashMap<>(home.env);
        env.put("MAILJET_INBOUND_SECRET", HOOK_SECRET);
        env.put("AZT3KNET_HTTP_MAX_BODY", Integer.toString(MAX_BODY));
        env.put("AZT3KNET_PROVIDER_MAX_RETRIES", "0");
        env.put("DNS_ADDRESS_SOURCE_IPV4", "off");
        env.put("DNS_ADDRESS_SOURCE_IPV6", "off");
        env.put("AZT3KNET_LOG_FILE", home.dir.resolve("serve.log").toString());
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(),
                "serve", "--http", "127.0.0.1:0").directory(home.dir.toFile()).redirectError(home.dir.resolve("serve.err").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("PATH", System.getenv("PATH"));
        serve = pb.start();
    }

    private static String token(String name, String role) {
        String t = CliRun.in(home.env, home.dir, "tokens", "create", "--name", name, "--role", role).out().strip();
        assertThat(t).startsWith("azt_");
        return t;
    }

    @AfterAll
    static void stop() throws Exception {
        if (serve != null) {
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
            assertThat(Files.readString(home.dir.resolve("serve.err"))).doesNotContain("Exception", "\tat ");
            String served = Files.readString(home.dir.resolve("serve.log"));
            for (String secret : HTTP_SECRETS) assertThat(served).as("a secret in the server's log").doesNotContain(secret);
        }
        if (home != null) home.close();
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> cli() {
        return Corpus.files("cli").stream().flatMap(f -> Corpus.lines(f).stream())
                .map(line -> Corpus.test("cli", line, l -> {
                    Corpus.number(l, 0, "exit code");
                    return String.join(" ", Corpus.words(l, Corpus.required(l, 1, "arguments")));
                }, BadInputCorpusIT::check));
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> http() throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        base = out.readLine();
        assertThat(base).as("serve prints where it listens").matches("http://127\\.0\\.0\\.1:\\d+");
        return Corpus.files("http").stream().flatMap(f -> Corpus.lines(f).stream())
                .map(line -> Corpus.test("http", line, l -> {
                    Corpus.number(l, 0, "status");
                    return Corpus.required(l, 1, "method") + " " + Corpus.required(l, 2, "path");
                }, BadInputCorpusIT::checkHttp));
    }

    private static void check(Corpus.Line line) throws IOException {
        Corpus.atMost(line, 4);
        int exit = Corpus.number(line, 0, "exit code");
        if (exit == 0) throw new Corpus.MalformedLine(line, "exit code 0 is not bad input");
        Path tmp = Files.createDirectories(home.dir.resolve("cases").resolve(line.file() + "-" + line.number()));
        Map<String, String> places = new HashMap<>(PLACES);
        places.put("TMP", tmp.toString());
        List<String> args = Corpus.words(line, Corpus.required(line, 1, "arguments")).stream()
                .map(w -> Corpus.expand(line, w, places::get)).toList();
        String fragment = Corpus.expand(line, Corpus.required(line, 2, "stderr fragment"), places::get);
        Map<String, String> env = new HashMap<>(home.env);
        List<String> secrets = new ArrayList<>(SECRETS);
        for (String word : Corpus.words(line, Corpus.optional(line, 3))) {
            String w = Corpus.expand(line, word, places::get);
            if (w.startsWith("!")) {
                env.remove(w.substring(1));
                continue;
            }
            int eq = w.indexOf('=');
            if (eq < 1) throw new Corpus.MalformedLine(line, "environment word '" + word + "' is neither NAME=value nor !NAME");
            env.put(w.substring(0, eq), w.substring(eq + 1));
            if (SECRET_NAME.matcher(w.substring(0, eq)).matches() && eq + 9 <= w.length()) secrets.add(w.substring(eq + 1));
        }
        List<Path> outputs = outputs(args);
        List<Path> existed = outputs.stream().filter(Files::exists).toList();

        CliRun r = CliRun.in(env, home.dir, args.toArray(String[]::new));

        String shown = "exit " + r.exitCode() + "\n--- stderr:\n" + r.err() + "--- stdout:\n" + r.out();
        assertThat(r.exitCode()).as(shown).isEqualTo(exit);
        assertThat(r.err()).as(shown).contains(fragment);
        assertThat(r.out()).as("stdout of a failed command").isEmpty();
        assertThat(r.err()).as("no stack trace").doesNotContain("Exception", "\tat ");
        String logged = Files.exists(log) ? Files.readString(log) : "";
        for (String secret : secrets) {
            assertThat(r.err()).as("a secret on stderr").doesNotContain(secret);
            assertThat(logged).as("a secret in the log").doesNotContain(secret);
        }
        for (Path out : outputs) {
            if (!existed.contains(out)) assertThat(out).as("no output file after a failure").doesNotExist();
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.filter(p -> !existed.contains(p)).toList()).as("nothing left in ${TMP}").isEmpty();
        }
    }

    private static void checkHttp(Corpus.Line line) throws Exception {
        Corpus.atMost(line, 8);
        int status = Corpus.number(line, 0, "status");
        if (status < 400 || status > 599) throw new Corpus.MalformedLine(line, "status " + status + " is not an error");
        String method = Corpus.required(line, 1, "method");
        String path = Corpus.expand(line, Corpus.required(line, 2, "path"), HTTP_PLACES::get);
        String token = Corpus.expand(line, Corpus.required(line, 3, "token"), HTTP_PLACES::get);
        String headers = Corpus.required(line, 4, "headers");
        String body = Corpus.required(line, 5, "body");
        String fragment = Corpus.expand(line, Corpus.required(line, 6, "title or detail fragment"), HTTP_PLACES::get);
        String field = Corpus.optional(line, 7);

        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        boolean typed = false;
        if (!headers.equals("-")) {
            for (String h : Corpus.words(line, headers)) {
                String header = Corpus.expand(line, h, HTTP_PLACES::get);
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
            request.method(method, HttpRequest.BodyPublishers.ofString(Corpus.expand(line, body, HTTP_PLACES::get)));
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
        for (String secret : HTTP_SECRETS) assertThat(r.body()).as("a secret in the answer").doesNotContain(secret);
    }

    /** The paths a command would write: the values of its output flags, as {@code --flag FILE} or {@code --flag=FILE}. */
    private static List<Path> outputs(List<String> args) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            if (OUTPUT_FLAGS.contains(a) && i + 1 < args.size()) out.add(Path.of(args.get(i + 1)));
            else if (eq > 0 && OUTPUT_FLAGS.contains(a.substring(0, eq)) && eq + 1 < a.length()) out.add(Path.of(a.substring(eq + 1)));
        }
        return out.stream().map(p -> p.isAbsolute() ? p : home.dir.resolve(p)).toList();
    }
}
