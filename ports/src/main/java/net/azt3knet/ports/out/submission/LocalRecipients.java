package net.azt3knet.ports.out.submission;

import java.util.List;

/**
 * Driven port: the mailboxes this installation keeps itself, the only addresses unauthenticated sessions may reach,
 * and their delivery: mail for them is kept at once rather than relayed.
 */
public interface LocalRecipients {

    /** Where mail for an address goes. */
    enum Kind {
        /** A local mailbox: its mail is kept here. */
        LOCAL,
        /** No mailbox, on a domain local mailboxes use: a recipient that does not exist (550 5.1.1). */
        UNKNOWN,
        /** Any other domain: mail for it is relayed (authenticated senders only). */
        REMOTE
    }

    /** No local mailboxes: every address is remote. */
    LocalRecipients NONE = new LocalRecipients() {
        @Override
        public Kind kind(String address) {
            return Kind.REMOTE;
        }

        @Override
        public void deliver(String sender, List<String> recipients, byte[] content) {
            if (!recipients.isEmpty()) throw new IllegalStateException("no local mailboxes: " + recipients);
        }
    };

    /**
     * What {@code address} is here.
     *
     * @throws RuntimeException when the mailboxes cannot be read (the gateway answers 451 and the client tries again)
     */
    Kind kind(String address);

    /**
     * Keeps {@code content} (RFC 5322, as accepted) in the mailbox of each of {@code recipients} (all {@link Kind#LOCAL}),
     * durably, once per Message-ID: a client that sends it again after a lost reply stores nothing twice.
     *
     * @throws RuntimeException when the store failed (the gateway answers 451; a retry completes what a failure left)
     */
    void deliver(String sender, List<String> recipients, byte[] content);
}
