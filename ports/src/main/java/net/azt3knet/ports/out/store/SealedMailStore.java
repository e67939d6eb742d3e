package net.azt3knet.ports.out.store;

import java.util.List;
import java.util.Objects;

/**
 * Driven port: the mail kept sealed under the master key (the SMTP spool, the agents' mailboxes, the responder's queue
 * and its replies), paged through and re-encrypted in place when the master key is rotated. Rows kept in the clear by
 * an earlier release are not boxes and are never listed.
 */
public interface SealedMailStore {

    /** Where sealed mail is kept; each place holds boxes of one use. */
    enum Place {
        /** the SMTP gateway's spool */
        SPOOL,
        /** the agents' mailboxes */
        MAILBOX,
        /** the mail waiting for the responder, and the mail it has decided on */
        RESPONDER_MAIL,
        /** the responder's replies, drafts and sent */
        RESPONDER_REPLY
    }

    /** One stored box and the row it is in. */
    record Box(long id, byte[] sealed) {
        public Box {
            Objects.requireNonNull(sealed, "sealed");
        }
    }

    /** A box to put in place of the one a row holds now. */
    record Replacement(long id, byte[] was, byte[] next) {
        public Replacement {
            Objects.requireNonNull(was, "was");
            Objects.requireNonNull(next, "next");
        }
    }

    /**
     * The boxes of {@code place} in rows with ids above {@code after}, in id order: at most {@code limit}, and fewer
     * once they add up to {@code maxBytes} (but always one when any is left), so a page of large messages stays small.
     */
    List<Box> boxes(Place place, long after, int limit, long maxBytes);

    /**
     * Puts each replacement's box in its row where the row still holds the box it {@code was}, in one transaction;
     * a row deleted or changed meanwhile is left as it is. Returns how many rows were changed.
     */
    int replace(Place place, List<Replacement> replacements);
}
