package net.azt3knet.adapters.http;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What an HTTP email API needs from a spooled message, read with Angus Mail: the header addresses (to tell To from
 * Cc; the envelope decides who receives it), the subject, the text and HTML bodies and the attachments.
 *
 * @param from        the From header's address, if any
 * @param fromName    the From header's display name, if any
 * @param to          To header addresses
 * @param cc          Cc header addresses
 * @param replyTo     the first Reply-To address, if any
 * @param messageId   the Message-ID header, if any
 */
public record MailParts(Optional<String> from, Optional<String> fromName, List<String> to, List<String> cc, Optional<String> replyTo, String subject,
                        Optional<String> text, Optional<String> html, List<Attachment> attachments, Optional<String> messageId) {

    /** An attached (or inline) file. */
    public record Attachment(String filename, String contentType, byte[] content) {
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    /** Reads raw RFC 5322 bytes; a message Angus Mail cannot read at all is an {@link IllegalArgumentException}. */
    public static MailParts read(byte[] raw) {
        try {
            MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            Optional<String> from = Optional.empty();
            Optional<String> fromName = Optional.empty();
            if (m.getFrom() != null && m.getFrom().length > 0 && m.getFrom()[0] instanceof InternetAddress a) {
                from = Optional.ofNullable(a.getAddress());
                fromName = Optional.ofNullable(a.getPersonal());
            }
            Optional<String> replyTo = Optional.empty();
            if (m.getHeader("Reply-To") != null && m.getReplyTo() != null && m.getReplyTo().length > 0 && m.getReplyTo()[0] instanceof InternetAddress a) {
                replyTo = Optional.of(a.getAddress());
            }
            String[] text = {null};
            String[] html = {null};
            List<Attachment> files = new ArrayList<>();
            walk(m, text, html, files);
            return new MailParts(from, fromName, addresses(m, Message.RecipientType.TO), addresses(m, Message.RecipientType.CC), replyTo,
                    m.getSubject() == null ? "" : m.getSubject(), Optional.ofNullable(text[0]), Optional.ofNullable(html[0]),
                    List.copyOf(files), Optional.ofNullable(m.getMessageID()));
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("the message cannot be read as MIME: " + e.getMessage(), e);
        }
    }

    private static List<String> addresses(MimeMessage m, Message.RecipientType type) throws MessagingException {
        List<String> out = new ArrayList<>();
        jakarta.mail.Address[] all = m.getRecipients(type);
        if (all != null) for (jakarta.mail.Address a : all) if (a instanceof InternetAddress i) out.add(i.getAddress());
        return out;
    }

    /** The first text/plain and text/html outside attachments are the bodies; every other leaf is an attachment. */
    private static void walk(Part p, String[] text, String[] html, List<Attachment> files) throws MessagingException, IOException {
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart b = mp.getBodyPart(i);
                walk(b, text, html, files);
            }
            return;
        }
        boolean attached = Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition()) || p.getFileName() != null;
        if (!attached && p.isMimeType("text/plain") && text[0] == null) {
            text[0] = p.getContent().toString();
        } else if (!attached && p.isMimeType("text/html") && html[0] == null) {
            html[0] = p.getContent().toString();
        } else {
            String type = p.getContentType() == null ? "application/octet-stream" : p.getContentType().split(";")[0].strip();
            files.add(new Attachment(p.getFileName() == null ? "attachment" : p.getFileName(), type, p.getInputStream().readAllBytes()));
        }
    }
}
