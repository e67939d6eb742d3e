package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.AUDIT_LOG;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import net.azt3knet.adapters.persistence.jooq.tables.records.AuditLogRecord;
import net.azt3knet.domain.audit.AuditEntry;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.ports.out.audit.AuditTrail;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link AuditTrail} on the {@code audit_log} table. */
final class JooqAuditTrail implements AuditTrail {

    private final DSLContext dsl;
    private final Clock clock;

    JooqAuditTrail(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        return Translate.errors("append to the audit trail",
                () -> dsl.transactionResult(cfg -> AuditLog.append(cfg.dsl(), clock, event)));
    }

    @Override
    public List<AuditEntry> list(AuditQuery q) {
        Condition c = DSL.trueCondition();
        if (q.since() != null) c = c.and(AUDIT_LOG.OCCURRED_AT.ge(OffsetDateTime.ofInstant(q.since(), ZoneOffset.UTC)));
        if (q.action() != null) c = c.and(AUDIT_LOG.ACTION.eq(q.action()).or(AUDIT_LOG.ACTION.startsWith(q.action() + ".")));
        if (q.target() != null) c = c.and(AUDIT_LOG.TARGET.eq(q.target()));
        if (q.before() != null) c = c.and(AUDIT_LOG.SEQUENCE.lt(q.before()));
        Condition where = c;
        return Translate.errors("read the audit trail", () -> {
            List<AuditEntry> newestFirst = new ArrayList<>();
            for (AuditLogRecord r : dsl.selectFrom(AUDIT_LOG).where(where).orderBy(AUDIT_LOG.SEQUENCE.desc())
                    .limit(q.limit()).fetch()) {
                newestFirst.add(AuditLog.entry(r));
            }
            Collections.reverse(newestFirst);
            return newestFirst;
        });
    }

    @Override
    public void scan(Predicate<AuditEntry> each) {
        Translate.errors("read the audit trail", () -> dsl.transactionResult(cfg -> {
            try (Cursor<AuditLogRecord> cursor = cfg.dsl().selectFrom(AUDIT_LOG).orderBy(AUDIT_LOG.SEQUENCE)
                    .fetchSize(1000).fetchLazy()) {
                for (AuditLogRecord r : cursor) {
                    if (!each.test(AuditLog.entry(r))) break;
                }
            }
            return null;
        }));
    }
}
