package net.azt3knet.adapters.smtp;

/**
 * How much the spool may hold before the gateway refuses new mail with {@code 451 4.3.0} (the client keeps it and
 * tries again): messages not yet ended (queued, sending, deferred, held) and their bytes. It keeps a relay outage
 * from filling the database's disk.
 *
 * @param maxMessages messages waiting
 * @param maxBytes    bytes of content waiting
 */
public record SpoolBudget(long maxMessages, long maxBytes) {

    /** No limit. */
    public static final SpoolBudget UNLIMITED = new SpoolBudget(Long.MAX_VALUE, Long.MAX_VALUE);

    public SpoolBudget {
        if (maxMessages <= 0) throw new IllegalArgumentException("smtp spool budget: at least 1 message, not " + maxMessages);
        if (maxBytes <= 0) throw new IllegalArgumentException("smtp spool budget: at least 1 byte, not " + maxBytes);
    }
}
