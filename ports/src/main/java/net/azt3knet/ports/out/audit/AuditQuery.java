package net.azt3knet.ports.out.audit;

import java.time.Instant;

/**
 * Which audit entries to list; {@code null} fields do not filter.
 *
 * @param since  entries at or after this time
 * @param action entries with this action, or whose action starts with it followed by a dot ({@code population})
 * @param target entries whose target is this ({@code population:ID})
 * @param limit  at most this many, newest last
 */
public record AuditQuery(Instant since, String action, String target, int limit) {

    /** Every entry. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, Integer.MAX_VALUE);
    }
}
