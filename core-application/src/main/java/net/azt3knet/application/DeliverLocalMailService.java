package net.azt3knet.application;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.azt3knet.ports.in.DeliverLocalMailUseCase;
import net.azt3knet.ports.in.ReadAgentMailUseCase;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.ReceiveInboundMailUseCase;
import net.azt3knet.ports.in.ReceiveInboundMailUseCase.Received;
import net.azt3knet.ports.out.inbound.InboundMailbox;
import net.azt3knet.ports.out.inbound.InboundMailbox.Delivery;
import net.azt3knet.ports.out.inbound.InboundMailbox.InboundMessage;

/**
 * Local delivery through the same path as the webhooks ({@link ReceiveInboundMailUseCase}, source {@code smtp}): the
 * Message-ID is the idempotence key (a client that resends after a lost 250 stores nothing twice), the payload is the
 * message as text.
 */
public final class DeliverLocalMailService implements DeliverLocalMailUseCase, ReadAgentMailUseCase {

    /** Headers are read from this many bytes at most: the Subject and Message-ID of any real message fit. */
    private static final int HEADER_SCAN = 64 * 1024;

    private final InboundMailbox mailbox;
    private final ReceiveInboundMailUseCase receive;

    public DeliverLocalMailService(InboundMailbox mailbox, ReceiveInboundMailUseCase receive) {
        this.mailbox = mailbox;
        this.receive = receive;
    }

    @Override
    public boolean isLocal(String address) {
        return address != null && mailbox.knows(address.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public List<Delivery> deliver(String sender, List<String> recipients, byte[] content) {
        // UTF-8: what 8BITMIME mail is in practice; a byte that is not UTF-8 reads as U+FFFD
        String text = new String(content, StandardCharsets.UTF_8);
        String subject = header(text, "Subject");
        String messageId = header(text, "Message-ID");
        return recipients.stream().map(r -> receive.receive(new Received("smtp", r, sender, subject, messageId, text))).toList();
    }

    @Override
    public List<InboundMessage> list(String address, int limit) {
        if (limit < 1 || limit > MAX) throw new RejectedCommandException("--limit " + limit + " is not a page size: give 1 to " + MAX);
        return mailbox.messages(agent(address), limit);
    }

    @Override
    public Optional<InboundMessage> show(String address, String messageId) {
        String key = messageId == null ? "" : messageId.strip();
        // the store has no lookup by id; the newest MAX messages are what list shows, so show finds what list shows
        return mailbox.messages(agent(address), MAX).stream().filter(m -> m.messageId().equals(key)).findFirst();
    }

    private String agent(String address) {
        String a = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        if (!mailbox.knows(a)) {
            throw new RejectedCommandException("--agent '" + address + "' is no stored agent's address; 'azt3knet agents list' shows them");
        }
        return a;
    }

    /** The first header named {@code name}, unfolded (RFC 5322 2.2.3); null when the message has none. */
    static String header(String message, String name) {
        String head = message.substring(0, Math.min(message.length(), HEADER_SCAN));
        int end = head.indexOf("\r\n\r\n");
        if (end >= 0) head = head.substring(0, end);
        String[] lines = head.split("\r\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0 || !lines[i].substring(0, colon).strip().equalsIgnoreCase(name)) continue;
            StringBuilder v = new StringBuilder(lines[i].substring(colon + 1));
            while (i + 1 < lines.length && !lines[i + 1].isEmpty() && (lines[i + 1].charAt(0) == ' ' || lines[i + 1].charAt(0) == '\t')) {
                v.append(lines[++i]);
            }
            return v.toString().strip();
        }
        return null;
    }
}
