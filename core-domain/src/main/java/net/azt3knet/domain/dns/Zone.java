package net.azt3knet.domain.dns;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A zone as the DNS provider holds it.
 *
 * @param domain     the zone's name, lower-case, without a trailing dot
 * @param minimumTtl the lowest TTL the provider accepts for it (deSEC: 3600 on desec.io)
 * @param rrsets     every RRset in it, protected ones included
 */
public record Zone(String domain, int minimumTtl, List<Rrset> rrsets) {

    public Zone {
        domain = Objects.requireNonNull(domain, "domain").strip().toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) domain = domain.substring(0, domain.length() - 1);
        rrsets = List.copyOf(rrsets);
    }

    /** The set of {@code type} at {@code subname}, if any. */
    public java.util.Optional<Rrset> find(String subname, String type) {
        String key = Rrset.key(subname.toLowerCase(Locale.ROOT), type.toUpperCase(Locale.ROOT));
        return rrsets.stream().filter(r -> r.key().equals(key)).findFirst();
    }
}
