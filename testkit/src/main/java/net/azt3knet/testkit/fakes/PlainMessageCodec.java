package net.azt3knet.testkit.fakes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.azt3knet.domain.responder.IncomingMail;
import net.azt3knet.domain.responder.IncomingMail.Header;
import net.azt3knet.domain.responder.OutgoingMail;
import net.azt3knet.ports.out.mail.MessageCodec;

/**
 * {@link MessageCodec} for simple single-part messages: CRLF headers (unfolded, no encoded words), a blank line, the
 * body as text. Writes a reply the same way with its text part only (the HTML part is left out), so what it writes it
 * reads back. Any source is read as raw RFC 5322.
 */
public final class PlainMessageCodec implements MessageCodec {

    @Override
    public IncomingMail read(String source, byte[] payload) {
        String raw = new String(payload, StandardCharsets.UTF_8);
        int end = raw.indexOf("\r\n\r\n");
        if (end <= 0) throw new IllegalArgumentException("no header section ended by an empty line");
        List<Header> headers = new ArrayList<>();
        for (String line : raw.substring(0, end).split("\r\n")) {
            if (!headers.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
                Header last = headers.remove(headers.size() - 1);
                headers.add(new Header(last.name(), last.value() + " " + line.strip()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("a header line without a name");
            headers.add(new Header(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
        }
        String from = first(headers, "From").orElse("");
        String messageId = first(headers, "Message-ID").map(PlainMessageCodec::id)
                .orElse("sha256:" + Integer.toHexString(Arrays.hashCode(payload)));
        Optional<String> returnPath = first(headers, "Return-Path").map(PlainMessageCodec::address);
        String contentType = first(headers, "Content-Type").map(v -> v.split(";")[0].strip().toLowerCase(Locale.ROOT))
                .orElse("text/plain");
        return new IncomingMail(messageId, address(from), name(from), returnPath, addresses(headers, "To"),
                addresses(headers, "Cc"), first(headers, "Subject").orElse(""), Optional.empty(),
                first(headers, "In-Reply-To").map(PlainMessageCodec::id),
                first(headers, "References").map(v -> Arrays.stream(v.split("\\s+")).filter(s -> !s.isBlank())
                        .map(PlainMessageCodec::id).toList()).orElse(List.of()),
                headers, contentType, Optional.empty(), raw.substring(end + 4), List.of(), payload.length);
    }

    @Override
    public byte[] write(OutgoingMail m) {
        StringBuilder out = new StringBuilder();
        out.append("Message-ID: <").append(m.messageId()).append(">\r\n");
        out.append("From: ").append(m.fromName()).append(" <").append(m.from()).append(">\r\n");
        out.append("To: <").append(m.to()).append(">\r\n");
        out.append("Subject: ").append(m.subject()).append("\r\n");
        out.append("In-Reply-To: <").append(m.inReplyTo()).append(">\r\n");
        out.append("References:");
        m.references().forEach(r -> out.append(" <").append(r).append('>'));
        out.append("\r\nAuto-Submitted: auto-replied\r\nX-Auto-Response-Suppress: All\r\n");
        m.extraHeaders().forEach(h -> out.append(h.name()).append(": ").append(h.value()).append("\r\n"));
        out.append("Content-Type: text/plain; charset=UTF-8\r\n\r\n").append(m.text());
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<String> first(List<Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    private static List<String> addresses(List<Header> headers, String name) {
        return first(headers, name).map(v -> Arrays.stream(v.split(",")).map(PlainMessageCodec::address)
                .filter(a -> !a.isEmpty()).toList()).orElse(List.of());
    }

    private static String id(String v) {
        String s = v.strip();
        return s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s;
    }

    private static String address(String v) {
        int lt = v.indexOf('<');
        int gt = v.indexOf('>', lt + 1);
        return (lt >= 0 && gt > lt ? v.substring(lt + 1, gt) : v).strip().toLowerCase(Locale.ROOT);
    }

    private static String name(String v) {
        int lt = v.indexOf('<');
        return lt > 0 ? v.substring(0, lt).strip().replace("\"", "") : "";
    }
}
