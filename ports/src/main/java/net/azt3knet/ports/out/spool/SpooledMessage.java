package net.azt3knet.ports.out.spool;

import java.util.Objects;

/** A spooled message with its content: the bytes exactly as accepted (the gateway's Received header first). */
public final class SpooledMessage {

    private final SpoolEntry entry;
    private final byte[] content;

    public SpooledMessage(SpoolEntry entry, byte[] content) {
        this.entry = Objects.requireNonNull(entry, "entry");
        this.content = content.clone();
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

    @Override
    public String toString() {
        return "SpooledMessage[" + entry.id() + ", " + entry.state() + ", " + content.length + " bytes]";
    }
}
