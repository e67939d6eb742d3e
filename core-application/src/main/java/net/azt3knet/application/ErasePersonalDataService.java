package net.azt3knet.application;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.ports.in.ErasePersonalDataUseCase;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.inbound.InboundMailbox;
import net.azt3knet.ports.out.responder.MailErasure;

/** GDPR erasure by outside address and retention by age; the audit trail records hashes and counts only. */
public final class ErasePersonalDataService implements ErasePersonalDataUseCase {

    private final MailErasure erasure;
    private final InboundMailbox ownAgents;
    private final AuditTrail audit;
    private final Clock clock;

    public ErasePersonalDataService(MailErasure erasure, InboundMailbox ownAgents, AuditTrail audit, Clock clock) {
        this.erasure = erasure;
        this.ownAgents = ownAgents;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Erasure eraseAddress(String address) {
        String a = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        if (a.indexOf('@') <= 0 || a.indexOf('@') == a.length() - 1 || a.chars().anyMatch(Character::isWhitespace)) {
            throw new RejectedCommandException("--address: give one e-mail address, e.g. someone@example.org");
        }
        if (ownAgents.knows(a)) {
            throw new RejectedCommandException("--address is one of our agents' addresses; an agent's mail goes with "
                    + "its mailbox: use 'azt3knet mailboxes teardown'");
        }
        String hash = ResponderIntakeService.senderHash(a);
        MailErasure.Erased e = erasure.address(a, hash);
        audit.append(AuditEvent.ok("operator", "gdpr.erase", "address:" + hash, counts(e)));
        return new Erasure(hash, e.inbound(), e.queued(), e.replies());
    }

    @Override
    public Erasure applyRetention(UUID population, int days) {
        if (days < 1) throw new RejectedCommandException("retention days must be 1 or more (0 keeps mail: nothing to apply), was " + days);
        MailErasure.Erased e = erasure.olderThan(population.toString(), clock.instant().minus(Duration.ofDays(days)));
        if (e.total() > 0) {
            audit.append(AuditEvent.ok("responder", "gdpr.retention", "population:" + population,
                    Map.of("days", Integer.toString(days), "inbound", Long.toString(e.inbound()),
                            "queued", Long.toString(e.queued()), "replies", Long.toString(e.replies()))));
        }
        return new Erasure("", e.inbound(), e.queued(), e.replies());
    }

    private static Map<String, String> counts(MailErasure.Erased e) {
        return Map.of("inbound", Long.toString(e.inbound()), "queued", Long.toString(e.queued()),
                "replies", Long.toString(e.replies()));
    }
}
