package net.azt3knet.application;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import net.azt3knet.domain.responder.IncomingMail;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.ResponderIntakeUseCase;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.mail.MessageCodec;
import net.azt3knet.ports.out.responder.ReplyQueue;
import net.azt3knet.ports.out.responder.ReplyQueue.NewMail;
import net.azt3knet.ports.out.responder.ResponderRoster;

/**
 * Where every received message enters the responder: only an enabled agent's mail is kept, read once to find its
 * Message-ID and thread, and queued encrypted ({@code responder.mail}) with the sender as a hash only. The queue's
 * (agent, Message-ID) key makes a message fed twice (IMAP and a webhook, a restart) one entry.
 */
public final class ResponderIntakeService implements ResponderIntakeUseCase {

    /** The context every queued message is sealed under; the workers open with the same. */
    static final String MAIL_CONTEXT = "responder.mail";

    private static final Logger LOG = System.getLogger(ResponderIntakeService.class.getName());

    private final ResponderRoster roster;
    private final ReplyQueue queue;
    private final MessageCodec codec;
    private final Supplier<CredentialCipher> cipher;
    private final Clock clock;

    /** @param cipher the cipher under the current master key; may throw when no master key is configured */
    public ResponderIntakeService(ResponderRoster roster, ReplyQueue queue, MessageCodec codec,
                                  Supplier<CredentialCipher> cipher, Clock clock) {
        this.roster = Objects.requireNonNull(roster, "roster");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Intake offer(String agent, String source, byte[] payload) {
        String address = agent == null ? "" : agent.strip().toLowerCase(Locale.ROOT);
        Optional<ResponderRoster.Enabled> enabled = roster.enabled(address);
        if (enabled.isEmpty()) return Intake.NOT_ENABLED;
        IncomingMail mail;
        try {
            mail = codec.read(source, payload);
        } catch (IllegalArgumentException e) {
            // the reason may quote the message: only the agent's hash is logged
            LOG.log(Level.WARNING, "responder: an unreadable {0} message for agent {1} was not queued",
                    source, Digests.sha256Hex(address));
            return Intake.UNREADABLE;
        }
        CredentialCipher key = key();
        NewMail entry = new NewMail(address, enabled.get().population(), mail.messageId(), source, mail.threadId(),
                senderHash(mail.from()), key.sealContent(MAIL_CONTEXT, payload), clock.instant());
        return queue.enqueue(entry).isPresent() ? Intake.QUEUED : Intake.DUPLICATE;
    }

    /** SHA-256 hex of the lower-case address: how the responder's tables and the audit trail name outside addresses. */
    static String senderHash(String address) {
        return Digests.sha256Hex(address.strip().toLowerCase(Locale.ROOT));
    }

    private CredentialCipher key() {
        try {
            return cipher.get();
        } catch (RuntimeException e) {
            throw new RejectedCommandException("the responder keeps received mail encrypted and needs the master key: "
                    + e.getMessage());
        }
    }
}
