package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code azt3knet serve} in its own process, as an operator starts it, for the gateway's ITs: the admin API's address
 * from stdout, the SMTP port from the startup line, and Angus Mail submitting to it after STARTTLS.
 */
final class ServeProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "azt3knet.jar").toAbsolutePath();
    private static final Pattern LISTENING = Pattern.compile("SMTP gateway listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern IMPLICIT_TLS = Pattern.compile("and on 127\\.0\\.0\\.1:(\\d+) \\(implicit TLS\\)");

    final Process process;
    final String baseUrl;
    final Path err;

    private ServeProcess(Process process, String baseUrl, Path err) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.err = err;
    }

    /** The home's environment without the public-address lookups a test machine cannot make. */
    static Map<String, String> offline(CliHome home) {
        Map<String, String> env = new java.util.HashMap<>(home.env);
        env.put("DNS_ADDRESS_SOURCE_IPV4", "off");
        env.put("DNS_ADDRESS_SOURCE_IPV6", "off");
        return env;
    }

    /** Adds the gateway's settings: a free port on 127.0.0.1, the name gw.example.org, the pair 'smtp cert' wrote in {@code certs}. */
    static void listening(Map<String, String> env, Path certs) {
        env.put("AZT3KNET_SMTP", "127.0.0.1:0");
        env.put("AZT3KNET_SMTP_HOSTNAME", "gw.example.org");
        env.put("AZT3KNET_SMTP_CERT", certs.resolve("cert.pem").toString());
        env.put("AZT3KNET_SMTP_KEY", certs.resolve("key.pem").toString());
    }

    /** Starts {@code serve --http 127.0.0.1:0} with {@code env} as its whole environment (and PATH), in {@code dir}. */
    static ServeProcess start(Map<String, String> env, Path dir, String name) throws Exception {
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(),
                "serve", "--http", "127.0.0.1:0").directory(dir.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("AZT3KNET_LOG_FILE", dir.resolve(name + ".log").toString());
        pb.environment().put("PATH", System.getenv("PATH"));
        Process p = pb.start();
        String base = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(base).as("serve prints the admin API's address; stderr: %s", Files.readString(err)).matches("http://127\\.0\\.0\\.1:\\d+");
        return new ServeProcess(p, base, err);
    }

    /** The SMTP port the startup line names. */
    int smtpPort() throws Exception {
        return Integer.parseInt(awaitErr(LISTENING).group(1));
    }

    /** The implicit TLS port the startup line names ({@code AZT3KNET_SMTPS}). */
    int smtpsPort() throws Exception {
        return Integer.parseInt(awaitErr(IMPLICIT_TLS).group(1));
    }

    /** The first match of {@code line} in its stderr, waiting up to 10 s for it. */
    Matcher awaitErr(Pattern line) throws Exception {
        for (int i = 0; i < 200; i++) {
            Matcher m = line.matcher(Files.readString(err));
            if (m.find()) return m;
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not print " + line + ": " + Files.readString(err));
    }

    /** SIGTERM, and it stops within 30 s. */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        }
    }

    /** Submits one message with Angus Mail: STARTTLS (trusting {@code cert} alone), then AUTH as {@code user}. */
    static void send(int port, Path cert, String user, String pass, String from, String to, String subject) throws Exception {
        submit(port, false, cert, user, pass, from, null, subject, to);
    }

    /**
     * Sends with Angus Mail, after STARTTLS on the submission port or in TLS from the first byte on the implicit TLS
     * one ({@code implicitTls}), with AUTH when {@code user} is given, with {@code messageId} when given; returns the
     * server's reply to the message. A refusal throws with every reply the server gave.
     */
    static String submit(int port, boolean implicitTls, Path cert, String user, String pass, String from, String messageId,
                         String subject, String... to) throws Exception {
        return submit(port, implicitTls, cert, user, pass, from, messageId, subject, java.util.Map.of(), to);
    }

    /** As {@link #submit(int, boolean, Path, String, String, String, String, String, String...)}, with extra header fields. */
    static String submit(int port, boolean implicitTls, Path cert, String user, String pass, String from, String messageId,
                         String subject, java.util.Map<String, String> headers, String... to) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.auth", Boolean.toString(user != null));
        p.put("mail.smtp.ssl.enable", Boolean.toString(implicitTls));
        p.put("mail.smtp.starttls.enable", Boolean.toString(!implicitTls));
        p.put("mail.smtp.starttls.required", Boolean.toString(!implicitTls));
        p.put("mail.smtp.ssl.checkserveridentity", "false"); // the certificate names localhost; we connect to 127.0.0.1
        p.put("mail.smtp.ssl.socketFactory", trusting(cert).getSocketFactory());
        p.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                if (messageId == null) super.updateMessageID();
                else setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(new InternetAddress(from));
        for (String r : to) m.addRecipient(Message.RecipientType.TO, new InternetAddress(r));
        m.setSubject(subject);
        m.setText("body of " + subject);
        for (java.util.Map.Entry<String, String> h : headers.entrySet()) m.setHeader(h.getKey(), h.getValue());
        try (org.eclipse.angus.mail.smtp.SMTPTransport t = (org.eclipse.angus.mail.smtp.SMTPTransport) session.getTransport("smtp")) {
            t.connect(user, pass);
            t.sendMessage(m, m.getAllRecipients());
            return t.getLastServerResponse().strip();
        } catch (MessagingException e) {
            StringBuilder replies = new StringBuilder(String.valueOf(e.getMessage()));
            for (Exception next = e.getNextException(); next != null;
                 next = next instanceof MessagingException me ? me.getNextException() : null) {
                replies.append(" / ").append(next.getMessage());
            }
            throw new MessagingException(replies.toString().replaceAll("\\s+", " "), e);
        }
    }

    /** Trusts the certificate 'smtp cert' wrote, and nothing else: the server must present that one. */
    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("gw", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }
}
