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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two master keys on one database (embedded PostgreSQL): every write that seals or opens credentials under the key
 * the stored credentials are not sealed under is refused, by the CLI with exit 2 and by the admin API with a 409,
 * naming both key ids and the rotation, and writes nothing; the credentials still export, unchanged, with the right
 * key; after a rotation the new key writes and the old one is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MasterKeyMismatchIT {

    private static final Pattern KEY_ID = Pattern.compile("key_id=(k-[0-9a-f]{16})");
    private static final Pattern REFUSAL = Pattern.compile("the master key in use \\(key (k-[0-9a-f]{16})\\) is not the key this"
            + " database's credentials are sealed under \\(key (k-[0-9a-f]{16})\\), so nothing was written");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static CliHome held;
    private static Map<String, String> env;
    private static Map<String, String> other;
    private static String keyA;
    private static String keyB;
    /** Id of the key the database's credentials are sealed under. */
    private static String idA;
    /** Id of the other key, learnt from the first refusal and checked against the rotation's report. */
    private static String idB;
    private static String withMailboxes;
    private static String withoutMailboxes;
    private static List<String> credentials;
    private static String before;

    @BeforeAll
    static void start() throws IOException {
        held = CliHome.open("key-it-");
        env = new HashMap<>(held.env);
        keyA = held.key;
        keyB = az("keys", "generate").out().strip();
        other = new HashMap<>(env);
        other.put("SECRET_KEY_FOR_KV_ENC", keyB);

        CliRun made = az("populate", "--count", "12", "--seed", "key-it", "--domain", "key.example.org", "--create-mailboxes");
        assertThat(made.exitCode()).as(made.err()).isZero();
        withMailboxes = made.out().strip();
        String persisted = az("audit", "list", "--action", "population.persist", "--format", "csv").out();
        Matcher id = KEY_ID.matcher(persisted);
        assertThat(id.find()).as(persisted).isTrue();
        idA = id.group(1);
        CliRun stored = az("populate", "--count", "8", "--seed", "key-it-2", "--domain", "key2.example.org", "--persist");
        assertThat(stored.exitCode()).as(stored.err()).isZero();
        withoutMailboxes = stored.out().strip();
        credentials = export(env);
        before = state();
    }

    @AfterAll
    static void stop() {
        if (held != null) held.close();
    }

    private static CliRun az(String... args) {
        return CliRun.in(env, held.dir, args);
    }

    private static CliRun underB(String... args) {
        return CliRun.in(other, held.dir, args);
    }

    /** Both populations' credentials as exported under {@code keys}' master key. */
    private static List<String> export(Map<String, String> keys) throws IOException {
        Path out = held.dir.resolve("export.csv");
        StringBuilder all = new StringBuilder();
        for (String population : List.of(withMailboxes, withoutMailboxes)) {
            CliRun r = CliRun.in(keys, held.dir, "credentials", "export", "--population", population, "--plaintext", "--out", out.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            all.append(Files.readString(out));
            Files.delete(out);
        }
        return all.toString().lines().toList();
    }

    /** What a write would change: the populations, the audit trail, the mailbox ledger. */
    private static String state() {
        return az("populations", "list", "--format", "csv").out() + az("audit", "list", "--format", "csv").out()
                + az("mailboxes", "list", "--population", withMailboxes, "--format", "csv").out()
                + az("mailboxes", "list", "--population", withoutMailboxes, "--format", "csv").out();
    }

    private static void assertRefusedNamingBothKeys(String message) {
        Matcher m = REFUSAL.matcher(message);
        assertThat(m.find()).as(message).isTrue();
        assertThat(m.group(2)).isEqualTo(idA);
        assertThat(m.group(1)).isNotEqualTo(idA);
        if (idB == null) idB = m.group(1);
        assertThat(m.group(1)).isEqualTo(idB);
        assertThat(message).contains("azt3knet keys rotate").doesNotContain(keyA, keyB, "Exception");
    }

    private static void assertRefused(CliRun r) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertRefusedNamingBothKeys(r.err());
    }

    private static void assertNothingWritten() throws IOException {
        assertThat(state()).isEqualTo(before);
        assertThat(export(env)).as("the credentials, exported with the right key").isEqualTo(credentials);
        before = state(); // the exports are audited
    }

    @Test
    @Order(1)
    void populatePersistUnderAnotherKeyIsRefused() throws IOException {
        assertRefused(underB("populate", "--count", "5", "--seed", "key-it-b", "--domain", "keyb.example.org", "--persist"));
        assertRefused(underB("populate", "--count", "5", "--seed", "key-it-b", "--domain", "keyb.example.org", "--create-mailboxes"));
        assertNothingWritten();
    }

    @Test
    @Order(2)
    void rotatePasswordUnderAnotherKeyIsRefused() throws IOException {
        assertRefused(underB("mailboxes", "rotate-password", "--population", withMailboxes, "--agent", "3"));
        assertRefused(underB("mailboxes", "rotate-password", "--population", withMailboxes));
        assertNothingWritten();
    }

    @Test
    @Order(3)
    void mailboxesApplyUnderAnotherKeyIsRefused() throws IOException {
        assertRefused(underB("mailboxes", "apply", "--population", withoutMailboxes));
        assertRefused(underB("mailboxes", "apply", "--population", withMailboxes));
        assertNothingWritten();
        assertThat(az("mailboxes", "plan", "--population", withoutMailboxes).out()).contains("8 to create");
    }

    @Test
    @Order(4)
    void recreateUnderAnotherKeyIsRefused() throws IOException {
        Path spec = held.dir.resolve("spec.json");
        Files.writeString(spec, "{\"count\":5,\"seed\":\"key-it-recreate\",\"domain\":\"keyr.example.org\"}");
        assertRefused(underB("recreate", "--spec", spec.toString(), "--provider", "local"));
        assertRefused(underB("recreate", "--population", withMailboxes, "--provider", "local"));
        assertNothingWritten();
    }

    @Test
    @Order(5)
    void theAdminApiAnswersAConflictBeforeQueuingAnything() throws Exception {
        String admin = az("tokens", "create", "--name", "ops", "--role", "admin").out().strip();
        before = state();
        Map<String, String> serveEnv = new HashMap<>(other);
        serveEnv.put("AZT3KNET_LOG_FILE", held.dir.resolve("serve.log").toString());
        serveEnv.put("DNS_ADDRESS_SOURCE_IPV4", "off");
        serveEnv.put("DNS_ADDRESS_SOURCE_IPV6", "off");
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                Path.of("target", "azt3knet.jar").toAbsolutePath().toString(), "serve", "--http", "127.0.0.1:0")
                .directory(held.dir.toFile()).redirectError(held.dir.resolve("serve.err").toFile());
        pb.environment().clear();
        pb.environment().putAll(serveEnv);
        pb.environment().put("PATH", System.getenv("PATH"));
        Process serve = pb.start();
        try {
            String base = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(base).as("serve prints where it listens").matches("http://127\\.0\\.0\\.1:\\d+");
            for (String[] request : List.of(
                    new String[] {"/api/populate", "{\"count\": 5, \"seed\": \"key-it-http\", \"domain\": \"keyh.example.org\", \"persist\": true}"},
                    new String[] {"/api/populate", "{\"count\": 5, \"seed\": \"key-it-http\", \"domain\": \"keyh.example.org\","
                            + " \"create_mailboxes\": true}"},
                    new String[] {"/api/populations/" + withoutMailboxes + "/mailboxes:apply", "{\"provider\": \"local\"}"},
                    new String[] {"/api/recreate", "{\"population\": \"" + withMailboxes + "\", \"provider\": \"local\"}"})) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + request[0])).timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request[1])).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(request[0] + ": " + r.body()).isEqualTo(409);
                assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                JsonNode problem = new ObjectMapper().readTree(r.body());
                assertThat(problem.get("status").asInt()).isEqualTo(409);
                assertRefusedNamingBothKeys(problem.get("detail").asText());
            }
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        }
        assertNothingWritten();
    }

    @Test
    @Order(6)
    void afterTheRotationTheNewKeyWritesAndTheOldOneIsRefused() throws IOException {
        Path newKey = held.dir.resolve("new.key");
        Files.writeString(newKey, keyB + "\n");
        CliRun rotate = az("keys", "rotate", "--new-key-file", newKey.toString());
        assertThat(rotate.exitCode()).as(rotate.err()).isZero();
        assertThat(rotate.err()).contains("credentials and 0 stored messages from key " + idA + " to " + idB);
        assertThat(export(other)).as("the same credentials, now under the other key").isEqualTo(credentials);

        CliRun persisted = underB("populate", "--count", "5", "--seed", "key-it-b", "--domain", "keyb.example.org", "--persist");
        assertThat(persisted.exitCode()).as(persisted.err()).isZero();
        assertThat(az("audit", "list", "--action", "population.persist", "--population", persisted.out().strip(), "--format", "csv").out())
                .contains("key_id=" + idB);
        CliRun rotated = underB("mailboxes", "rotate-password", "--population", withMailboxes, "--agent", "3");
        assertThat(rotated.exitCode()).as(rotated.err()).isZero();

        CliRun old = az("populate", "--count", "5", "--seed", "key-it-a", "--domain", "keya.example.org", "--persist");
        assertThat(old.exitCode()).isEqualTo(2);
        assertThat(old.err()).contains("the master key in use (key " + idA + ") is not the key this database's credentials are"
                + " sealed under (key " + idB + ")");
    }
}
