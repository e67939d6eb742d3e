package net.azt3knet.ports.out.spool;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A spooled message with its content: the bytes exactly as accepted (the gateway's Received header first), or, when
 * {@link #sealed()}, those bytes sealed as {@link MessageSpool#storeSealed} was given them.
 */
public final class SpooledMessage {

    private final SpoolEntry entry;
    private final byte[] content;
    private final boolean sealed;

    /** A message stored in the clear. */
    public SpooledMessage(SpoolEntry entry, byte[] content) {
        this(entry, content, false);
    }

    public SpooledMessage(SpoolEntry entry, byte[] content, boolean sealed) {
        this(sealed, entry, content.clone());
    }

    /** Keeps {@code owned} itself: only for arrays nobody else holds. */
    private SpooledMessage(boolean sealed, SpoolEntry entry, byte[] owned) {
        this.entry = Objects.requireNonNull(entry, "entry");
        this.content = owned;
        this.sealed = sealed;
    }

    /**
     * This message in the clear: {@code open} gets the sealed bytes themselves (it must neither change nor keep them)
     * and returns a new array with the plaintext, kept as it is, so a large message is not copied on the way; a message
     * stored in the clear is returned as it is.
     */
    public SpooledMessage opened(UnaryOperator<byte[]> open) {
        return sealed ? new SpooledMessage(false, entry, Objects.requireNonNull(open.apply(content), "opened")) : this;
    }

    public SpoolEntry entry() {
        return entry;
    }

    public QueueId id() {
        return entry.id();
    }

    public Envelope envelope() {
        return entry.envelope();
    }

    /** A copy of the stored bytes. */
    public byte[] content() {
        return content.clone();
    }

    /** True when {@link #content()} is sealed: only the key it was sealed under opens it. */
    public boolean sealed() {
        return sealed;
    }

    @Override
    public String toString() {
        return "SpooledMessage[" + entry.id() + ", " + entry.state() + ", " + content.length + " bytes" + (sealed ? ", sealed]" : "]");
    }
}
