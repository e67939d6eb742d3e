package net.azt3knet.ports.out.spool;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP envelope of one message, as the session gave it.
 *
 * @param reversePath the MAIL FROM address; empty for the null sender {@code <>} (bounces)
 * @param recipients  the accepted RCPT TO addresses, in order (at least one)
 * @param submitter   the authenticated user who submitted it; empty for an unauthenticated (inbound) session
 * @param client      the client's IP address
 * @param helo        the name the client gave in EHLO/HELO (may be empty)
 */
public record Envelope(String reversePath, List<String> recipients, Optional<String> submitter, String client, String helo) {

    public Envelope {
        Objects.requireNonNull(reversePath, "reversePath");
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(helo, "helo");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) throw new IllegalArgumentException("an envelope has at least one recipient");
    }
}
