package net.azt3knet.ports.out.submission;

/** Driven port: the addresses this installation keeps mailboxes for, the only ones unauthenticated sessions may reach. */
public interface LocalRecipients {

    /** True when {@code address} is a local mailbox. */
    boolean isLocal(String address);
}
