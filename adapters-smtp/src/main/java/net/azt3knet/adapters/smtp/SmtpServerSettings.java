package net.azt3knet.adapters.smtp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the SMTP gateway listens and what it allows in one dialogue.
 *
 * @param bindHost                the address to listen on ({@code 127.0.0.1}, {@code 0.0.0.0}, …)
 * @param port                    the port; 0 picks a free one ({@link SubethaSmtpServer#port()} says which)
 * @param hostName                the name in the greeting and in the Received header
 * @param tls                     the certificate STARTTLS offers; needed unless {@code plaintextOnLoopback}
 * @param plaintextOnLoopback     tests and local scripts only: no STARTTLS required and AUTH offered without it; refused
 *                                unless {@code bindHost} is a loopback address
 * @param maxMessageBytes         SIZE, advertised and enforced (552 5.3.4)
 * @param maxRecipients           recipients per message (452 4.5.3 beyond)
 * @param maxMessagesPerSession   messages per connection (452 4.7.0 beyond: the client opens a new one)
 * @param maxConnections          connections in total
 * @param maxConnectionsPerClient connections from one client address
 * @param timeout                 how long a client may stay silent (commands and data)
 * @param trustLoopback           clients on this host may submit without STARTTLS or AUTH, as any sender (Postfix's
 *                                {@code mynetworks = 127.0.0.0/8}), for local applications and load generators that
 *                                speak neither; refused unless {@code bindHost} is a loopback address
 */
public record SmtpServerSettings(String bindHost, int port, String hostName, Optional<TlsCertificate> tls,
                                 boolean plaintextOnLoopback, int maxMessageBytes, int maxRecipients,
                                 int maxMessagesPerSession, int maxConnections, int maxConnectionsPerClient,
                                 Duration timeout, boolean trustLoopback) {

    /** 25 MB, as the providers the gateway relays to accept. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

    public SmtpServerSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(timeout, "timeout");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("smtp port: " + port + " is not a port; use 1-65535, or 0 for a free one");
        positive("smtp max message bytes", maxMessageBytes);
        positive("smtp max recipients", maxRecipients);
        positive("smtp max messages per session", maxMessagesPerSession);
        positive("smtp max connections", maxConnections);
        positive("smtp max connections per client", maxConnectionsPerClient);
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("smtp timeout: must be positive, not " + timeout);
        if (tls.isEmpty() && !plaintextOnLoopback && !trustLoopback) {
            throw new IllegalArgumentException("smtp certificate: STARTTLS needs one; give a PEM certificate and key or a PKCS#12 file");
        }
    }

    /** Without {@code trustLoopback}: every client authenticates to relay. */
    public SmtpServerSettings(String bindHost, int port, String hostName, Optional<TlsCertificate> tls, boolean plaintextOnLoopback,
                              int maxMessageBytes, int maxRecipients, int maxMessagesPerSession, int maxConnections,
                              int maxConnectionsPerClient, Duration timeout) {
        this(bindHost, port, hostName, tls, plaintextOnLoopback, maxMessageBytes, maxRecipients, maxMessagesPerSession,
                maxConnections, maxConnectionsPerClient, timeout, false);
    }

    /** Whether commands are taken without STARTTLS (either loopback override). */
    boolean plaintext() {
        return plaintextOnLoopback || trustLoopback;
    }

    private static void positive(String field, int value) {
        if (value <= 0) throw new IllegalArgumentException(field + ": must be at least 1, not " + value);
    }

    /** Submission defaults on {@code bindHost:port} with the given certificate. */
    public static SmtpServerSettings submission(String bindHost, int port, String hostName, TlsCertificate tls) {
        return new SmtpServerSettings(bindHost, port, hostName, Optional.of(tls), false, DEFAULT_MAX_MESSAGE_BYTES, 100, 100,
                1000, 20, Duration.ofMinutes(5));
    }

    /** The certificate and private key STARTTLS presents. */
    public sealed interface TlsCertificate {

        /** A PEM certificate chain (leaf first) and its unencrypted PKCS#8 PEM private key. */
        record Pem(Path certificateChain, Path privateKey) implements TlsCertificate {
        }

        /** A PKCS#12 file holding one key entry, and its password. */
        record Pkcs12(Path file, String password) implements TlsCertificate {
            @Override
            public String toString() {
                return "Pkcs12[file=" + file + ", password=***]";
            }
        }
    }
}
