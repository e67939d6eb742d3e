package net.azt3knet.application;

import java.util.List;
import java.util.regex.Pattern;
import net.azt3knet.domain.audit.AuditChain;
import net.azt3knet.domain.audit.AuditEntry;
import net.azt3knet.ports.in.InspectAuditTrailUseCase;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.ports.out.audit.AuditTrail;

/** Lists the audit trail and verifies its hash chain. */
public final class InspectAuditTrailService implements InspectAuditTrailUseCase {

    /** What {@link AuditChain} prints: a SHA-256 in hexadecimal. */
    private static final Pattern HEAD = Pattern.compile("[0-9a-fA-F]{64}");

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
        if (expectedHead != null && !HEAD.matcher(expectedHead).matches()) {
            throw new RejectedCommandException("--expect-head: '" + expectedHead + "' is not a head hash; give the 64 "
                    + "hexadecimal digits an earlier 'azt3knet audit verify' printed");
        }
        String wanted = expectedHead == null ? null : expectedHead.toLowerCase(java.util.Locale.ROOT);
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        boolean[] headSeen = {expectedHead == null};
        audit.scan(e -> {
            boolean ok = verifier.accept(e);
            if (ok && e.hash().equals(wanted)) headSeen[0] = true;
            return ok;
        });
        String problem = verifier.problem();
        if (problem == null && !headSeen[0]) {
            problem = "no entry has the expected head hash " + expectedHead + ": entries were cut off the end of the trail";
        }
        return new Verification(verifier.checked(), problem, verifier.head());
    }
}
