package net.azt3knet.domain.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure diff of a zone: declared records against what the provider holds, both in canonical form, so a spelling
 * difference (case, trailing dot, IPv6 form, TXT quoting or splitting, order) never causes a write. Only declared
 * sets are written; other sets are deleted only when pruning, and never the protected ones.
 */
public final class DnsPlanner {

    /** Highest TTL deSEC accepts, and a sane ceiling for any zone. */
    public static final int MAX_TTL = 86_400;

    private DnsPlanner() {
    }

    /**
     * @param prune true to delete the zone's sets that are not declared (protected sets excepted)
     */
    public static DnsPlan plan(DesiredRecords desired, Zone zone, boolean prune) {
        List<String> warnings = new ArrayList<>(desired.warnings());
        Map<String, Rrset> current = new LinkedHashMap<>();
        zone.rrsets().forEach(r -> current.put(r.key(), r));
        Map<String, Rrset> wanted = new LinkedHashMap<>();
        for (Rrset d : desired.rrsets()) {
            int ttl = Math.min(MAX_TTL, Math.max(d.ttl(), zone.minimumTtl()));
            Rrset set = d.withTtl(ttl);
            Rrset now = current.get(set.key());
            if (now != null && DesiredRecords.shared(set)) {
                // the SPF value is ours; every other TXT value at the name is someone else's and stays
                List<String> merged = new ArrayList<>(set.records());
                now.records().stream().filter(v -> !DesiredRecords.isSpf(Rdata.txtText(v))).forEach(merged::add);
                set = set.withRecords(merged);
            }
            if (clash(set, current)) {
                warnings.add(set.fqdn(zone.domain()) + " " + set.type() + " is left out: a CNAME cannot share its name with"
                        + " other records, and the zone holds another type there");
                continue;
            }
            wanted.put(set.key(), set);
        }

        List<DnsChange> changes = new ArrayList<>();
        int unchanged = 0;
        for (Rrset w : wanted.values()) {
            Rrset now = current.get(w.key());
            if (now == null) {
                changes.add(new DnsChange(DnsChange.Kind.CREATE, null, w));
            } else if (now.equals(w)) {
                unchanged++;
            } else {
                changes.add(new DnsChange(DnsChange.Kind.UPDATE, now, w));
            }
        }
        if (prune) {
            for (Rrset now : current.values()) {
                if (!now.isProtected() && !wanted.containsKey(now.key())) changes.add(new DnsChange(DnsChange.Kind.DELETE, now, null));
            }
        }
        changes.sort(Comparator.comparing(DnsChange::subname).thenComparing(DnsChange::type));
        int writable = (int) current.values().stream().filter(r -> !r.isProtected()).count();
        return new DnsPlan(zone.domain(), changes, unchanged, writable, warnings);
    }

    /** True when {@code set} and a set of another type at its name cannot coexist (one of them is a CNAME). */
    private static boolean clash(Rrset set, Map<String, Rrset> current) {
        for (Rrset other : current.values()) {
            if (other.subname().equals(set.subname()) && !other.type().equals(set.type())
                    && (other.type().equals("CNAME") || set.type().equals("CNAME"))
                    && !other.type().equals("RRSIG") && !other.type().equals("NSEC")) {
                return true;
            }
        }
        return false;
    }
}
