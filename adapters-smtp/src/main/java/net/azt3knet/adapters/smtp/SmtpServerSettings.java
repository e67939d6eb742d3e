package net.azt3knet.adapters.smtp;

import java.net.InetSocketAddress;
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
 * @param implicitTls             a second listener with TLS from the first byte (port 465, RFC 8314), same handler and
 *                                limits, AUTH offered at once; needs {@code tls}. Empty: STARTTLS only
 * @param ratePerUser             messages one authenticated user may send (451 4.7.1 beyond); empty: unlimited
 * @param ratePerSender           messages from one envelope sender (452 4.4.5 beyond); empty: unlimited
 * @param trustLoopback           clients on this host may submit without STARTTLS or AUTH, as any sender (Postfix's
 *                                {@code mynetworks = 127.0.0.0/8}), for local applications and load generators that
 *                                speak neither; refused unless {@code bindHost} is a loopback address
 */
public record SmtpServerSettings(String bindHost, int port, String hostName, Optional<TlsCertificate> tls,
                                 boolean plaintextOnLoopback, int maxMessageBytes, int maxRecipients,
                                 int maxMessagesPerSession, int maxConnections, int maxConnectionsPerClient,
                                 Duration timeout, Optional<InetSocketAddress> implicitTls, Optional<Rate> ratePerUser,
                                 Optional<Rate> ratePerSender, boolean trustLoopback) {

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
        Objects.requireNonNull(ratePerUser, "ratePerUser");
        Objects.requireNonNull(ratePerSender, "ratePerSender");
        if (tls.isEmpty() && !plaintextOnLoopback && !trustLoopback) {
            throw new IllegalArgumentException("smtp certificate: STARTTLS needs one; give a PEM certificate and key or a PKCS#12 file");
        }
        Objects.requireNonNull(implicitTls, "implicitTls");
        if (implicitTls.isPresent() && tls.isEmpty()) {
            throw new IllegalArgumentException("smtp implicit TLS: needs a certificate; give a PEM certificate and key or a PKCS#12 file");
        }
    }

    /** Without the implicit TLS listener, rates or trusted loopback clients. */
    public SmtpServerSettings(String bindHost, int port, String hostName, Optional<TlsCertificate> tls, boolean plaintextOnLoopback,
                              int maxMessageBytes, int maxRecipients, int maxMessagesPerSession, int maxConnections,
                              int maxConnectionsPerClient, Duration timeout) {
        this(bindHost, port, hostName, tls, plaintextOnLoopback, maxMessageBytes, maxRecipients, maxMessagesPerSession,
                maxConnections, maxConnectionsPerClient, timeout, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    /** These settings with the implicit TLS listener on {@code host:port} (0 picks a free port). */
    public SmtpServerSettings withImplicitTls(String host, int port) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("smtp implicit TLS port: " + port + " is not a port; use 1-65535, or 0 for a free one");
        return new SmtpServerSettings(bindHost, this.port, hostName, tls, plaintextOnLoopback, maxMessageBytes, maxRecipients,
                maxMessagesPerSession, maxConnections, maxConnectionsPerClient, timeout,
                Optional.of(InetSocketAddress.createUnresolved(Objects.requireNonNull(host, "host"), port)), ratePerUser, ratePerSender,
                trustLoopback);
    }

    /** These settings with the given per-user and per-sender rates. */
    public SmtpServerSettings withRates(Optional<Rate> perUser, Optional<Rate> perSender) {
        return new SmtpServerSettings(bindHost, port, hostName, tls, plaintextOnLoopback, maxMessageBytes, maxRecipients,
                maxMessagesPerSession, maxConnections, maxConnectionsPerClient, timeout, implicitTls, perUser, perSender, trustLoopback);
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
                1000, 20, Duration.ofMinutes(5)).withRates(Optional.of(DEFAULT_RATE), Optional.of(DEFAULT_RATE));
    }

    /** Generous: far above a person or an application's normal sending, it stops a runaway loop or a stolen password. */
    public static final Rate DEFAULT_RATE = new Rate(1_000_000, Duration.ofHours(1));

    /**
     * At most {@code messages} per {@code period}, counted in fixed windows from the first message of a user or sender
     * (each accepted {@code MAIL FROM} counts, as Postfix's anvil counts them).
     */
    public record Rate(int messages, Duration period) {
        public Rate {
            Objects.requireNonNull(period, "period");
            if (messages <= 0) throw new IllegalArgumentException("smtp rate: at least 1 message per period, not " + messages);
            if (period.compareTo(Duration.ofSeconds(1)) < 0) throw new IllegalArgumentException("smtp rate: the period must be at least 1s, not " + period);
        }

        /** As operators write it: {@code 600/h}, {@code 100/10m}. */
        @Override
        public String toString() {
            long s = period.toSeconds();
            String unit = s % 86_400 == 0 ? s / 86_400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
            return messages + "/" + (unit.startsWith("1") && unit.length() == 2 ? unit.substring(1) : unit);
        }
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
