package net.azt3knet.adapters.smtp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import net.azt3knet.ports.out.spool.SpooledMessage;

/**
 * The bounce of a message the relay gave up on: an RFC 3464 delivery status notification ({@code multipart/report;
 * report-type=delivery-status}) with a human part, the machine-readable status per recipient and the original
 * message's headers (RFC 3462 {@code text/rfc822-headers}, so the body never goes back out).
 */
final class DeliveryStatusNotification {

    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private DeliveryStatusNotification() {
    }

    /**
     * @param expired true when it gave up after the maximum age (status 4.4.7), false for a permanent failure (5.0.0)
     */
    static byte[] of(SpooledMessage failed, String reason, boolean expired, String reportingMta, Instant now) {
        String boundary = "dsn-" + failed.id() + "-" + now.toEpochMilli();
        String status = expired ? "4.4.7" : "5.0.0";
        String diagnostic = reason.replaceAll("[\\r\\n]+", " ");
        StringBuilder m = new StringBuilder();
        m.append("From: Mail Delivery System <MAILER-DAEMON@").append(reportingMta).append(">\r\n");
        m.append("To: <").append(failed.envelope().reversePath()).append(">\r\n");
        m.append("Subject: Undelivered Mail Returned to Sender\r\n");
        m.append("Date: ").append(RFC_5322.format(now)).append("\r\n");
        m.append("Message-ID: <dsn.").append(failed.id()).append('.').append(now.toEpochMilli()).append('@').append(reportingMta).append(">\r\n");
        m.append("Auto-Submitted: auto-replied\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"").append(boundary).append("\"\r\n\r\n");
        m.append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        m.append("This is the mail system at ").append(reportingMta).append(".\r\n\r\n");
        m.append(expired ? "Your message could not be delivered in time and has been returned.\r\n"
                : "Your message could not be delivered to one or more recipients and has been returned.\r\n");
        m.append("Queue id: ").append(failed.id()).append("\r\n");
        for (String r : failed.envelope().recipients()) m.append("<").append(r).append(">: ").append(diagnostic).append("\r\n");
        m.append("\r\n--").append(boundary).append("\r\nContent-Type: message/delivery-status\r\n\r\n");
        m.append("Reporting-MTA: dns; ").append(reportingMta).append("\r\n");
        m.append("X-Azt3knet-Queue-ID: ").append(failed.id()).append("\r\n");
        m.append("Arrival-Date: ").append(RFC_5322.format(failed.entry().createdAt())).append("\r\n");
        for (String r : failed.envelope().recipients()) {
            m.append("\r\nFinal-Recipient: rfc822; ").append(r).append("\r\n");
            m.append("Action: failed\r\n");
            m.append("Status: ").append(status).append("\r\n");
            m.append("Diagnostic-Code: X-Azt3knet; ").append(diagnostic).append("\r\n");
            m.append("Last-Attempt-Date: ").append(RFC_5322.format(now)).append("\r\n");
        }
        m.append("\r\n--").append(boundary).append("\r\nContent-Type: text/rfc822-headers\r\n\r\n");
        m.append(headers(failed.content()));
        m.append("\r\n--").append(boundary).append("--\r\n");
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The header block of the raw message (up to the first empty line), with CRLF line ends. */
    private static String headers(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) end = text.indexOf("\n\n");
        String head = end < 0 ? text : text.substring(0, end);
        return head.replaceAll("\r?\n", "\r\n") + "\r\n";
    }
}
