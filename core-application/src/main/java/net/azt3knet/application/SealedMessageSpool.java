package net.azt3knet.application;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.azt3knet.domain.credential.MasterKey;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.crypto.CredentialCryptoException;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpoolEntry;
import net.azt3knet.ports.out.spool.SpoolQuery;
import net.azt3knet.ports.out.spool.SpoolState;
import net.azt3knet.ports.out.spool.SpooledMessage;

/**
 * The spool with its content sealed at rest under the master key (context {@value #CONTEXT}): every message is sealed
 * once as it is stored and opened as it is claimed or read; the envelope stays in the clear, so listings and purges
 * still filter on it, and a message's size is its size in the clear. Messages an earlier release spooled in the clear
 * are read as they are.
 *
 * <p>A claimed message that does not open under the current key (it was spooled under another one) is never sent nor
 * bounced: it is deferred with a reason naming {@value MasterKey#VARIABLE}, and tried again later. {@link #find} gives
 * such a message still sealed ({@link SpooledMessage#sealed()}), so the operator's commands can still hold, retry or
 * delete it.
 */
public final class SealedMessageSpool implements MessageSpool {

    /** What the spool's boxes are bound to: a box sealed for another use does not open here. */
    public static final String CONTEXT = "smtp.spool";

    /** How long a message that does not open waits before it is claimed again (a key fixed sooner: 'queue retry'). */
    static final Duration UNOPENED_WAIT = Duration.ofMinutes(15);

    private static final Logger LOG = System.getLogger(SealedMessageSpool.class.getName());

    private final MessageSpool spool;
    private final Supplier<CredentialCipher> key;
    private final Clock clock;

    /** @param key the current master key's cipher, asked for only when a message is sealed or opened */
    public SealedMessageSpool(MessageSpool spool, Supplier<CredentialCipher> key, Clock clock) {
        this.spool = spool;
        this.key = key;
        this.clock = clock;
    }

    @Override
    public QueueId store(Envelope envelope, byte[] content) {
        return spool.storeSealed(envelope, key.get().sealContent(CONTEXT, content), content.length);
    }

    @Override
    public QueueId storeSealed(Envelope envelope, byte[] sealed, int size) {
        return spool.storeSealed(envelope, sealed, size);
    }

    @Override
    public List<SpooledMessage> claim(int max, Duration lease) {
        List<SpooledMessage> claimed = spool.claim(max, lease);
        List<SpooledMessage> open = new ArrayList<>(claimed.size());
        for (SpooledMessage m : claimed) {
            try {
                open.add(open(m));
            } catch (CredentialCryptoException e) {
                String reason = unopened(e);
                LOG.log(Level.WARNING, "message " + m.id() + ": " + reason);
                spool.markDeferred(m.id(), clock.instant().plus(UNOPENED_WAIT), reason);
            }
        }
        return open;
    }

    private SpooledMessage open(SpooledMessage m) {
        if (!m.sealed()) return m; // spooled in the clear by an earlier release
        CredentialCipher cipher = key.get();
        return m.opened(box -> cipher.openContent(CONTEXT, box));
    }

    /** Why a message waits: the cipher's refusal names the key; the operator needs the variable and the way out. */
    private static String unopened(CredentialCryptoException e) {
        return "its content does not open under the master key given (" + e.getMessage() + "); set " + MasterKey.VARIABLE
                + " to the key it was spooled under, then 'azt3knet queue retry' it; it is kept, not bounced";
    }

    @Override
    public Optional<SpooledMessage> find(QueueId id) {
        return spool.find(id).map(m -> {
            try {
                return open(m);
            } catch (CredentialCryptoException e) {
                return m; // still sealed: its entry is readable, its content is not
            }
        });
    }

    @Override
    public boolean markSending(QueueId id) {
        return spool.markSending(id);
    }

    @Override
    public boolean markSent(QueueId id, String providerMessageId) {
        return spool.markSent(id, providerMessageId);
    }

    @Override
    public boolean markDeferred(QueueId id, Instant nextAttempt, String reason) {
        return spool.markDeferred(id, nextAttempt, reason);
    }

    @Override
    public boolean markBounced(QueueId id, String reason) {
        return spool.markBounced(id, reason);
    }

    @Override
    public List<SpoolEntry> list(SpoolQuery query, QueueId before, int limit) {
        return spool.list(query, before, limit);
    }

    @Override
    public long count(SpoolQuery query) {
        return spool.count(query);
    }

    @Override
    public Optional<SpoolEntry> change(QueueId id, Change change) {
        return spool.change(id, change);
    }

    @Override
    public boolean delete(QueueId id) {
        return spool.delete(id);
    }

    @Override
    public long purge(SpoolQuery query) {
        return spool.purge(query);
    }

    @Override
    public Optional<Instant> oldest(SpoolState state) {
        return spool.oldest(state);
    }

    @Override
    public Map<SpoolState, Long> counts() {
        return spool.counts();
    }

    @Override
    public Waiting waiting() {
        return spool.waiting();
    }
}
