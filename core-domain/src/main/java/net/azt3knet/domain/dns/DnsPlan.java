package net.azt3knet.domain.dns;

import java.util.List;

/**
 * The writes that make a zone hold the declared records.
 *
 * @param domain       the zone
 * @param changes      sets to create, replace or delete, in name order
 * @param unchanged    declared sets already as declared
 * @param zoneRecords  the zone's sets that may be written (protected ones not counted)
 * @param warnings     what the operator should know; nothing in them stops an apply
 */
public record DnsPlan(String domain, List<DnsChange> changes, int unchanged, int zoneRecords, List<String> warnings) {

    /** Share of a zone's existing sets a plan may replace or delete without {@code --force} (octoDNS's default). */
    public static final double SAFETY_SHARE = 0.30;
    /** Zones with fewer sets than this are small enough that any change is allowed (octoDNS's threshold). */
    public static final int SAFETY_MIN_RECORDS = 10;

    public DnsPlan {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public long count(DnsChange.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    /**
     * True when the plan replaces or deletes more than {@value #SAFETY_SHARE} of a zone of at least
     * {@value #SAFETY_MIN_RECORDS} sets: applying it needs {@code --force}.
     */
    public boolean exceedsSafetyLimit() {
        long risky = count(DnsChange.Kind.UPDATE) + count(DnsChange.Kind.DELETE);
        return zoneRecords >= SAFETY_MIN_RECORDS && risky > SAFETY_SHARE * zoneRecords;
    }
}
