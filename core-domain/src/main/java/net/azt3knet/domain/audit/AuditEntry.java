package net.azt3knet.domain.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One sealed entry of the append-only audit trail: the event, its place in the chain, and the hashes that chain
 * it to its predecessor ({@link AuditChain}).
 *
 * @param sequence     1, 2, 3, … without gaps
 * @param occurredAt   when it was recorded, microsecond precision
 * @param event        what happened
 * @param previousHash hash of the entry before (64 zeros for the first)
 * @param hash         SHA-256 of this entry's content and {@code previousHash}, hex
 */
public record AuditEntry(long sequence, Instant occurredAt, AuditEvent event, String previousHash, String hash) {

    public AuditEntry {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }
}
