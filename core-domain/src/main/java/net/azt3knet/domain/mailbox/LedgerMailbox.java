package net.azt3knet.domain.mailbox;

import java.util.Locale;
import java.util.Objects;

/**
 * What Azt3kNet recorded about a mailbox it made or adopted: the proof that the provider's object is ours.
 *
 * @param agentIndex      the agent's index
 * @param address         the address
 * @param status          {@link Status#PENDING} while a create is under way (its outcome may be unknown),
 *                        {@link Status#ACTIVE} once done
 * @param reference       the provider's id, or null while pending
 * @param appliedRotation the password rotation last set at the provider, or -1 when none was set
 */
public record LedgerMailbox(long agentIndex, String address, Status status, String reference, int appliedRotation) {

    /** Where a ledger entry stands; stored and shown as its {@link #word()}. */
    public enum Status {
        /** A create was sent, or is about to be; whether the provider made it is not known yet. */
        PENDING,
        /** Made or adopted, and verified by the provider's answer. */
        ACTIVE;

        /** The stored and shown form, lower case. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The status stored as {@code word}.
         *
         * @throws IllegalArgumentException naming the word when no status is stored so
         */
        public static Status of(String word) {
            for (Status s : values()) {
                if (s.word().equals(word)) return s;
            }
            throw new IllegalArgumentException("'" + word + "' is not a mailbox ledger status (pending or active)");
        }
    }

    public LedgerMailbox {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(status, "status");
    }
}
