package net.azt3knet.domain.mailbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pure diff behind every reconcile: desired mailboxes, what the provider reports and what the ledger records in,
 * a plan out. A provider's mailbox is ours when the ledger records its address or the provider stored our
 * {@link MailboxOwner} tag with it; anything else at a desired address is a conflict.
 */
public final class MailboxPlanner {

    /** Reason: the display name differs. */
    public static final String DISPLAY_NAME = "display name";
    /** Reason: the password at the provider is behind the agent's current rotation. */
    public static final String PASSWORD = "password";

    private MailboxPlanner() {
    }

    /**
     * The changes that make the provider hold exactly {@code desired}.
     *
     * @param existing  what the provider holds, by lower-case address
     * @param ledger    what the ledger records for this population and provider, by lower-case address
     * @param owner     this population's {@link MailboxOwner#tag}
     * @param passwords true when the provider holds passwords (mailboxes); false for sender identities
     */
    public static MailboxPlan converge(List<DesiredMailbox> desired, Map<String, ExistingMailbox> existing,
                                       Map<String, LedgerMailbox> ledger, String owner, boolean passwords) {
        List<MailboxChange> changes = new ArrayList<>(desired.size());
        for (DesiredMailbox d : desired) {
            String key = d.address().toLowerCase(Locale.ROOT);
            ExistingMailbox e = existing.get(key);
            LedgerMailbox l = ledger.get(key);
            if (e == null) {
                List<String> why = l != null && l.status() == LedgerMailbox.Status.ACTIVE
                        ? List.of("missing at the provider, though recorded as made") : List.of();
                changes.add(change(ChangeKind.CREATE, d, why, null));
            } else if (l == null && !owner.equals(e.owner())) {
                changes.add(change(ChangeKind.CONFLICT, d, List.of(e.owner() == null
                        ? "exists at the provider and was not made by this population"
                        : "exists at the provider, tagged " + e.owner()), e));
            } else if (l == null || l.status() != LedgerMailbox.Status.ACTIVE) {
                changes.add(change(ChangeKind.ADOPT, d, differences(d, e, null, false), e));
            } else {
                List<String> why = differences(d, e, l, passwords);
                changes.add(change(why.isEmpty() ? ChangeKind.KEEP : ChangeKind.UPDATE, d, why, e));
            }
        }
        changes.sort(Comparator.comparingLong(MailboxChange::agentIndex));
        return new MailboxPlan(changes);
    }

    /**
     * The changes that remove every mailbox the ledger records as this population's; provider mailboxes that are
     * not in the ledger are never touched.
     */
    public static MailboxPlan teardown(Map<String, LedgerMailbox> ledger, Map<String, ExistingMailbox> existing) {
        List<MailboxChange> changes = new ArrayList<>(ledger.size());
        for (LedgerMailbox l : ledger.values()) {
            ExistingMailbox e = existing.get(l.address().toLowerCase(Locale.ROOT));
            changes.add(new MailboxChange(ChangeKind.DELETE, l.agentIndex(), l.address(), e == null ? "" : e.displayName(),
                    Math.max(l.appliedRotation(), 0), e == null ? List.of("already gone at the provider") : List.of(), e));
        }
        changes.sort(Comparator.comparingLong(MailboxChange::agentIndex));
        return new MailboxPlan(changes);
    }

    private static List<String> differences(DesiredMailbox d, ExistingMailbox e, LedgerMailbox l, boolean passwords) {
        List<String> why = new ArrayList<>(2);
        if (!d.displayName().equals(e.displayName())) why.add(DISPLAY_NAME);
        if (passwords && l != null && l.appliedRotation() != d.rotation()) why.add(PASSWORD);
        return why;
    }

    private static MailboxChange change(ChangeKind kind, DesiredMailbox d, List<String> why, ExistingMailbox e) {
        return new MailboxChange(kind, d.agentIndex(), d.address(), d.displayName(), d.rotation(), why, e);
    }
}
