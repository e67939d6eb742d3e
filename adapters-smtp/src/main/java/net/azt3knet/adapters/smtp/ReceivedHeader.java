package net.azt3knet.adapters.smtp;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The trace header the gateway puts on top of every message it accepts (RFC 5321 §4.4), with the RFC 3848 protocol
 * word saying whether the session was encrypted and authenticated.
 */
final class ReceivedHeader {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private ReceivedHeader() {
    }

    static byte[] line(String helo, InetSocketAddress client, String hostName, boolean tls, boolean authenticated,
                       String sessionId, Instant at) {
        String with = "ESMTP" + (tls ? "S" : "") + (authenticated ? "A" : "");
        String from = printable(helo.isEmpty() ? "unknown" : helo);
        String header = "Received: from " + from + " ([" + client.getAddress().getHostAddress() + "])\r\n"
                + "\tby " + printable(hostName) + " with " + with + " id " + printable(sessionId) + ";\r\n"
                + "\t" + DATE.format(at.atZone(ZoneOffset.UTC)) + "\r\n";
        return header.getBytes(StandardCharsets.US_ASCII);
    }

    /** The client chose the HELO name: nothing but visible ASCII reaches the header. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.append(c > 32 && c < 127 && c != '(' && c != ')' ? (char) c : '?'));
        return b.toString();
    }
}
