package net.azt3knet.domain.mailbox;

import java.util.Objects;

/**
 * What Azt3kNet recorded about a mailbox it made or adopted: the proof that the provider's object is ours.
 *
 * @param agentIndex      the agent's index
 * @param address         the address
 * @param status          {@link #PENDING} while a create is under way (its outcome may be unknown), {@link #ACTIVE}
 *                        once done
 * @param reference       the provider's id, or null while pending
 * @param appliedRotation the password rotation last set at the provider, or -1 when none was set
 */
public record LedgerMailbox(long agentIndex, String address, String status, String reference, int appliedRotation) {

    /** A create was sent, or is about to be; whether the provider made it is not known yet. */
    public static final String PENDING = "pending";
    /** Made or adopted, and verified by the provider's answer. */
    public static final String ACTIVE = "active";

    public LedgerMailbox {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(status, "status");
    }
}
