package net.azt3knet.adapters.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A self-signed certificate for development, made with the JDK's keytool (the JDK has no public API that signs a
 * certificate, and no library is added for a development convenience): an EC P-256 key and a certificate for one
 * host name or IPv4 address, written as the PEM pair {@link SmtpServerSettings.TlsCertificate.Pem} reads (key mode 0600).
 */
final class SelfSignedCertificate {

    private static final Pattern HOST = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private SelfSignedCertificate() {
    }

    /**
     * Writes {@code cert.pem} and {@code key.pem} into {@code dir} (created when missing), valid for {@code days}.
     *
     * @throws IllegalArgumentException when {@code host} is no host name or IPv4 address, or a file exists already
     */
    static SmtpServerSettings.TlsCertificate.Pem write(String host, Path dir, int days) throws IOException {
        Objects.requireNonNull(dir, "dir");
        boolean ip = IPV4.matcher(host).matches();
        if (!ip && !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("--host '" + host + "' is not a host name or IPv4 address, e.g. gw.example.org or 127.0.0.1");
        }
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        for (Path p : new Path[] {cert, key}) {
            if (Files.exists(p)) throw new IllegalArgumentException(p + " exists already; choose another --out-dir or remove it");
        }
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory("azt3knet-cert");
        Path store = work.resolve("smtp.p12");
        byte[] random = new byte[18];
        new java.security.SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().encodeToString(random);
        try {
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            String san = (ip ? "ip:" : "dns:") + host;
            ProcessBuilder pb = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + host, "-ext", "san=" + san, "-validity", Integer.toString(days),
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass:env", "AZT3KNET_KEYTOOL_PASS")
                    .redirectErrorStream(true);
            pb.environment().put("AZT3KNET_KEYTOOL_PASS", password); // by environment: a command line is readable by other users
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IOException("keytool failed: " + out.strip());
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, password.toCharArray());
            }
            Key k = ks.getKey("smtp", password.toCharArray());
            Certificate c = ks.getCertificate("smtp");
            Files.writeString(cert, pem("CERTIFICATE", c.getEncoded()));
            try {
                Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) { // a file system without POSIX modes: no mode to set
                Files.createFile(key);
            }
            Files.writeString(key, pem("PRIVATE KEY", k.getEncoded()));
            return new SmtpServerSettings.TlsCertificate.Pem(cert, key);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key keytool made: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(work);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
