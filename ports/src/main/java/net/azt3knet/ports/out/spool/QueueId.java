package net.azt3knet.ports.out.spool;

/** The spool's name for one accepted message: the id in {@code 250 2.0.0 Ok: queued as <id>} and in the queue commands. */
public record QueueId(long value) {

    public QueueId {
        if (value <= 0) throw new IllegalArgumentException("a queue id is a positive number, not " + value);
    }

    /** Reads an id as the SMTP reply and the queue commands print it. */
    public static QueueId parse(String text) {
        try {
            return new QueueId(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("queue id: '" + text + "' is not a queue id; use the number from 'queued as <id>'");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
