package net.azt3knet.ports.out.mailbox;

/**
 * Driven port: the mailboxes and domains a provider keeps in this installation (the embedded provider), so the SMTP
 * gateway knows which addresses it receives mail for. Addresses and domains are compared case-insensitively.
 */
public interface MailboxDirectory {

    /** True when the provider keeps a mailbox for {@code address}. */
    boolean hasMailbox(String address);

    /** True when the provider keeps mailboxes on {@code domain}. */
    boolean hasDomain(String domain);
}
