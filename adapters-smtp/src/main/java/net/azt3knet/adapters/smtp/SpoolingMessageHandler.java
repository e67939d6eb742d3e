package net.azt3knet.adapters.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SuppressedRecipients;
import net.azt3knet.ports.out.submission.LocalRecipients;
import net.azt3knet.ports.out.submission.SubmissionUser;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One mail transaction: the relay policy at MAIL and RCPT, then, inside DATA, the message kept in the local
 * recipients' mailboxes and committed to the spool for the others, so the library writes {@code 250} only after both.
 * A store that fails gets {@code 451 4.3.0}: the client keeps the message and tries again, nothing is acknowledged that
 * was not stored (the mailboxes keep a message once per Message-ID, so the retry adds nothing twice there).
 */
final class SpoolingMessageHandler implements MessageHandler {

    /** RFC 5321 §6.3: a message that has passed this many relays is in a loop. */
    static final int MAX_HOPS = 30;

    private static final System.Logger LOG = System.getLogger(SpoolingMessageHandler.class.getName());

    private final MessageContext context;
    private final Sessions sessions;
    private final Sessions.State session;
    private final Optional<SubmissionUser> user;
    private final SmtpServerSettings settings;
    private final MessageSpool spool;
    private final LocalRecipients local;
    private final SpoolUsage usage;
    private final SuppressedRecipients suppressed;
    private final Clock clock;
    private final List<String> recipients = new ArrayList<>();
    private final List<String> localRecipients = new ArrayList<>();
    private String reversePath = "";

    SpoolingMessageHandler(MessageContext context, Sessions sessions, SmtpServerSettings settings, MessageSpool spool,
                           LocalRecipients local, SuppressedRecipients suppressed, Clock clock) {
        this(context, sessions, settings, spool, local, suppressed, clock, new SpoolUsage(spool, SpoolBudget.UNLIMITED, clock));
    }

    SpoolingMessageHandler(MessageContext context, Sessions sessions, SmtpServerSettings settings, MessageSpool spool,
                           LocalRecipients local, SuppressedRecipients suppressed, Clock clock, SpoolUsage usage) {
        this.usage = usage;
        this.suppressed = suppressed;
        this.context = context;
        this.sessions = sessions;
        this.session = sessions.of(context);
        this.user = sessions.user(context);
        this.settings = settings;
        this.spool = spool;
        this.local = local;
        this.clock = clock;
    }

    @Override
    public void from(String from) throws RejectException {
        if (session.messages() >= settings.maxMessagesPerSession()) {
            throw new RejectException(452, "4.7.0 Too many messages in this session; send the rest in a new one");
        }
        if (user.isPresent() && !user.get().owns(from)) {
            throw new RejectException(550, "5.7.1 <" + from + ">: Sender address not owned by user " + user.get().name());
        }
        sessions.count(user, from);
        reversePath = from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        if (recipient.isEmpty() || recipient.indexOf('@') <= 0 || recipient.chars().anyMatch(c -> c <= ' ')) {
            throw new RejectException(501, "5.1.3 <" + recipient + ">: Bad recipient address syntax");
        }
        if (recipients.size() + localRecipients.size() >= settings.maxRecipients()) {
            throw new RejectException(452, "4.5.3 Too many recipients; send the rest in another message");
        }
        LocalRecipients.Kind kind;
        try {
            kind = local.kind(recipient);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "SMTP session " + context.getSessionId() + ": local mailboxes unreadable: " + e.getMessage());
            throw new RejectException(451, "4.3.0 <" + recipient + ">: Cannot check the recipient now; try again later");
        }
        switch (kind) {
            case UNKNOWN -> throw new RejectException(550, "5.1.1 <" + recipient + ">: Recipient address rejected: no such mailbox here");
            case REMOTE -> {
                if (user.isEmpty() && !trusted()) throw new RejectException(550, "5.7.1 <" + recipient + ">: Relay access denied");
                if (suppressed.suppressed(recipient)) { // it bounced hard before: refuse now rather than accept and bounce again
                    throw new RejectException(550, "5.1.1 <" + recipient + ">: Recipient address rejected: it bounced before (suppressed)");
                }
                recipients.add(recipient);
            }
            case LOCAL -> localRecipients.add(recipient);
        }
    }

    /** A client on this host while the server trusts loopback (the server only binds to loopback then). */
    private boolean trusted() {
        return settings.trustLoopback() && ((InetSocketAddress) context.getRemoteAddress()).getAddress().isLoopbackAddress();
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        byte[] message = readAtMost(data, settings.maxMessageBytes());
        if (message == null) {
            throw new RejectException(552, "5.3.4 Message size exceeds fixed limit of " + settings.maxMessageBytes() + " bytes");
        }
        if (receivedHeaders(message) > MAX_HOPS) {
            throw new RejectException(554, "5.4.6 Too many hops (more than " + MAX_HOPS + " Received headers): mail loop?");
        }
        byte[] trace = ReceivedHeader.line(context.getHelo().orElse(""), (InetSocketAddress) context.getRemoteAddress(),
                settings.hostName(), Sessions.tls(context), user.isPresent(), context.getSessionId(), clock.instant());
        byte[] content = new byte[trace.length + message.length];
        System.arraycopy(trace, 0, content, 0, trace.length);
        System.arraycopy(message, 0, content, trace.length, message.length);
        if (!localRecipients.isEmpty()) {
            try {
                local.deliver(reversePath, localRecipients, content);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "SMTP session " + context.getSessionId() + ": message not delivered locally: " + e.getMessage());
                throw new RejectException(451, "4.3.0 Message not delivered: the local mailboxes are unavailable; try again later");
            }
        }
        if (recipients.isEmpty()) {
            session.accepted();
            return "2.0.0 Ok: delivered to " + localRecipients.size() + (localRecipients.size() == 1 ? " local mailbox" : " local mailboxes");
        }
        Envelope envelope = new Envelope(reversePath, recipients, user.map(SubmissionUser::name),
                ((InetSocketAddress) context.getRemoteAddress()).getAddress().getHostAddress(), context.getHelo().orElse(""));
        if (!usage.admit(content.length)) {
            LOG.log(System.Logger.Level.WARNING, "SMTP session " + context.getSessionId() + ": message not queued: the spool is over its budget");
            throw new RejectException(451, "4.3.0 Message not queued: the spool is full; try again later");
        }
        QueueId id;
        try {
            id = spool.store(envelope, content);
        } catch (RuntimeException e) {
            // the reason is for the operator's log; the client only learns to try again
            LOG.log(System.Logger.Level.WARNING, "SMTP session " + context.getSessionId() + ": message not queued: " + e.getMessage());
            throw new RejectException(451, "4.3.0 Message not queued: the spool is unavailable; try again later");
        }
        session.accepted();
        return "2.0.0 Ok: queued as " + id;
    }

    @Override
    public void done() {
        // nothing held: the message is in the mailboxes and the spool, or was refused
    }

    /**
     * The whole message, or null when it is longer than {@code max}: then the rest is read and dropped so the next
     * command is read as a command, not as message text.
     */
    static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) != -1; ) {
            total += n;
            if (total <= max) out.write(buf, 0, n);
        }
        return total > max ? null : out.toByteArray();
    }

    /** Received fields in the header section (continuation lines are not fields). */
    static int receivedHeaders(byte[] message) {
        int count = 0;
        int lineStart = 0;
        for (int i = 0; i <= message.length; i++) {
            if (i < message.length && message[i] != '\n') continue;
            int end = i > lineStart && message[i - 1] == '\r' ? i - 1 : i;
            if (end == lineStart) break; // the empty line: the body starts
            if (startsWithIgnoreCase(message, lineStart, end, "received:")) count++;
            lineStart = i + 1;
        }
        return count;
    }

    private static boolean startsWithIgnoreCase(byte[] b, int from, int to, String prefix) {
        if (to - from < prefix.length()) return false;
        for (int k = 0; k < prefix.length(); k++) {
            if (Character.toLowerCase((char) b[from + k]) != prefix.charAt(k)) return false;
        }
        return true;
    }
}
