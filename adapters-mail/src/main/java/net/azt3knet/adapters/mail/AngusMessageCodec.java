package net.azt3knet.adapters.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.azt3knet.domain.responder.IncomingMail;
import net.azt3knet.domain.responder.OutgoingMail;
import net.azt3knet.ports.out.mail.MessageCodec;

/** {@link MessageCodec} on Angus Mail's MIME parser and writer; Mailjet's Parse API JSON read with Jackson. */
public final class AngusMessageCodec implements MessageCodec {

    /** Larger than any message the intake or the webhook (15 MiB) hands over; refused before parsing. */
    static final int MAX_PAYLOAD = 64 << 20;
    /** The text the filters and the model see: at most 1 MiB of characters. */
    static final int MAX_TEXT = 1 << 20;
    /** HTML read before it is reduced to text (markup is several times the text it holds). */
    private static final int MAX_HTML = 4 * MAX_TEXT;
    /** Nesting deeper than this is no real mail; stop rather than recurse without end. */
    private static final int MAX_DEPTH = 20;
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** No transport and no network: the session only carries MIME parsing options. */
    private final Session session;

    public AngusMessageCodec() {
        Properties p = new Properties();
        p.put("mail.mime.address.strict", "false");
        p.put("mail.mime.decodetext.strict", "false");
        this.session = Session.getInstance(p);
    }

    @Override
    public IncomingMail read(String source, byte[] payload) {
        if (payload == null || payload.length == 0) throw new IllegalArgumentException("the message is empty");
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("the message has " + payload.length + " bytes, over the " + MAX_PAYLOAD + " this reader takes");
        }
        return isJson(payload) ? readMailjet(payload) : readRaw(payload);
    }

    /**
     * The webhook's form is told by its shape, not by {@code source}: the provider's name stays in its own module, and
     * no RFC 5322 message begins with a JSON object (a header field name never starts with a brace in real mail).
     */
    private static boolean isJson(byte[] payload) {
        for (byte b : payload) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') continue;
            return b == '{' || b == '[';
        }
        return false;
    }

    // ---- raw RFC 5322 ----

    private IncomingMail readRaw(byte[] payload) {
        MimeMessage m;
        List<IncomingMail.Header> headers = new ArrayList<>();
        try {
            m = new MimeMessage(session, new ByteArrayInputStream(payload));
            for (Enumeration<jakarta.mail.Header> e = m.getAllHeaders(); e.hasMoreElements(); ) {
                jakarta.mail.Header h = e.nextElement();
                headers.add(new IncomingMail.Header(h.getName(), decode(h.getValue())));
            }
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not an RFC 5322 message: " + reason(e));
        }
        if (headers.isEmpty()) throw new IllegalArgumentException("not an RFC 5322 message: it has no header fields");
        Body body = new Body();
        String type;
        Optional<String> reportType = Optional.empty();
        try {
            ContentType ct = contentType(m.getContentType());
            type = ct.getBaseType().toLowerCase(Locale.ROOT);
            if (type.equals("multipart/report")) reportType = Optional.ofNullable(ct.getParameter("report-type")).map(s -> s.toLowerCase(Locale.ROOT));
            walk(m, body, 0);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("the MIME structure cannot be read: " + reason(e));
        } catch (IOException e) {
            throw new IllegalArgumentException("a MIME part cannot be decoded: " + reason(e));
        }
        InternetAddress from = first(raw(m, "From")).orElse(null);
        return new IncomingMail(messageId(raw(m, "Message-ID"), payload),
                from == null ? "" : lower(from.getAddress()), from == null || from.getPersonal() == null ? "" : from.getPersonal().strip(),
                returnPath(raw(m, "Return-Path")), addresses(m, "To"), addresses(m, "Cc"), subject(m), date(raw(m, "Date")),
                ids(raw(m, "In-Reply-To")).stream().findFirst(), ids(raw(m, "References")), headers, type, reportType,
                body.text(), body.attachments, payload.length);
    }

    /** What the walk over the parts found: the first inline text/plain and text/html, and every other leaf. */
    private static final class Body {
        String plain;
        String html;
        final List<IncomingMail.Attachment> attachments = new ArrayList<>();

        String text() {
            if (plain != null) return plain;
            return html == null ? "" : cap(HtmlText.of(html));
        }
    }

    private void walk(Part part, Body body, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) throw new MessagingException("parts nested deeper than " + MAX_DEPTH + " levels");
        ContentType ct = contentType(part.getContentType());
        String type = ct.getBaseType().toLowerCase(Locale.ROOT);
        String filename = filename(part);
        boolean attached = Part.ATTACHMENT.equalsIgnoreCase(disposition(part)) || !filename.isEmpty();
        if (type.startsWith("multipart/") && !attached) {
            Object content = part.getContent();
            if (!(content instanceof Multipart mp)) throw new MessagingException("a multipart without parts");
            for (int i = 0; i < mp.getCount(); i++) walk(mp.getBodyPart(i), body, depth + 1);
        } else if (!attached && type.equals("text/plain") && body.plain == null) {
            body.plain = readText(part, ct, MAX_TEXT);
        } else if (!attached && type.equals("text/html") && body.html == null) {
            body.html = readText(part, ct, MAX_HTML);
        } else {
            body.attachments.add(new IncomingMail.Attachment(filename, type, decodedSize(part)));
        }
    }

    private static String readText(Part part, ContentType ct, int max) throws MessagingException, IOException {
        Charset charset = charset(ct.getParameter("charset"));
        try (Reader r = new InputStreamReader(part.getInputStream(), charset)) {
            char[] buf = new char[max];
            int n = 0;
            for (int k; n < max && (k = r.read(buf, n, max - n)) > 0; ) n += k;
            return new String(buf, 0, n);
        }
    }

    /** Counts the decoded bytes without keeping them. */
    private static long decodedSize(Part part) throws MessagingException, IOException {
        long n = 0;
        try (InputStream in = part.getInputStream()) {
            byte[] buf = new byte[8192];
            for (int k; (k = in.read(buf)) > 0; ) n += k;
        }
        return n;
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String filename(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? "" : decode(name).strip();
        } catch (MessagingException e) {
            return "";
        }
    }

    private static Charset charset(String name) {
        if (name == null) return StandardCharsets.US_ASCII;
        try {
            return Charset.forName(MimeUtility.javaCharset(name.strip()));
        } catch (IllegalArgumentException unknown) {
            // an unknown or misspelt charset: UTF-8 keeps ASCII and shows the rest as replacement characters
            return StandardCharsets.UTF_8;
        }
    }

    private static ContentType contentType(String value) {
        if (value == null || value.isBlank()) return new ContentType("text", "plain", null);
        try {
            return new ContentType(value);
        } catch (ParseException e) {
            String base = value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            return base.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")
                    ? new ContentType(base.substring(0, base.indexOf('/')), base.substring(base.indexOf('/') + 1), null)
                    : new ContentType("application", "octet-stream", null);
        }
    }

    private static String raw(MimeMessage m, String name) {
        try {
            return m.getHeader(name, ",");
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String subject(MimeMessage m) {
        try {
            String s = m.getSubject();
            return s == null ? "" : unfold(s);
        } catch (MessagingException e) {
            return "";
        }
    }

    private List<String> addresses(MimeMessage m, String name) {
        return addressList(raw(m, name));
    }

    // ---- Mailjet's Parse API ----

    private IncomingMail readMailjet(byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not Mailjet parse JSON: " + e.getOriginalMessage() + " (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("not Mailjet parse JSON: " + reason(e));
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("not Mailjet parse JSON: the payload is not a JSON object");
        List<IncomingMail.Header> headers = new ArrayList<>();
        JsonNode hs = root.path("Headers");
        for (Iterator<Map.Entry<String, JsonNode>> it = hs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            if (h.getValue().isArray()) {
                for (JsonNode v : h.getValue()) headers.add(new IncomingMail.Header(h.getKey(), decode(v.asText())));
            } else if (h.getValue().isValueNode()) {
                headers.add(new IncomingMail.Header(h.getKey(), decode(h.getValue().asText())));
            }
        }
        // the spam rule reads X-Spam-Score whichever way the mail came in
        if (root.hasNonNull("SpamAssassinScore") && headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("X-Spam-Score"))) {
            headers.add(new IncomingMail.Header("X-Spam-Score", root.get("SpamAssassinScore").asText()));
        }
        String fromField = text(root, "From").orElseGet(() -> header(headers, "From").orElse(null));
        InternetAddress from = first(fromField).or(() -> first(text(root, "Sender").orElse(null))).orElse(null);
        Optional<String> returnPath = header(headers, "Return-Path").map(AngusMessageCodec::returnPathOf)
                .or(() -> text(root, "Sender").map(s -> lower(s.strip().replaceAll("^<|>$", ""))));
        List<String> to = header(headers, "To").map(this::addressList)
                .orElseGet(() -> addressList(text(root, "Recipient").orElse(null)));
        Optional<String> html = text(root, "Html-part");
        Optional<String> plain = text(root, "Text-part");
        ContentType ct = header(headers, "Content-Type").map(AngusMessageCodec::contentType).orElseGet(() ->
                plain.isPresent() && html.isPresent() ? new ContentType("multipart", "alternative", null)
                        : html.isPresent() ? new ContentType("text", "html", null) : new ContentType("text", "plain", null));
        String type = ct.getBaseType().toLowerCase(Locale.ROOT);
        Optional<String> reportType = type.equals("multipart/report")
                ? Optional.ofNullable(ct.getParameter("report-type")).map(s -> s.toLowerCase(Locale.ROOT)) : Optional.empty();
        String text = plain.map(AngusMessageCodec::cap)
                .orElseGet(() -> html.map(h -> cap(HtmlText.of(h.length() > MAX_HTML ? h.substring(0, MAX_HTML) : h))).orElse(""));
        return new IncomingMail(messageId(header(headers, "Message-ID").orElse(null), payload),
                from == null ? "" : lower(from.getAddress()), from == null || from.getPersonal() == null ? "" : from.getPersonal().strip(),
                returnPath, to, header(headers, "Cc").map(this::addressList).orElse(List.of()),
                text(root, "Subject").map(AngusMessageCodec::decode).or(() -> header(headers, "Subject")).orElse(""),
                date(header(headers, "Date").orElse(null)), ids(header(headers, "In-Reply-To").orElse(null)).stream().findFirst(),
                ids(header(headers, "References").orElse(null)), headers, type, reportType, text, mailjetAttachments(root),
                payload.length);
    }

    /** {@code Parts[]} name each part's {@code ContentRef}; {@code AttachmentN} holds its bytes in base64. */
    private static List<IncomingMail.Attachment> mailjetAttachments(JsonNode root) {
        List<IncomingMail.Attachment> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (JsonNode part : root.path("Parts")) {
            String ref = part.path("ContentRef").asText("");
            if (!ref.startsWith("Attachment")) continue;
            seen.add(ref);
            JsonNode h = part.path("Headers");
            ContentType ct = contentType(fieldIgnoringCase(h, "Content-Type").orElse("application/octet-stream"));
            String name = Optional.ofNullable(ct.getParameter("name"))
                    .or(() -> fieldIgnoringCase(h, "Content-Disposition").map(AngusMessageCodec::dispositionFilename))
                    .map(AngusMessageCodec::decode).orElse("");
            out.add(new IncomingMail.Attachment(name.strip(), ct.getBaseType().toLowerCase(Locale.ROOT), base64Size(root.path(ref).asText(""))));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String ref = it.next();
            if (ref.matches("Attachment\\d+") && !seen.contains(ref)) {
                out.add(new IncomingMail.Attachment("", "application/octet-stream", base64Size(root.path(ref).asText(""))));
            }
        }
        return out;
    }

    private static String dispositionFilename(String value) {
        try {
            String name = new jakarta.mail.internet.ContentDisposition(value).getParameter("filename");
            return name == null ? "" : name;
        } catch (ParseException e) {
            return "";
        }
    }

    /** Decoded size of base64 text, counted without decoding it. */
    static long base64Size(String b64) {
        long chars = 0;
        int pad = 0;
        for (int i = 0; i < b64.length(); i++) {
            char c = b64.charAt(i);
            if (c == '=') pad++;
            else if (!Character.isWhitespace(c)) chars++;
        }
        return Math.max(0, (chars + pad) / 4 * 3 - pad);
    }

    private static Optional<String> fieldIgnoringCase(JsonNode object, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name) && e.getValue().isValueNode()) return Optional.of(e.getValue().asText());
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode root, String field) {
        JsonNode v = root.get(field);
        return v == null || !v.isValueNode() || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static Optional<String> header(List<IncomingMail.Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(IncomingMail.Header::value).findFirst();
    }

    // ---- shared field readers ----

    private static String messageId(String value, byte[] payload) {
        List<String> ids = ids(value);
        if (!ids.isEmpty()) return ids.get(0);
        return "sha256:" + sha256Hex(payload);
    }

    /** Message ids in order: each {@code <…>}, else (a sender that left the brackets out) the bare tokens. */
    static List<String> ids(String value) {
        if (value == null || value.isBlank()) return List.of();
        List<String> out = new ArrayList<>();
        Matcher m = MESSAGE_ID.matcher(value);
        while (m.find()) out.add(m.group(1));
        if (out.isEmpty()) {
            for (String t : unfold(value).strip().split("[\\s,]+")) if (!t.isEmpty() && t.contains("@")) out.add(t);
        }
        return out;
    }

    private static Optional<String> returnPath(String value) {
        return value == null ? Optional.empty() : Optional.of(returnPathOf(value));
    }

    private static String returnPathOf(String value) {
        String v = unfold(value).strip();
        if (v.equals("<>")) return "";
        Matcher m = Pattern.compile("<([^<>]*)>").matcher(v);
        return lower(m.find() ? m.group(1).strip() : v);
    }

    private static Optional<Instant> date(String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        try {
            Date d = new MailDateFormat().parse(unfold(value).strip());
            return Optional.ofNullable(d).map(Date::toInstant);
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<InternetAddress> first(String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        try {
            InternetAddress[] all = InternetAddress.parseHeader(unfold(value), false);
            return all.length == 0 || all[0].getAddress() == null ? Optional.empty() : Optional.of(all[0]);
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    private List<String> addressList(String value) {
        if (value == null || value.isBlank()) return List.of();
        try {
            List<String> out = new ArrayList<>();
            for (InternetAddress a : InternetAddress.parseHeader(unfold(value), false)) {
                if (a.getAddress() != null && !a.getAddress().isBlank()) out.add(lower(a.getAddress().strip()));
            }
            return out;
        } catch (AddressException e) {
            return List.of();
        }
    }

    /** Unfolded and RFC 2047-decoded; a value that does not decode is kept as written. */
    private static String decode(String value) {
        String unfolded = unfold(value);
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return unfolded;
        }
    }

    private static String unfold(String value) {
        return MimeUtility.unfold(value).replaceAll("[\\r\\n]+", "");
    }

    private static String cap(String text) {
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** The exception's own words, never its stack or its causes' (they may quote the message). */
    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.replaceAll("[\\r\\n]+", " ");
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    // ---- writing ----

    @Override
    public byte[] write(OutgoingMail mail) {
        try {
            MimeMessage m = new FixedIdMessage(session, "<" + oneLine(mail.messageId()) + ">");
            m.setFrom(address("from", mail.from(), mail.fromName()));
            m.setRecipient(Message.RecipientType.TO, address("to", mail.to(), null));
            m.setSubject(oneLine(mail.subject()), "UTF-8");
            m.setSentDate(Date.from(mail.date()));
            if (!mail.inReplyTo().isBlank()) m.setHeader("In-Reply-To", "<" + oneLine(mail.inReplyTo()) + ">");
            if (!mail.references().isEmpty()) {
                StringBuilder refs = new StringBuilder();
                for (String id : mail.references()) refs.append(refs.isEmpty() ? "" : " ").append('<').append(oneLine(id)).append('>');
                m.setHeader("References", MimeUtility.fold("References: ".length(), refs.toString()));
            }
            // RFC 3834: an automatic answer to one message. No "Precedence: bulk": the reply goes to one person who wrote,
            // it is no mailing, and bulk would only teach their spam filter to file it away.
            m.setHeader("Auto-Submitted", "auto-replied");
            m.setHeader("X-Auto-Response-Suppress", "All");
            for (IncomingMail.Header h : mail.extraHeaders()) {
                if (!h.name().matches("[!-9;-~]+")) {
                    throw new IllegalArgumentException("extra header '" + oneLine(h.name()) + "' is not a header field name (printable ASCII, no colon)");
                }
                m.addHeader(h.name(), MimeUtility.fold(h.name().length() + 2, MimeUtility.encodeText(oneLine(h.value()), "UTF-8", "Q")));
            }
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(textPart(mail.text(), "plain"));
            alternative.addBodyPart(textPart(mail.html(), "html"));
            m.setContent(alternative);
            m.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("the reply cannot be written: " + reason(e));
        }
    }

    private static BodyPart textPart(String text, String subtype) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        // CRLF line ends in the encoded body whatever the template used
        p.setText(text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n"), "UTF-8", subtype);
        p.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return p;
    }

    private static InternetAddress address(String field, String address, String name) {
        try {
            InternetAddress a = new InternetAddress(address, true);
            if (name != null && !name.isBlank()) a.setPersonal(oneLine(name), "UTF-8");
            return a;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("reply " + field + ": not an email address (" + reason(e) + ")");
        }
    }

    /** A header value from untrusted text: a line break in it would start a header of the sender's choosing. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }

    /** Keeps the Message-ID the caller chose ({@link MimeMessage#saveChanges} would make up its own). */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
