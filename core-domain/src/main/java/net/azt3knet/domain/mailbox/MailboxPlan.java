package net.azt3knet.domain.mailbox;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every change a reconcile would make, in agent order, and the writes to the domain's own settings at the provider
 * ({@code domain}: one line each); nothing is written by computing it.
 */
public record MailboxPlan(List<MailboxChange> changes, List<String> domain) {

    public MailboxPlan {
        changes = List.copyOf(changes);
        domain = List.copyOf(domain);
    }

    /** Mailbox changes only (a teardown, or a domain whose settings are as desired). */
    public MailboxPlan(List<MailboxChange> changes) {
        this(changes, List.of());
    }

    /** The same mailbox changes, with the domain's settings to write. */
    public MailboxPlan withDomain(List<String> domainChanges) {
        return new MailboxPlan(changes, domainChanges);
    }

    /** How many changes of each kind, every kind present (zero when none). */
    public Map<ChangeKind, Long> counts() {
        Map<ChangeKind, Long> counts = new EnumMap<>(ChangeKind.class);
        for (ChangeKind k : ChangeKind.values()) counts.put(k, 0L);
        for (MailboxChange c : changes) counts.merge(c.kind(), 1L, Long::sum);
        return counts;
    }

    /** The changes of one kind. */
    public List<MailboxChange> of(ChangeKind kind) {
        return changes.stream().filter(c -> c.kind() == kind).toList();
    }

    /** True when applying it would write nothing. */
    public boolean converged() {
        return domain.isEmpty() && changes.stream().noneMatch(c -> c.kind().writes() || c.kind() == ChangeKind.CONFLICT);
    }

    /** {@code 3 to create, 0 to adopt, 1 to update, 0 to delete, 1 conflict, 10 unchanged} (and {@code ; 1 domain setting to write}). */
    public String summary() {
        Map<ChangeKind, Long> n = counts();
        return n.get(ChangeKind.CREATE) + " to create, " + n.get(ChangeKind.ADOPT) + " to adopt, " + n.get(ChangeKind.UPDATE)
                + " to update, " + n.get(ChangeKind.DELETE) + " to delete, " + n.get(ChangeKind.CONFLICT)
                + (n.get(ChangeKind.CONFLICT) == 1 ? " conflict, " : " conflicts, ") + n.get(ChangeKind.KEEP) + " unchanged"
                + (domain.isEmpty() ? "" : "; " + domain.size() + (domain.size() == 1 ? " domain setting" : " domain settings") + " to write");
    }
}
