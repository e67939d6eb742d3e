package net.azt3knet.domain.responder;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A reply as it will be written (RFC 5322, {@code multipart/alternative} with a text and an HTML part). The codec adds
 * {@code Auto-Submitted: auto-replied} and the automation headers to every message it writes; {@code extraHeaders} is
 * for anything else the caller wants stamped.
 *
 * @param messageId  the new Message-ID without brackets ({@code <random>@<agent's domain>})
 * @param from       the agent's address
 * @param fromName   the agent's display name
 * @param to         the address answered (the incoming Reply-To, else From)
 * @param subject    the subject ({@code Re: …})
 * @param date       the Date header
 * @param inReplyTo  the parent's Message-ID
 * @param references the parent's References followed by the parent's Message-ID
 * @param text       the text part
 * @param html       the HTML part
 * @param extraHeaders further header fields, in order
 */
public record OutgoingMail(String messageId, String from, String fromName, String to, String subject, Instant date,
                           String inReplyTo, List<String> references, String text, String html,
                           List<IncomingMail.Header> extraHeaders) {
    public OutgoingMail {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(fromName, "fromName");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(inReplyTo, "inReplyTo");
        references = List.copyOf(references);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        extraHeaders = List.copyOf(extraHeaders);
    }
}
