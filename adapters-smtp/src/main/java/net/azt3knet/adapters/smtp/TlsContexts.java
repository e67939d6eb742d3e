package net.azt3knet.adapters.smtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import net.azt3knet.adapters.smtp.SmtpServerSettings.TlsCertificate;

/** An {@link SSLContext} from the operator's certificate files, with messages that say which file is wrong and how. */
final class TlsContexts {

    private static final char[] IN_MEMORY = "azt3knet".toCharArray();

    private TlsContexts() {
    }

    static SSLContext server(TlsCertificate certificate) {
        KeyStore keys = switch (certificate) {
            case TlsCertificate.Pem pem -> fromPem(pem);
            case TlsCertificate.Pkcs12 p12 -> fromPkcs12(p12);
        };
        char[] password = certificate instanceof TlsCertificate.Pkcs12 p ? p.password().toCharArray() : IN_MEMORY;
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("smtp certificate: cannot use its key (" + e.getMessage() + ")", e);
        }
    }

    private static KeyStore fromPkcs12(TlsCertificate.Pkcs12 p12) {
        try (InputStream in = Files.newInputStream(p12.file())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, p12.password().toCharArray());
            return ks;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("smtp certificate: no PKCS#12 file at " + p12.file(), e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("smtp certificate: " + p12.file() + " is not a PKCS#12 file this password opens", e);
        }
    }

    private static KeyStore fromPem(TlsCertificate.Pem pem) {
        Collection<? extends Certificate> chain;
        try {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem.certificateChain())));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("smtp certificate: no file at " + pem.certificateChain(), e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("smtp certificate: " + pem.certificateChain() + " holds no PEM certificate", e);
        }
        if (chain.isEmpty()) throw new IllegalArgumentException("smtp certificate: " + pem.certificateChain() + " holds no PEM certificate");
        PrivateKey key = privateKey(pem);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("smtp", key, IN_MEMORY, chain.toArray(Certificate[]::new));
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("smtp certificate: the key in " + pem.privateKey() + " does not fit the certificate", e);
        }
    }

    private static PrivateKey privateKey(TlsCertificate.Pem pem) {
        String text;
        try {
            text = Files.readString(pem.privateKey());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("smtp key: no file at " + pem.privateKey(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("smtp key: cannot read " + pem.privateKey() + " (" + e.getMessage() + ")", e);
        }
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("smtp key: " + pem.privateKey() + " holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY);"
                    + " convert it with: openssl pkcs8 -topk8 -nocrypt -in <key> -out <new key>");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm: PKCS#8 names it, but KeyFactory wants to be told
            }
        }
        throw new IllegalArgumentException("smtp key: " + pem.privateKey() + " is not an RSA, EC or Ed25519 key");
    }
}
