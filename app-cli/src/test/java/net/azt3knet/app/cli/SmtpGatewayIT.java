package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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
    private static final Pattern LISTENING = Pattern.compile("SMTP gateway listening on 127\\.0\\.0\\.1:(\\d+)");

    private static CliHome home;
    private static Map<String, String> env;
    private static Process serve;
    private static int smtpPort;
    private static String password;
    private static Path certs;

    @BeforeAll
    static void start() throws Exception {
        home = CliHome.open("smtp-it-");
        env = new HashMap<>(home.env);
        env.put("DNS_ADDRESS_SOURCE_IPV4", "off");
        env.put("DNS_ADDRESS_SOURCE_IPV6", "off");
        certs = home.dir.resolve("tls");
        CliRun cert = CliRun.in(env, home.dir, "smtp", "cert", "--self-signed", "--host", "localhost", "--out-dir", certs.toString());
        assertThat(cert.exitCode()).as(cert.err()).isZero();
        assertThat(cert.out()).contains("AZT3KNET_SMTP_CERT=" + certs.resolve("cert.pem"), "AZT3KNET_SMTP_KEY=" + certs.resolve("key.pem"));
        assertThat(Files.getPosixFilePermissions(certs.resolve("key.pem")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        CliRun user = CliRun.in(env, home.dir, "smtp-users", "create", "newsletter", "--domain", "news.example.org,Alt.Example.org");
        assertThat(user.exitCode()).as(user.err()).isZero();
        password = user.out().strip();
        assertThat(password).hasSize(43);
        env.put("AZT3KNET_SMTP", "127.0.0.1:0");
        env.put("AZT3KNET_SMTP_HOSTNAME", "gw.example.org");
        env.put("AZT3KNET_SMTP_CERT", certs.resolve("cert.pem").toString());
        env.put("AZT3KNET_SMTP_KEY", certs.resolve("key.pem").toString());
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(),
                "serve", "--http", "127.0.0.1:0").directory(home.dir.toFile()).redirectError(home.dir.resolve("serve.err").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("AZT3KNET_LOG_FILE", home.dir.resolve("serve.log").toString());
        pb.environment().put("PATH", System.getenv("PATH"));
        serve = pb.start();
        String base = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(base).as("serve prints the admin API's address").matches("http://127\\.0\\.0\\.1:\\d+");
        smtpPort = awaitPort(home.dir.resolve("serve.err"));
    }

    private static int awaitPort(Path err) throws Exception {
        for (int i = 0; i < 200; i++) {
            Matcher m = LISTENING.matcher(Files.readString(err));
            if (m.find()) return Integer.parseInt(m.group(1));
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not name the SMTP port: " + Files.readString(err));
    }

    @AfterAll
    static void stop() throws Exception {
        if (serve != null && serve.isAlive()) {
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        }
        if (home != null) home.close();
    }

    @Test
    void aGatewayUserSubmitsAfterStartTlsAndTheMessageIsSpooled() throws Exception {
        String subject = "hello " + System.nanoTime();
        send("newsletter", password, "editor@news.example.org", "reader@elsewhere.example", subject);
        try (Connection c = home.dataSource().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT state, reverse_path, recipients[1], submitter, content FROM smtp_spool"
                     + " WHERE convert_from(content, 'UTF8') LIKE ?")) {
            q.setString(1, "%" + subject + "%");
            try (ResultSet r = q.executeQuery()) {
                assertThat(r.next()).as("the acknowledged message is in the spool").isTrue();
                assertThat(r.getString(1)).isEqualTo("queued");
                assertThat(r.getString(2)).isEqualTo("editor@news.example.org");
                assertThat(r.getString(3)).isEqualTo("reader@elsewhere.example");
                assertThat(r.getString(4)).isEqualTo("newsletter");
                assertThat(new String(r.getBytes(5), StandardCharsets.UTF_8)).startsWith("Received: from ").contains("by gw.example.org with ESMTPSA");
            }
        }
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
        bad.put("AZT3KNET_SMTP", "0.0.0.0:0");
        bad.put("AZT3KNET_SMTP_TRUST_LOOPBACK", "on"); // never an open relay: trust only where no other host connects
        r = CliRun.in(bad, home.dir, "smtp", "serve");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("AZT3KNET_SMTP_TRUST_LOOPBACK=on needs the gateway on a loopback address, but AZT3KNET_SMTP='0.0.0.0:0'")
                .doesNotContain("Exception");
    }

    private static void send(String user, String pass, String from, String to, String subject) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(smtpPort));
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.checkserveridentity", "false"); // the certificate names localhost; we connect to 127.0.0.1
        p.put("mail.smtp.ssl.socketFactory", trustingTheCertificate().getSocketFactory());
        p.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject(subject);
        m.setText("body of " + subject);
        try (Transport t = session.getTransport("smtp")) {
            t.connect(user, pass);
            t.sendMessage(m, m.getAllRecipients());
        }
    }

    /** Trusts the certificate 'smtp cert' wrote, and nothing else: the server must present that one. */
    private static SSLContext trustingTheCertificate() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certs.resolve("cert.pem"))) {
            trust.setCertificateEntry("gw", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }
}
