package net.azt3knet.domain.mailbox;

import java.util.List;
import java.util.Objects;

/**
 * One line of a plan.
 *
 * @param kind        what to do
 * @param agentIndex  the agent's index
 * @param address     the address
 * @param displayName the desired display name
 * @param rotation    the desired password rotation
 * @param reasons     why, e.g. {@code display name}, {@code password}, {@code owned by someone else}
 * @param existing    what the provider holds, or null when it holds nothing
 */
public record MailboxChange(ChangeKind kind, long agentIndex, String address, String displayName, int rotation,
                            List<String> reasons, ExistingMailbox existing) {

    public MailboxChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        reasons = List.copyOf(reasons);
    }

    /** True when the password is to be (re)set: on adopt and on a rotation the provider has not seen. */
    public boolean setsPassword() {
        return kind == ChangeKind.ADOPT || reasons.contains(MailboxPlanner.PASSWORD);
    }

    /** True when the display name is to be set on an existing mailbox. */
    public boolean setsDisplayName() {
        return reasons.contains(MailboxPlanner.DISPLAY_NAME);
    }
}
