package net.azt3knet.application;

import java.util.List;
import java.util.Locale;
import net.azt3knet.ports.in.DeliverLocalMailUseCase;
import net.azt3knet.ports.out.mailbox.MailboxDirectory;
import net.azt3knet.ports.out.submission.LocalRecipients;

/**
 * The gateway's local recipients: agents whose mailbox is on the embedded provider (an agent provisioned on another
 * provider gets its mail there, not here), kept through {@link DeliverLocalMailUseCase} like webhook mail. Any other
 * address on a domain the embedded provider keeps does not exist; every other domain is remote.
 */
public final class LocalMailboxRecipients implements LocalRecipients {

    private final MailboxDirectory directory;
    private final DeliverLocalMailUseCase mail;

    public LocalMailboxRecipients(MailboxDirectory directory, DeliverLocalMailUseCase mail) {
        this.directory = directory;
        this.mail = mail;
    }

    @Override
    public Kind kind(String address) {
        String a = address.strip().toLowerCase(Locale.ROOT);
        // a mailbox left behind by a deleted population has no agent to read it: it is no recipient
        if (directory.hasMailbox(a) && mail.isLocal(a)) return Kind.LOCAL;
        int at = a.lastIndexOf('@');
        return at > 0 && directory.hasDomain(a.substring(at + 1)) ? Kind.UNKNOWN : Kind.REMOTE;
    }

    @Override
    public void deliver(String sender, List<String> recipients, byte[] content) {
        if (!recipients.isEmpty()) mail.deliver(sender, recipients, content);
    }
}
