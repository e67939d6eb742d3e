package net.azt3knet.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;
import net.azt3knet.domain.audit.AuditChain;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.ports.out.audit.AuditTrail;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The table refuses changes, and the hash chain catches whoever gets around that (here: a superuser). */
class AuditTamperingIT {

    private PostgresPersistence db;
    private AuditTrail audit;
    private DSLContext sql;

    @BeforeEach
    void start() throws Exception {
        db = PostgresPersistence.start(TestDatabases.fresh("tamper"), Clock.systemUTC());
        audit = db.auditTrail();
        sql = db.dsl();
        for (int i = 1; i <= 5; i++) audit.append(AuditEvent.ok("alice", "thing.change", "thing:" + i, Map.of("n", "" + i)));
        assertThat(verify()).isNull();
    }

    @AfterEach
    void stop() {
        db.close();
    }

    private String verify() {
        AuditChain.Verifier v = new AuditChain.Verifier();
        audit.scan(v::accept);
        return v.problem();
    }

    @Test
    void theTableRefusesUpdatesAndDeletes() {
        assertThatThrownBy(() -> sql.execute("UPDATE audit_log SET actor = 'mallory' WHERE sequence = 2"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql.execute("DELETE FROM audit_log WHERE sequence = 2")).hasMessageContaining("append-only");
        assertThat(verify()).isNull();
    }

    @Test
    void aModifiedEntryIsDetected() {
        sql.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change");
        sql.execute("UPDATE audit_log SET details = '{\"n\":\"30\"}' WHERE sequence = 3");
        assertThat(verify()).isEqualTo("entry 3 was modified: its hash does not match its content");
    }

    @Test
    void aDeletedEntryIsDetected() {
        sql.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change");
        sql.execute("DELETE FROM audit_log WHERE sequence = 2");
        assertThat(verify()).isEqualTo("entry 3 follows entry 1: entries 2 were removed or moved");
    }

    @Test
    void aDeletionHiddenByRenumberingIsDetected() {
        sql.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change");
        sql.execute("DELETE FROM audit_log WHERE sequence = 2");
        sql.execute("UPDATE audit_log SET sequence = sequence - 1 WHERE sequence > 2");
        assertThat(verify()).isEqualTo("entry 2 was modified: its hash does not match its content");
    }

    @Test
    void reorderedEntriesAreDetected() {
        sql.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change");
        sql.execute("UPDATE audit_log SET sequence = -1 WHERE sequence = 3");
        sql.execute("UPDATE audit_log SET sequence = 3 WHERE sequence = 4");
        sql.execute("UPDATE audit_log SET sequence = 4 WHERE sequence = -1");
        assertThat(verify()).isEqualTo("entry 3 was modified: its hash does not match its content");
    }
}
