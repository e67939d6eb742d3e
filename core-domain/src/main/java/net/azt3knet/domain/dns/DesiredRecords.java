package net.azt3knet.domain.dns;

import java.util.List;

/**
 * The records a mail profile declares, which are the only ones Azt3kNet writes.
 *
 * @param domain   the zone
 * @param rrsets   the declared sets; a TXT set holding an SPF record owns only that value (other TXT values at the
 *                 same name, such as a site verification, are kept)
 * @param warnings what the operator should know (an MX target without an address, …)
 */
public record DesiredRecords(String domain, List<Rrset> rrsets, List<String> warnings) {

    public DesiredRecords {
        rrsets = List.copyOf(rrsets);
        warnings = List.copyOf(warnings);
    }

    /** True when {@code text} is an SPF record: the one value of a shared TXT set Azt3kNet owns. */
    public static boolean isSpf(String txtText) {
        return txtText.regionMatches(true, 0, "v=spf1", 0, 6) && (txtText.length() == 6 || txtText.charAt(6) == ' ');
    }

    /** True when the set holds an SPF record and so is shared with values Azt3kNet does not own. */
    static boolean shared(Rrset set) {
        return set.type().equals("TXT") && set.records().stream().map(Rdata::txtText).anyMatch(DesiredRecords::isSpf);
    }
}
