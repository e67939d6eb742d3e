package net.azt3knet.adapters.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import net.azt3knet.adapters.smtp.SmtpServerSettings.TlsCertificate;

/**
 * A self-signed certificate for localhost made once per test JVM with the JDK's keytool, as a PKCS#12 file and as the
 * PEM pair an operator would bring, and a client context that trusts it (and nothing else).
 */
final class TestCertificates {

    static final String PASSWORD = "changeit";
    private static Path dir;

    private TestCertificates() {
    }

    static synchronized Path directory() {
        if (dir != null) return dir;
        try {
            Path d = Files.createTempDirectory("smtp-certs");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", d.resolve("smtp.p12").toString(), "-storepass", PASSWORD)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IllegalStateException("keytool failed: " + out);
            KeyStore ks = load(d.resolve("smtp.p12"));
            Key key = ks.getKey("smtp", PASSWORD.toCharArray());
            Certificate cert = ks.getCertificate("smtp");
            Files.writeString(d.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(d.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
            dir = d;
            return d;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    static TlsCertificate pkcs12() {
        return new TlsCertificate.Pkcs12(directory().resolve("smtp.p12"), PASSWORD);
    }

    static TlsCertificate pem() {
        return new TlsCertificate.Pem(directory().resolve("cert.pem"), directory().resolve("key.pem"));
    }

    /** A client context that trusts the test certificate only. */
    static SSLContext clientTrust() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("smtp", load(directory().resolve("smtp.p12")).getCertificate("smtp"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, tmf.getTrustManagers(), null);
            return c;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
