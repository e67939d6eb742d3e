package net.azt3knet.application;

import java.util.List;
import net.azt3knet.domain.audit.AuditChain;
import net.azt3knet.domain.audit.AuditEntry;
import net.azt3knet.ports.in.InspectAuditTrailUseCase;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.ports.out.audit.AuditTrail;

/** Lists the audit trail and verifies its hash chain. */
public final class InspectAuditTrailService implements InspectAuditTrailUseCase {

    private final AuditTrail audit;

    public InspectAuditTrailService(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public List<AuditEntry> list(AuditQuery query) {
        return audit.list(query);
    }

    @Override
    public Verification verify(String expectedHead) {
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        boolean[] headSeen = {expectedHead == null};
        audit.scan(e -> {
            boolean ok = verifier.accept(e);
            if (ok && e.hash().equals(expectedHead)) headSeen[0] = true;
            return ok;
        });
        String problem = verifier.problem();
        if (problem == null && !headSeen[0]) {
            problem = "no entry has the expected head hash " + expectedHead + ": entries were cut off the end of the trail";
        }
        return new Verification(verifier.checked(), problem, verifier.head());
    }
}
