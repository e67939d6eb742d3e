package net.azt3knet.domain.mailbox;

import java.util.UUID;

/**
 * The tag stored with a mailbox at providers that keep tags (Mailcow, local): it marks the mailbox as made by
 * Azt3kNet for one population, so a rebuilt database can tell its own mailboxes from someone else's.
 */
public final class MailboxOwner {

    private MailboxOwner() {
    }

    /** {@code azt3knet-<population id>}: letters, digits and dashes, which every provider's tags accept. */
    public static String tag(UUID population) {
        return "azt3knet-" + population;
    }
}
