package net.azt3knet.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.azt3knet.domain.credential.SealedCredential;
import net.azt3knet.domain.mailbox.DesiredMailbox;
import net.azt3knet.domain.mailbox.ExistingMailbox;
import net.azt3knet.domain.mailbox.LedgerMailbox;
import net.azt3knet.domain.mailbox.MailboxOwner;
import net.azt3knet.domain.mailbox.MailboxPlan;
import net.azt3knet.domain.mailbox.MailboxPlanner;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.VerifyReport;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.store.PopulationRecord;

/**
 * Everything a mailbox plan is computed from, read at one moment: the population (and, for a converge, its agents
 * with their sealed credentials), what the provider holds on the domain, and the ledger.
 *
 * @param passwords true when the provider hosts mailboxes, so creates and rotations send passwords
 * @param existing  the provider's mailboxes by lower-case address
 * @param ledger    the ledger's entries by lower-case address
 */
record MailboxState(PopulationRecord population, String domain, MailboxProvisioning provider, boolean passwords,
                    List<DesiredMailbox> desired, Map<Long, SealedCredential> sealed, Map<String, ExistingMailbox> existing,
                    Map<String, LedgerMailbox> ledger) {

    /** The owner tag of this population's mailboxes. */
    String owner() {
        return MailboxOwner.tag(population.id());
    }

    /** The changes that bring the provider to the desired mailboxes ({@code converge}), or remove ours (teardown). */
    MailboxPlan plan(boolean converge) {
        return converge ? MailboxPlanner.converge(desired, existing, ledger, owner(), passwords)
                : MailboxPlanner.teardown(ledger, existing);
    }

    /** Compares the desired mailboxes with what the provider holds and the ledger records. */
    VerifyReport verify() {
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        long present = 0;
        long unconfirmed = 0;
        for (DesiredMailbox d : desired) {
            String key = d.address().toLowerCase(Locale.ROOT);
            ExistingMailbox e = existing.get(key);
            LedgerMailbox l = ledger.get(key);
            if (e == null) missing.add(d.address());
            else if (l == null || l.status() != LedgerMailbox.Status.ACTIVE || !d.displayName().equals(e.displayName())) {
                mismatched.add(d.address());
            } else {
                present++;
                if ("unconfirmed".equals(e.state())) unconfirmed++;
            }
        }
        return new VerifyReport(desired.size(), present, missing, mismatched, unconfirmed);
    }
}
