package net.azt3knet.application;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.ports.in.ReceiveInboundMailUseCase;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.inbound.InboundMailbox;
import net.azt3knet.ports.out.inbound.InboundMailbox.Delivery;
import net.azt3knet.ports.out.inbound.InboundMailbox.InboundMessage;

/** Keeps inbound mail for stored agents, once per Message-ID (providers retry webhooks), and audits what it kept. */
public final class ReceiveInboundMailService implements ReceiveInboundMailUseCase {

    private final InboundMailbox mailbox;
    private final AuditTrail audit;
    private final Clock clock;

    public ReceiveInboundMailService(InboundMailbox mailbox, AuditTrail audit, Clock clock) {
        this.mailbox = mailbox;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Delivery receive(Received m) {
        String recipient = m.recipient() == null ? "" : m.recipient().strip().toLowerCase(Locale.ROOT);
        String id = m.messageId() != null && !m.messageId().isBlank() ? m.messageId().strip()
                : "sha256:" + Digests.sha256Hex(m.payload());
        Delivery d = mailbox.deliver(new InboundMessage(id, recipient, m.sender(), m.subject(), m.source(), m.payload(),
                clock.instant()));
        if (d == Delivery.STORED) {
            audit.append(AuditEvent.ok("webhook:" + m.source(), "mail.inbound", "mailbox:" + recipient,
                    Map.of("message_id", id, "bytes", Integer.toString(m.payload().length()))));
        }
        return d;
    }
}
