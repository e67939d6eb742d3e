package net.azt3knet.application;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.SealAgentMailUseCase;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.crypto.CredentialCryptoException;
import net.azt3knet.ports.out.inbound.InboundMailbox;
import net.azt3knet.ports.out.inbound.InboundMessageStore;
import net.azt3knet.ports.out.inbound.InboundMessageStore.Box;
import net.azt3knet.ports.out.inbound.InboundMessageStore.Clear;
import net.azt3knet.ports.out.inbound.InboundMessageStore.Kept;
import net.azt3knet.ports.out.inbound.InboundMessageStore.Sealed;

/**
 * The agents' mailbox store with subject and payload sealed together ({@code mailbox.message}) under the master key:
 * one box per message, so a listing opens one box a row. Rows of earlier releases read as they were and are sealed
 * in place by {@link #sealStored()}.
 */
public final class SealedInboundMailbox implements InboundMailbox, SealAgentMailUseCase {

    /** The context every stored message is sealed under. */
    static final String CONTEXT = "mailbox.message";

    private static final int BATCH = 500;
    /** In a box, before the subject's bytes: their count, or this for a message without a subject. */
    private static final int NO_SUBJECT = -1;

    private final InboundMessageStore store;
    private final Supplier<CredentialCipher> cipher;

    /** @param cipher the cipher under the current master key; may throw when no master key is configured */
    public SealedInboundMailbox(InboundMessageStore store, Supplier<CredentialCipher> cipher) {
        this.store = Objects.requireNonNull(store, "store");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    @Override
    public Delivery deliver(InboundMessage m) {
        byte[] box = seal(key(), m.subject(), m.payload());
        return store.deliver(new Sealed(m.messageId(), m.recipient(), m.sender(), m.source(), m.receivedAt(), box));
    }

    @Override
    public boolean knows(String address) {
        return store.knows(address);
    }

    @Override
    public List<InboundMessage> messages(String recipient, int limit) {
        List<Kept> rows = store.messages(recipient, limit);
        if (rows.isEmpty()) return List.of();
        CredentialCipher key = rows.stream().anyMatch(r -> r.content() instanceof Box) ? key() : null;
        return rows.stream().map(r -> open(key, r)).toList();
    }

    @Override
    public long sealStored() {
        long sealed = 0;
        for (List<Kept> batch = store.clear(BATCH); !batch.isEmpty(); batch = store.clear(BATCH)) {
            CredentialCipher key = key();
            for (Kept r : batch) {
                Clear c = (Clear) r.content();
                // false: another process sealed it meanwhile
                if (store.seal(r.id(), seal(key, c.subject(), c.payload()))) sealed++;
            }
        }
        return sealed;
    }

    private static byte[] seal(CredentialCipher key, String subject, String payload) {
        byte[] s = subject == null ? new byte[0] : subject.getBytes(StandardCharsets.UTF_8);
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        byte[] plain = ByteBuffer.allocate(Integer.BYTES + s.length + p.length)
                .putInt(subject == null ? NO_SUBJECT : s.length).put(s).put(p).array();
        try {
            return key.sealContent(CONTEXT, plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static InboundMessage open(CredentialCipher key, Kept r) {
        String subject;
        String payload;
        if (r.content() instanceof Clear c) {
            subject = c.subject();
            payload = c.payload();
        } else {
            byte[] plain;
            try {
                plain = key.openContent(CONTEXT, ((Box) r.content()).sealed());
            } catch (CredentialCryptoException e) {
                throw new RejectedCommandException("stored message " + r.id() + " cannot be opened with the master key in use"
                        + " (key " + key.keyId() + "): it was stored under another SECRET_KEY_FOR_KV_ENC, or altered; set the key"
                        + " the agents' mail was stored with");
            }
            ByteBuffer b = ByteBuffer.wrap(plain);
            int length = b.getInt();
            subject = length == NO_SUBJECT ? null : new String(plain, Integer.BYTES, length, StandardCharsets.UTF_8);
            int at = Integer.BYTES + Math.max(length, 0);
            payload = new String(plain, at, plain.length - at, StandardCharsets.UTF_8);
        }
        return new InboundMessage(r.messageId(), r.recipient(), r.sender(), subject, r.source(), payload, r.receivedAt());
    }

    private CredentialCipher key() {
        try {
            return cipher.get();
        } catch (RuntimeException e) {
            throw new RejectedCommandException("the agents' mailbox store keeps mail encrypted and needs the master key: "
                    + e.getMessage());
        }
    }
}
