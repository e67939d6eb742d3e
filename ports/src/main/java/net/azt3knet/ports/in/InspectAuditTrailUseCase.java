package net.azt3knet.ports.in;

import java.util.List;
import net.azt3knet.domain.audit.AuditEntry;
import net.azt3knet.ports.out.audit.AuditQuery;

/** Driving port: read and verify the audit trail. */
public interface InspectAuditTrailUseCase {

    /** The entries matching the query, in sequence order. */
    List<AuditEntry> list(AuditQuery query);

    /**
     * The result of a verification.
     *
     * @param checked entries found intact
     * @param problem the first problem, or {@code null} when the whole chain is intact
     * @param head    hash of the last intact entry: keep it, a later verify can then detect truncation
     */
    record Verification(long checked, String problem, String head) {

        public boolean intact() {
            return problem == null;
        }
    }

    /**
     * Walks the whole chain; when {@code expectedHead} is given, also checks that the entry with that hash is still
     * in the chain (so entries cut off the end are detected).
     */
    Verification verify(String expectedHead);
}
