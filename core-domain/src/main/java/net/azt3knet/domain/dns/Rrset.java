package net.azt3knet.domain.dns;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A resource record set: every record of one type at one name, with one TTL. Records are held in
 * {@link Rdata canonical form}, sorted and without duplicates, so equal data means an equal RRset.
 *
 * @param subname the name relative to the zone, lower-case; {@code ""} is the apex
 * @param type    the record type, upper-case ({@code MX}, {@code TXT}, …)
 * @param ttl     seconds
 * @param records the record data in presentation format
 */
public record Rrset(String subname, String type, int ttl, List<String> records) {

    public Rrset {
        subname = Objects.requireNonNull(subname, "subname").strip().toLowerCase(Locale.ROOT);
        if (subname.endsWith(".")) throw new IllegalArgumentException("subname '" + subname + "' must be relative to the zone");
        if (subname.equals("@")) subname = "";
        type = Objects.requireNonNull(type, "type").strip().toUpperCase(Locale.ROOT);
        if (ttl < 0) throw new IllegalArgumentException("ttl of " + subname + " " + type + " must not be negative");
        TreeSet<String> canonical = new TreeSet<>();
        for (String r : records) canonical.add(Rdata.normalize(type, r));
        records = List.copyOf(canonical);
    }

    /** The key that identifies the set in a zone: {@code subname/TYPE}. */
    public String key() {
        return key(subname, type);
    }

    static String key(String subname, String type) {
        return subname + "/" + type;
    }

    /** The full name under {@code domain}, with a trailing dot. */
    public String fqdn(String domain) {
        String zone = Rdata.host(domain);
        return subname.isEmpty() ? zone : subname + "." + zone;
    }

    /** This set with another TTL. */
    public Rrset withTtl(int newTtl) {
        return new Rrset(subname, type, newTtl, records);
    }

    /** This set with other records. */
    public Rrset withRecords(List<String> newRecords) {
        return new Rrset(subname, type, ttl, newRecords);
    }

    /** True when the DNS provider manages it itself: SOA, DNSSEC records and the apex NS set are never written. */
    public boolean isProtected() {
        return switch (type) {
            case "SOA", "RRSIG", "NSEC", "NSEC3", "NSEC3PARAM", "DNSKEY", "CDS", "CDNSKEY", "KEY", "OPT" -> true;
            case "NS" -> subname.isEmpty();
            default -> false;
        };
    }
}
