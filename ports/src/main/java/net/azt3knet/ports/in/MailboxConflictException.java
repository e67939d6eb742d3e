package net.azt3knet.ports.in;

import java.util.List;
import net.azt3knet.domain.mailbox.MailboxChange;

/** The provider holds addresses the population wants and they are not its own; nothing was written. */
public final class MailboxConflictException extends RuntimeException {

    private final transient List<MailboxChange> conflicts;

    public MailboxConflictException(String provider, List<MailboxChange> conflicts) {
        super(conflicts.size() + " address" + (conflicts.size() == 1 ? " is" : "es are") + " held at " + provider
                + " by someone else; nothing was written. Choose --on-conflict skip (leave them) or adopt (take them over)");
        this.conflicts = List.copyOf(conflicts);
    }

    /** Every conflict, in agent order. */
    public List<MailboxChange> conflicts() {
        return conflicts;
    }
}
