package net.azt3knet.domain.responder;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One received message as the responder reads it: the headers the filters look at, the addresses, the text and what
 * is attached (names, types and sizes only). Built by a {@code MessageCodec} from the raw message; everything here is
 * untrusted input.
 *
 * @param messageId  the Message-ID without angle brackets, or a {@code sha256:} digest of the raw message when it had none
 * @param from       the From address, lower case ({@code ""} when missing or unreadable)
 * @param fromName   the From display name, decoded ({@code ""} when none)
 * @param returnPath the Return-Path address; {@code Optional.of("")} for the null path {@code <>}, empty when absent
 * @param to         To addresses, lower case
 * @param cc         Cc addresses, lower case
 * @param subject    decoded subject ({@code ""} when none)
 * @param date       the Date header, when readable
 * @param inReplyTo  In-Reply-To message id without brackets, when present
 * @param references References message ids without brackets, oldest first
 * @param headers    every header as received (names as written, values unfolded and decoded), in order
 * @param contentType the top-level media type, lower case, without parameters ({@code multipart/report}, {@code text/plain})
 * @param reportType the {@code report-type} parameter of a {@code multipart/report} ({@code delivery-status},
 *                   {@code disposition-notification}), empty otherwise
 * @param text       the text body (the text/plain part, else the HTML part reduced to text), at most 1 MB
 * @param attachments what is attached, in order
 * @param size       the raw message's size in bytes
 */
public record IncomingMail(String messageId, String from, String fromName, Optional<String> returnPath, List<String> to,
                           List<String> cc, String subject, Optional<Instant> date, Optional<String> inReplyTo,
                           List<String> references, List<Header> headers, String contentType, Optional<String> reportType,
                           String text, List<Attachment> attachments, long size) {

    /** One header field. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** One attached part: its file name ({@code ""} when none), media type (lower case) and decoded size in bytes. */
    public record Attachment(String filename, String contentType, long size) {
        public Attachment {
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(contentType, "contentType");
        }
    }

    public IncomingMail {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(fromName, "fromName");
        Objects.requireNonNull(returnPath, "returnPath");
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(inReplyTo, "inReplyTo");
        references = List.copyOf(references);
        headers = List.copyOf(headers);
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(reportType, "reportType");
        Objects.requireNonNull(text, "text");
        attachments = List.copyOf(attachments);
    }

    /** Every value of the header {@code name} (case-insensitive), in order. */
    public List<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }

    /** The first value of the header {@code name}, when present. */
    public Optional<String> firstHeader(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    /**
     * The thread this message belongs to: the first References id, else In-Reply-To, else its own Message-ID — the
     * root every message of a conversation shares.
     */
    public String threadId() {
        if (!references.isEmpty()) return references.get(0);
        return inReplyTo.orElse(messageId);
    }

    /** True when {@code address} (any case) is among To or Cc. */
    public boolean addresses(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        return to.contains(a) || cc.contains(a);
    }
}
