package net.azt3knet.application;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.ports.in.ReceiveInboundMailUseCase;
import net.azt3knet.ports.in.ResponderIntakeUseCase;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.inbound.InboundMailbox;
import net.azt3knet.ports.out.inbound.InboundMailbox.Delivery;
import net.azt3knet.ports.out.inbound.InboundMailbox.InboundMessage;

/**
 * Keeps inbound mail for stored agents, once per Message-ID (providers retry webhooks), and audits what it kept. Each
 * message kept is offered to the responder when one is wired; its answer never changes what was kept.
 */
public final class ReceiveInboundMailService implements ReceiveInboundMailUseCase {

    private static final Logger LOG = System.getLogger(ReceiveInboundMailService.class.getName());

    private final InboundMailbox mailbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final Optional<ResponderIntakeUseCase> responder;

    public ReceiveInboundMailService(InboundMailbox mailbox, AuditTrail audit, Clock clock) {
        this(mailbox, audit, clock, Optional.empty());
    }

    public ReceiveInboundMailService(InboundMailbox mailbox, AuditTrail audit, Clock clock,
                                     Optional<ResponderIntakeUseCase> responder) {
        this.mailbox = mailbox;
        this.audit = audit;
        this.clock = clock;
        this.responder = responder;
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
            responder.ifPresent(r -> offer(r, recipient, m));
        }
        return d;
    }

    private static void offer(ResponderIntakeUseCase responder, String recipient, Received m) {
        try {
            responder.offer(recipient, m.source(), m.payload().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // the message is kept either way; the responder's refusal (no master key, a store failure) is logged
            LOG.log(Level.WARNING, "responder: a {0} message for agent {1} was kept but not queued: {2}", m.source(),
                    Digests.sha256Hex(recipient), e.getClass().getSimpleName());
        }
    }
}
