package net.azt3knet.domain.dns;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's choices for every mail domain's records (configuration), from which a domain's {@link MailProfile}
 * is made once the providers and addresses are known.
 *
 * @param mailHost    the mail host, or null for {@code mail.<domain>}
 * @param addresses   the mail host's addresses as configured; unknown ones are detected or kept as published
 * @param dmarcPolicy {@code none}, {@code quarantine} or {@code reject}
 * @param dmarcReport where aggregate reports go, if anywhere
 * @param spfExtra    further SPF mechanisms
 * @param spfAll      {@code ~all} or {@code -all}
 * @param ttl         TTL of the records
 */
public record MailDnsPolicy(String mailHost, HostAddresses addresses, String dmarcPolicy, Optional<String> dmarcReport,
                            List<String> spfExtra, String spfAll, int ttl) {

    public static final MailDnsPolicy DEFAULTS = new MailDnsPolicy(null, HostAddresses.NONE, "quarantine", Optional.empty(),
            List.of(), "~all", 3600);

    public MailDnsPolicy {
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(dmarcPolicy, "dmarcPolicy");
        Objects.requireNonNull(dmarcReport, "dmarcReport");
        spfExtra = List.copyOf(spfExtra);
        Objects.requireNonNull(spfAll, "spfAll");
    }

    /** The mail host of {@code domain}. */
    public String mailHostOf(String domain) {
        return mailHost != null ? mailHost : "mail." + domain;
    }

    /** The profile of {@code domain} with the mail host at {@code hostAddresses}. */
    public MailProfile profile(String domain, HostAddresses hostAddresses, List<ProviderDns> providers) {
        return new MailProfile(domain, mailHostOf(domain), hostAddresses, dmarcPolicy, dmarcReport, spfExtra, spfAll, ttl, providers);
    }
}
