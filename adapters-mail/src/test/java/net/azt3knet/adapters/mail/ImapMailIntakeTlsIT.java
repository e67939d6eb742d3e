package net.azt3knet.adapters.mail;

import static net.azt3knet.adapters.mail.ImapMailIntakeIT.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import net.azt3knet.adapters.mail.ImapMailIntakeIT.RecordingSource;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.mail.MailIntake;
import net.azt3knet.ports.out.mail.MailIntake.Mailbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The intake's TLS against GreenMail's IMAPS with a certificate for 127.0.0.1 only (made with the JDK's keytool), so
 * that connecting by the name localhost shows the host name is checked; and STARTTLS against plain IMAP.
 */
class ImapMailIntakeTlsIT {

    private static final String PASSWORD = "changeit";
    private static final String PW = "mo-secret-pw";
    private static Path keystore;
    private GreenMail greenMail;

    /** GreenMail reads its keystore once per JVM, when its first TLS server starts: set before any does. */
    @BeforeAll
    static void certificate() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("imap-certs");
        keystore = dir.resolve("imap.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "imap", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=imap test", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("keytool failed: " + out);
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, keystore.toString());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, PASSWORD);
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY, PASSWORD);
    }

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()});
        greenMail.start();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    /** Trusts the test certificate and nothing else. */
    private static SSLSocketFactory trustingTheTestCertificate() throws IOException, GeneralSecurityException {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            server.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("imap", server.getCertificate("imap"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c.getSocketFactory();
    }

    private ImapMailIntake intake(String host, int port, ImapSettings.Security security, Optional<SSLSocketFactory> trust) {
        return new ImapMailIntake(new ImapSettings(host, port, security, 1, 4, Duration.ofMinutes(10), Duration.ofMinutes(25),
                Duration.ofSeconds(5)), trust);
    }

    private Mailbox user(String name) {
        greenMail.setUser(name + "@agents.example", name, PW);
        return new Mailbox(name + "@agents.example", name, Secret.of(PW));
    }

    @Test
    void tlsWithTheServersCertificateTrustedReadsMailInIdle() throws Exception {
        Mailbox a = user("mo");
        GreenMailUtil.sendTextEmail(a.address(), "friend@example.net", "over tls", "body", greenMail.getSmtp().getServerSetup());
        ImapMailIntake intake = intake("127.0.0.1", greenMail.getImaps().getPort(), ImapSettings.Security.TLS, Optional.of(trustingTheTestCertificate()));
        intake.check(Optional.empty());
        intake.check(Optional.of(a));
        RecordingSource source = new RecordingSource();
        source.mailboxes.add(a);
        try (MailIntake.Watch w = intake.watch(source)) {
            await(Duration.ofSeconds(10), () -> source.of(a.address()).size() == 1);
            assertThat(w.idling()).isEqualTo(1);
        }
        assertThat(source.of(a.address())).containsExactly("over tls");
    }

    @Test
    void tlsChecksTheServersNameAgainstItsCertificate() throws Exception {
        Mailbox a = user("nia");
        // trusted, but issued for 127.0.0.1 only: reached as localhost it is refused
        ImapMailIntake byName = intake("localhost", greenMail.getImaps().getPort(), ImapSettings.Security.TLS, Optional.of(trustingTheTestCertificate()));
        assertThatThrownBy(() -> byName.check(Optional.of(a))).hasMessageContaining("TLS failed").hasMessageContaining("IMAP_SECURITY")
                .hasMessageNotContaining(PW);
        assertThatThrownBy(() -> byName.check(Optional.empty())).hasMessageContaining("TLS failed").hasMessageContaining("IMAP_SECURITY");
    }

    @Test
    void tlsWithTheJvmsTrustRefusesTheSelfSignedServerWithoutThePassword() {
        Mailbox a = user("oli");
        ImapMailIntake intake = intake("127.0.0.1", greenMail.getImaps().getPort(), ImapSettings.Security.TLS, Optional.empty());
        assertThatThrownBy(() -> intake.check(Optional.of(a))).hasMessageContaining("TLS failed").hasMessageContaining("IMAP_SECURITY")
                .hasMessageNotContaining(PW);
        assertThatThrownBy(() -> intake.check(Optional.empty())).hasMessageContaining("TLS failed").hasMessageContaining("IMAP_SECURITY");
    }

    @Test
    void starttlsIsRefusedWhenTheServerDoesNotOfferItAndNothingIsReadInClear() throws Exception {
        Mailbox a = user("pat");
        GreenMailUtil.sendTextEmail(a.address(), "friend@example.net", "not in clear", "body", greenMail.getSmtp().getServerSetup());
        ImapMailIntake intake = intake("127.0.0.1", greenMail.getImap().getPort(), ImapSettings.Security.STARTTLS, Optional.of(trustingTheTestCertificate()));
        assertThatThrownBy(() -> intake.check(Optional.of(a))).hasMessageContaining("does not offer STARTTLS")
                .hasMessageContaining("IMAP_SECURITY").hasMessageNotContaining(PW);
        assertThatThrownBy(() -> intake.check(Optional.empty())).hasMessageContaining("does not offer STARTTLS");
        RecordingSource source = new RecordingSource();
        source.mailboxes.add(a);
        try (MailIntake.Watch w = intake.watch(source)) {
            Thread.sleep(2000);
            assertThat(w.idling()).as("given the IDLE budget, but never connected").isZero();
        }
        assertThat(source.of(a.address())).isEmpty();
    }
}
