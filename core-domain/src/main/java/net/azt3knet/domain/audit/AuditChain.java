package net.azt3knet.domain.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;

/**
 * The hash chain of the audit trail. Each entry's hash covers its sequence number, time, event and the previous
 * entry's hash, so changing, deleting or reordering any entry breaks every hash after it. Every store seals and
 * verifies entries with this one class.
 */
public final class AuditChain {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private long sequence;
    private String head;

    private AuditChain(long sequence, String head) {
        this.sequence = sequence;
        this.head = head;
    }

    /** A chain that continues after the entry with {@code lastSequence} and {@code lastHash} (0 and {@link #GENESIS} when empty). */
    public static AuditChain continuing(long lastSequence, String lastHash) {
        return new AuditChain(lastSequence, lastHash);
    }

    /** Seals {@code event} as the next entry, at {@code now} truncated to microseconds (what PostgreSQL stores). */
    public AuditEntry append(AuditEvent event, Instant now) {
        long next = sequence + 1;
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        String hash = hash(next, at, event, head);
        AuditEntry entry = new AuditEntry(next, at, event, head, hash);
        sequence = next;
        head = hash;
        return entry;
    }

    /** The hash an entry with this content must carry. */
    public static String hash(long sequence, Instant occurredAt, AuditEvent event, String previousHash) {
        StringBuilder b = new StringBuilder(256);
        field(b, Long.toString(sequence));
        field(b, occurredAt.truncatedTo(ChronoUnit.MICROS).toString());
        field(b, event.actor());
        field(b, event.action());
        field(b, event.target());
        field(b, event.outcome());
        for (Map.Entry<String, String> d : event.sortedDetails().entrySet()) {
            field(b, d.getKey());
            field(b, d.getValue());
        }
        field(b, previousHash);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK guarantees SHA-256", e);
        }
    }

    /** Length-prefixed, so no choice of field values can make two different entries encode alike. */
    private static void field(StringBuilder b, String value) {
        b.append(value.length()).append(':').append(value).append(';');
    }

    /** Checks entries given in sequence order, one at a time. */
    public static final class Verifier {

        private long expected = 1;
        private String previous = GENESIS;
        private long checked;
        private String problem;

        /** Checks the next entry; returns false once a problem was found (see {@link #problem()}). */
        public boolean accept(AuditEntry e) {
            if (problem != null) return false;
            if (e.sequence() != expected) {
                String gap = expected + (e.sequence() - 1 > expected ? "-" + (e.sequence() - 1) : "");
                problem = e.sequence() > expected
                        ? "entry " + e.sequence() + " follows entry " + (expected - 1) + ": entries " + gap
                          + " were removed or moved"
                        : "entry " + e.sequence() + " appears again after entry " + (expected - 1)
                          + ": entries were reordered or duplicated";
            } else if (!e.hash().equals(hash(e.sequence(), e.occurredAt(), e.event(), e.previousHash()))) {
                problem = "entry " + e.sequence() + " was modified: its hash does not match its content";
            } else if (!e.previousHash().equals(previous)) {
                problem = "entry " + e.sequence() + " does not follow entry " + (e.sequence() - 1)
                        + ": its previous hash differs (entries were removed, reordered or rewritten)";
            }
            if (problem != null) return false;
            checked++;
            expected++;
            previous = e.hash();
            return true;
        }

        /** Entries checked and found intact. */
        public long checked() {
            return checked;
        }

        /** The first problem found, or {@code null} when every entry so far is intact. */
        public String problem() {
            return problem;
        }

        /** The hash of the last intact entry ({@link #GENESIS} for none): record it to detect later truncation. */
        public String head() {
            return previous;
        }
    }
}
