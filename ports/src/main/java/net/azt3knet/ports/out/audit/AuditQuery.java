package net.azt3knet.ports.out.audit;

import java.time.Instant;

/**
 * Which audit entries to list; {@code null} fields do not filter.
 *
 * @param since  entries at or after this time
 * @param action entries with this action, or whose action starts with it followed by a dot ({@code population})
 * @param target entries whose target is this ({@code population:ID})
 * @param limit  at most this many, newest last
 * @param before entries with a sequence number below this (the page before one that started there), or null
 */
public record AuditQuery(Instant since, String action, String target, int limit, Long before) {

    public AuditQuery(Instant since, String action, String target, int limit) {
        this(since, action, target, limit, null);
    }

    /** Every entry. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, Integer.MAX_VALUE, null);
    }
}
