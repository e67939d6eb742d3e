package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.AUDIT_LOG;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import net.azt3knet.adapters.persistence.jooq.tables.records.AuditLogRecord;
import net.azt3knet.domain.audit.AuditChain;
import net.azt3knet.domain.audit.AuditEntry;
import net.azt3knet.domain.audit.AuditEvent;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/** Appending to and reading {@code audit_log}, inside whatever transaction the caller runs. */
final class AuditLog {

    /** Serialises appends across connections and processes for the length of a transaction. */
    private static final long APPEND_LOCK = 0x617a74336b6e6574L; // "azt3knet"
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLog() {
    }

    static AuditEntry append(DSLContext tx, Clock clock, AuditEvent event) {
        tx.select(DSL.field("pg_advisory_xact_lock({0})", Object.class, DSL.val(APPEND_LOCK))).fetch();
        AuditLogRecord last = tx.selectFrom(AUDIT_LOG).orderBy(AUDIT_LOG.SEQUENCE.desc()).limit(1).fetchOne();
        AuditChain chain = last == null ? AuditChain.continuing(0, AuditChain.GENESIS)
                : AuditChain.continuing(last.getSequence(), last.getHash());
        AuditEntry e = chain.append(event, clock.instant());
        tx.insertInto(AUDIT_LOG)
          .set(AUDIT_LOG.SEQUENCE, e.sequence())
          .set(AUDIT_LOG.OCCURRED_AT, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC))
          .set(AUDIT_LOG.ACTOR, event.actor())
          .set(AUDIT_LOG.ACTION, event.action())
          .set(AUDIT_LOG.TARGET, event.target())
          .set(AUDIT_LOG.OUTCOME, event.outcome())
          .set(AUDIT_LOG.DETAILS, JSONB.jsonb(details(event)))
          .set(AUDIT_LOG.PREVIOUS_HASH, e.previousHash())
          .set(AUDIT_LOG.HASH, e.hash())
          .execute();
        return e;
    }

    static AuditEntry entry(AuditLogRecord r) {
        Map<String, String> details;
        try {
            details = JSON.readValue(r.getDetails().data(), new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            details = Map.of("unreadable_details", r.getDetails().data());
        }
        AuditEvent event = new AuditEvent(r.getActor(), r.getAction(), r.getTarget(), r.getOutcome(), details);
        return new AuditEntry(r.getSequence(), r.getOccurredAt().toInstant(), event, r.getPreviousHash(), r.getHash());
    }

    private static String details(AuditEvent event) {
        try {
            return JSON.writeValueAsString(event.sortedDetails());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings always serialise", e);
        }
    }
}
