package net.azt3knet.adapters.smtp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An SMTP server the gateway relays through (Mailcow, Postfix, any MTA).
 *
 * @param security how the connection is protected; {@link Security#NONE} only for a smarthost on this host or a private network
 * @param username AUTH user, when the smarthost wants one (the password then too)
 * @param heloName the name this side gives in EHLO
 * @param timeout  connect, read and write timeout
 */
public record SmarthostSettings(String host, int port, Security security, Optional<String> username, Optional<String> password,
                                String heloName, Duration timeout) {

    /** How the connection to the smarthost is protected. */
    public enum Security {
        /** Plain connection upgraded with STARTTLS, which must succeed (port 587/25). */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        TLS,
        /** No encryption: a smarthost on this host or a trusted private network only. */
        NONE
    }

    public SmarthostSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(timeout, "timeout");
        if (host.isBlank()) throw new IllegalArgumentException("smarthost host: empty; give the MTA's host name, e.g. mail.example.org");
        if (port <= 0 || port > 65535) throw new IllegalArgumentException("smarthost port: " + port + " is not a port; use 1-65535 (587 for STARTTLS, 465 for TLS)");
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("smarthost credentials: give both a username and a password, or neither");
        }
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("smarthost timeout: must be positive, not " + timeout);
    }

    @Override
    public String toString() {
        return "SmarthostSettings[" + host + ":" + port + ", " + security + ", user=" + username.orElse("-") + ", password=***]";
    }
}
