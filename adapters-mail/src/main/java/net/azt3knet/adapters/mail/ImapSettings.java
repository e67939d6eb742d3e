package net.azt3knet.adapters.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * The IMAP server the agents' mailboxes live on and how the intake watches them.
 *
 * @param security       how the connection is protected; {@link Security#NONE} only for a loopback or private address
 * @param maxConnections how many mailboxes sit in IDLE, one connection each; the rest are polled
 * @param pollConnections how many polled mailboxes are read at once, one short connection each
 * @param checkInterval  how often the polled mailboxes are read
 * @param idleRenew      how long one IDLE lasts before it is re-issued (RFC 2177: under 29 minutes)
 * @param timeout        connect and read timeout (an IDLE connection reads for {@code idleRenew} longer)
 */
record ImapSettings(String host, int port, Security security, int maxConnections, int pollConnections,
                    Duration checkInterval, Duration idleRenew, Duration timeout) {

    /** How the connection to the IMAP server is protected. */
    enum Security {
        /** TLS from the first byte (IMAPS, port 993). */
        TLS,
        /** Plain connection upgraded with STARTTLS, which must succeed (port 143). */
        STARTTLS,
        /** No encryption: a server on this host or a trusted private network only. */
        NONE
    }

    public ImapSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(checkInterval, "checkInterval");
        Objects.requireNonNull(idleRenew, "idleRenew");
        Objects.requireNonNull(timeout, "timeout");
        if (host.isBlank()) throw new IllegalArgumentException("imap host: empty; give the IMAP server's name, e.g. mail.example.org");
        if (port <= 0 || port > 65535) throw new IllegalArgumentException("imap port: " + port + " is not a port; use 1-65535 (993 for TLS, 143 otherwise)");
        if (maxConnections < 0) throw new IllegalArgumentException("imap connections: " + maxConnections + " is negative; use 0 (poll all) or more");
        if (pollConnections < 1) throw new IllegalArgumentException("imap poll connections: " + pollConnections + "; use 1 or more");
        if (!checkInterval.isPositive() || !idleRenew.isPositive() || !timeout.isPositive()) {
            throw new IllegalArgumentException("imap intervals: the check interval, IDLE renewal and timeout must be positive");
        }
    }
}
