package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SMTP gateway as an operator runs it: a certificate from {@code smtp cert --self-signed}, a user from
 * {@code smtp-users create}, {@code serve} with {@code AZT3KNET_SMTP} in its own process, and Angus Mail submitting
 * over a real socket after STARTTLS; what was acknowledged is in the spool.
 */
class SmtpGatewayIT {

    private static final Path JAR = Path.of("target", "azt3knet.jar").toAbsolutePath();

    private static CliHome home;
    private static Map<String, String> env;
    private static ServeProcess serve;
    private static int smtpPort;
    private static int smtpsPort;
    private static String password;
    private static Path certs;
    private static String api;

    @BeforeAll
    static void start() throws Exception {
        home = CliHome.open("smtp-it-");
        env = ServeProcess.offline(home);
        certs = home.dir.resolve("tls");
        CliRun cert = CliRun.in(env, home.dir, "smtp", "cert", "--self-signed", "--host", "localhost", "--out-dir", certs.toString());
        assertThat(cert.exitCode()).as(cert.err()).isZero();
        assertThat(cert.out()).contains("AZT3KNET_SMTP_CERT=" + certs.resolve("cert.pem"), "AZT3KNET_SMTP_KEY=" + certs.resolve("key.pem"));
        assertThat(Files.getPosixFilePermissions(certs.resolve("key.pem")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        CliRun user = CliRun.in(env, home.dir, "smtp-users", "create", "newsletter", "--domain", "news.example.org,Alt.Example.org");
        assertThat(user.exitCode()).as(user.err()).isZero();
        password = user.out().strip();
        assertThat(password).hasSize(43);
        ServeProcess.listening(env, certs);
        env.put("AZT3KNET_SMTPS", "127.0.0.1:0");
        env.put("AZT3KNET_SMTP_RATE_PER_SENDER", "3/h"); // only the rate test sends more than three times from one address
        serve = ServeProcess.start(env, home.dir, "serve");
        smtpPort = serve.smtpPort();
        smtpsPort = serve.smtpsPort();
        api = serve.baseUrl;
    }

    @AfterAll
    static void stop() throws Exception {
        if (serve != null) serve.close();
        if (home != null) home.close();
    }

    @Test
    void aGatewayUserSubmitsAfterStartTlsAndTheMessageIsSpooled() throws Exception {
        String subject = "hello " + System.nanoTime();
        send("newsletter", password, "editor@news.example.org", "reader@elsewhere.example", subject);
        long id;
        try (Connection c = home.dataSource().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT state, reverse_path, recipients[1], submitter, content, sealed, id"
                     + " FROM smtp_spool WHERE reverse_path = ? ORDER BY id DESC LIMIT 1")) {
            q.setString(1, "editor@news.example.org");
            try (ResultSet r = q.executeQuery()) {
                assertThat(r.next()).as("the acknowledged message is in the spool").isTrue();
                assertThat(r.getString(1)).isEqualTo("queued");
                assertThat(r.getString(2)).isEqualTo("editor@news.example.org");
                assertThat(r.getString(3)).isEqualTo("reader@elsewhere.example");
                assertThat(r.getString(4)).isEqualTo("newsletter");
                assertThat(new String(r.getBytes(5), StandardCharsets.ISO_8859_1)).as("sealed at rest").doesNotContain(subject);
                assertThat(r.getBoolean(6)).isTrue();
                id = r.getLong(7);
            }
        }
        CliRun raw = CliRun.in(env, home.dir, "queue", "show", Long.toString(id), "--raw");
        assertThat(raw.exitCode()).as(raw.err()).isZero();
        assertThat(raw.out()).startsWith("Received: from ").contains("by gw.example.org with ESMTPSA").contains("Subject: " + subject);
        // a granted domain is matched whatever its case was at create
        send("newsletter", password, "x@alt.example.org", "reader@elsewhere.example", "second");
    }

    @Test
    void aForeignSenderAWrongPasswordAndARevokedUserAreRefused() throws Exception {
        assertThatThrownBy(() -> send("newsletter", password, "ceo@bank.example", "reader@elsewhere.example", "spoof"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("5.7.1");
        assertThatThrownBy(() -> send("newsletter", password + "x", "editor@news.example.org", "reader@elsewhere.example", "guess"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("535");
        CliRun other = CliRun.in(env, home.dir, "smtp-users", "create", "temp", "--domain", "news.example.org");
        String temp = other.out().strip();
        send("temp", temp, "t@news.example.org", "reader@elsewhere.example", "before revoke");
        assertThat(CliRun.in(env, home.dir, "smtp-users", "revoke", "temp").exitCode()).isZero();
        assertThatThrownBy(() -> send("temp", temp, "t@news.example.org", "reader@elsewhere.example", "after revoke"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("535");
        CliRun list = CliRun.in(env, home.dir, "smtp-users", "list", "--format", "csv");
        assertThat(list.out()).contains("newsletter,", "alt.example.org", "news.example.org").doesNotContain(password);
        assertThat(list.out().lines().filter(l -> l.startsWith("temp,")).findFirst().orElseThrow()).doesNotEndWith(",");
    }

    @Test
    void anAgentSubmitsAsItselfWithItsOwnPasswordsAndNeverAsAnotherAgent() throws Exception {
        CliRun persisted = CliRun.in(env, home.dir, "populate", "--count", "2", "--seed", "smtp-it", "--domain", "agents.example.org", "--persist");
        assertThat(persisted.exitCode()).as(persisted.err()).isZero();
        String population = persisted.out().strip();
        Path plain = home.dir.resolve("creds.csv");
        CliRun export = CliRun.in(env, home.dir, "credentials", "export", "--population", population, "--plaintext", "--out", plain.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        String[] ada = Files.readAllLines(plain).get(1).split(","); // index,username,email,password,app_password
        String[] bob = Files.readAllLines(plain).get(2).split(",");
        send(ada[2], ada[3], ada[2], "someone@elsewhere.example", "from the agent itself");
        send(ada[2].toUpperCase(java.util.Locale.ROOT), ada[4], ada[2], "someone@elsewhere.example", "with its app password");
        assertThatThrownBy(() -> send(ada[2], ada[3], bob[2], "someone@elsewhere.example", "as another agent"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("5.7.1").hasMessageContaining("not owned");
        assertThatThrownBy(() -> send(ada[2], bob[3], ada[2], "someone@elsewhere.example", "with another agent's password"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("535");
        try (Connection c = home.dataSource().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM smtp_spool WHERE submitter = ?")) {
            q.setString(1, ada[2]);
            try (ResultSet r = q.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).as("both accepted messages, nothing else").isEqualTo(2);
            }
        }
    }

    @Test
    void smtpServeWithoutAnAddressListensOnTheSubmissionPortAsRootElseOnAFreeOneAndSaysWhich() throws Exception {
        Map<String, String> plain = new HashMap<>(env);
        plain.remove("AZT3KNET_SMTP");
        plain.remove("AZT3KNET_SMTPS");
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(),
                "smtp", "serve").directory(home.dir.toFile()).redirectError(home.dir.resolve("default.err").toFile());
        pb.environment().clear();
        pb.environment().putAll(plain);
        pb.environment().put("AZT3KNET_LOG_FILE", home.dir.resolve("default.log").toString());
        pb.environment().put("PATH", System.getenv("PATH"));
        Process p = pb.start();
        try {
            String bound = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(bound).as(Files.readString(home.dir.resolve("default.err"))).isNotNull();
            Process id = new ProcessBuilder("id", "-u").start();
            boolean root = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip().equals("0");
            if (root) assertThat(bound).isEqualTo("127.0.0.1:587");
            else assertThat(bound).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo("127.0.0.1:0");
            assertThat(Files.readString(home.dir.resolve("default.err"))).contains("SMTP gateway listening on " + bound);
        } finally {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aSenderOverItsRateIsRefusedWithWhenToTryAgainAndTheDialoguesAreInTheMetrics() throws Exception {
        for (int i = 0; i < 3; i++) send("newsletter", password, "limited@news.example.org", "reader@elsewhere.example", "rate " + i);
        assertThatThrownBy(() -> send("newsletter", password, "limited@news.example.org", "reader@elsewhere.example", "one too many"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("452 4.4.5 Too many messages from <limited@news.example.org>")
                .hasMessageContaining("(at most 3/h); try again in ");
        send("newsletter", password, "other@news.example.org", "reader@elsewhere.example", "another sender");

        CliRun token = CliRun.in(env, home.dir, "tokens", "create", "--name", "scraper", "--role", "read");
        assertThat(token.exitCode()).as(token.err()).isZero();
        java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(api + "/metrics"))
                        .header("Authorization", "Bearer " + token.out().strip()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("azt3knet_smtp_messages_total\\{outcome=\"accepted\"} ([4-9]|\\d\\d)")
                .containsPattern("azt3knet_smtp_messages_total\\{outcome=\"relayed\"} \\d")
                .containsPattern("azt3knet_smtp_replies_total\\{class=\"4xx\",code=\"452\"} [1-9]")
                .containsPattern("azt3knet_smtp_replies_total\\{class=\"2xx\",code=\"235\"} [1-9]")
                .containsPattern("azt3knet_smtp_connections_total\\{outcome=\"accepted\"} ([5-9]|\\d\\d)")
                .containsPattern("azt3knet_smtp_connections_total\\{outcome=\"total\"} 0")
                .containsPattern("azt3knet_smtp_sessions_total\\{outcome=\"(queued|empty)\"} [1-9]")
                .contains("azt3knet_smtp_auth_failures_total{reason=\"credentials\"}");
    }

    @Test
    void badSmtpSettingsStopServeWithExit2NamingTheVariable() {
        Map<String, String> bad = new HashMap<>(env);
        bad.put("AZT3KNET_SMTP", "127.0.0.1");
        CliRun r = CliRun.in(bad, home.dir, "smtp", "serve");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("AZT3KNET_SMTP='127.0.0.1' must be host:port").doesNotContain("Exception");
        bad.put("AZT3KNET_SMTP", "127.0.0.1:0");
        bad.remove("AZT3KNET_SMTP_KEY");
        r = CliRun.in(bad, home.dir, "serve");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("AZT3KNET_SMTP_KEY is not set");
        bad.put("AZT3KNET_SMTP_KEY", certs.resolve("key.pem").toString());
        bad.remove("SECRET_KEY_FOR_KV_ENC"); // the spool is sealed with it: no gateway without it
        for (String[] command : new String[][] {{"smtp", "serve"}, {"serve", "--http", "127.0.0.1:0"}}) {
            r = CliRun.in(bad, home.dir, command);
            assertThat(r.exitCode()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(r.err()).contains("SECRET_KEY_FOR_KV_ENC is not set").contains("azt3knet keys generate").doesNotContain("Exception");
        }
        bad.put("SECRET_KEY_FOR_KV_ENC", home.key);
        bad.put("AZT3KNET_SMTP_KEY", certs.resolve("cert.pem").toString()); // a certificate where the key belongs
        r = CliRun.in(bad, home.dir, "smtp", "serve");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("AZT3KNET_SMTP_CERT/AZT3KNET_SMTP_KEY: smtp key: ").contains("BEGIN PRIVATE KEY");
        bad.put("AZT3KNET_SMTP_KEY", certs.resolve("key.pem").toString());
        bad.put("AZT3KNET_SMTP_MAX_RECIPIENTS", "0");
        r = CliRun.in(bad, home.dir, "smtp", "serve");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("AZT3KNET_SMTP_MAX_RECIPIENTS='0' must be a whole number from 1 to 100000");
        bad.remove("AZT3KNET_SMTP_MAX_RECIPIENTS");
        bad.put("AZT3KNET_SMTP_RATE_PER_USER", "lots");
        r = CliRun.in(bad, home.dir, "smtp", "serve");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("AZT3KNET_SMTP_RATE_PER_USER='lots' is not a rate; write COUNT/PERIOD").doesNotContain("Exception");
        bad.remove("AZT3KNET_SMTP_RATE_PER_USER");
        bad.put("AZT3KNET_SMTP", "0.0.0.0:0");
        bad.put("AZT3KNET_SMTP_TRUST_LOOPBACK", "on"); // never an open relay: trust only where no other host connects
        r = CliRun.in(bad, home.dir, "smtp", "serve");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("AZT3KNET_SMTP_TRUST_LOOPBACK=on needs the gateway on a loopback address, but AZT3KNET_SMTP='0.0.0.0:0'")
                .doesNotContain("Exception");
    }

    @Test
    void mailWithoutAuthReachesAgentsWithALocalMailboxOnceAndNoOneElse() throws Exception {
        CliRun made = CliRun.in(env, home.dir, "populate", "--count", "2", "--seed", "smtp-inbound", "--domain", "inbound.example.org",
                "--create-mailboxes");
        assertThat(made.exitCode()).as(made.err()).isZero();
        String[] local = agents(made.out().strip());
        CliRun stored = CliRun.in(env, home.dir, "populate", "--count", "1", "--seed", "smtp-elsewhere", "--domain", "kept.example.org",
                "--persist");
        String notLocal = agents(stored.out().strip())[0]; // a stored agent without a mailbox here: its mail is not ours to keep
        String id = "<inbound-" + System.nanoTime() + "@client.example>";

        assertThat(submit(null, null, smtpPort, "stranger@elsewhere.example", id, "for you", local[0]))
                .isEqualTo("250 2.0.0 Ok: delivered to 1 local mailbox");
        assertThat(submit(null, null, smtpPort, "stranger@elsewhere.example", id, "for you", local[0]))
                .as("a client resending after a lost reply").isEqualTo("250 2.0.0 Ok: delivered to 1 local mailbox");
        CliRun list = CliRun.in(env, home.dir, "mail", "list", "--agent", local[0], "--format", "json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.out());
        assertThat(rows).as("kept once").hasSize(1);
        assertThat(rows.get(0).get("subject").asText()).isEqualTo("for you");
        assertThat(rows.get(0).get("source").asText()).isEqualTo("smtp");
        assertThat(CliRun.in(env, home.dir, "mail", "show", "--agent", local[0], id).out())
                .startsWith("Received: from ").contains("by gw.example.org with ESMTPS").contains("body of for you");

        assertThatThrownBy(() -> submit(null, null, smtpPort, "typist@elsewhere.example", null, "typo", "nobody@inbound.example.org"))
                .hasMessageContaining("550 5.1.1 <nobody@inbound.example.org>: Recipient address rejected");
        assertThatThrownBy(() -> submit(null, null, smtpPort, "relayer@elsewhere.example", null, "relay", "someone@elsewhere.example"))
                .hasMessageContaining("550 5.7.1 <someone@elsewhere.example>: Relay access denied");
        assertThatThrownBy(() -> submit(null, null, smtpPort, "other@elsewhere.example", null, "relay", notLocal))
                .hasMessageContaining("550 5.7.1");
        assertThat(spooledTo("someone@elsewhere.example")).isZero();

        String mixed = "<mixed-" + System.nanoTime() + "@news.example.org>";
        assertThat(submit("newsletter", password, smtpsPort, "editor@news.example.org", mixed, "to both", local[1], "reader@remote.example"))
                .as("over implicit TLS, with AUTH at once").matches("250 2\\.0\\.0 Ok: queued as \\d+");
        assertThat(spooledTo("reader@remote.example")).isEqualTo(1);
        assertThat(spooledTo(local[1])).as("the local copy is not relayed").isZero();
        assertThat(CliRun.in(env, home.dir, "mail", "show", "--agent", local[1], mixed).out()).contains("with ESMTPSA").contains("body of to both");
    }

    private static String[] agents(String population) throws Exception {
        CliRun list = CliRun.in(env, home.dir, "agents", "list", "--population", population, "--format", "json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.out());
        String[] out = new String[rows.size()];
        for (int i = 0; i < out.length; i++) out[i] = rows.get(i).get("email").asText();
        return out;
    }

    private static int spooledTo(String recipient) throws Exception {
        try (Connection c = home.dataSource().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM smtp_spool WHERE ? = ANY(recipients)")) {
            q.setString(1, recipient);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static void send(String user, String pass, String from, String to, String subject) throws Exception {
        submit(user, pass, smtpPort, from, null, subject, to);
    }

    private static String submit(String user, String pass, int port, String from, String messageId, String subject, String... to)
            throws Exception {
        return ServeProcess.submit(port, port == smtpsPort, certs.resolve("cert.pem"), user, pass, from, messageId, subject, to);
    }
}
