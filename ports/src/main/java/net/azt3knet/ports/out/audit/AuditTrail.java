package net.azt3knet.ports.out.audit;

import java.util.List;
import java.util.function.Predicate;
import net.azt3knet.domain.audit.AuditEntry;
import net.azt3knet.domain.audit.AuditEvent;

/** Driven port: the append-only, hash-chained record of every change and external action. */
public interface AuditTrail {

    /** Seals {@code event} as the next entry of the chain and stores it. */
    AuditEntry append(AuditEvent event);

    /** The entries matching {@code query}, in sequence order (the last {@code limit} of them). */
    List<AuditEntry> list(AuditQuery query);

    /** Hands every entry to {@code each} in sequence order, as stored, until it returns false. */
    void scan(Predicate<AuditEntry> each);
}
