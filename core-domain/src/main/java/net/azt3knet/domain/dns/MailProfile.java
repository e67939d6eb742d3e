package net.azt3knet.domain.dns;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the mail domain's records are computed from.
 *
 * @param domain      the mail domain, e.g. {@code agents.example.org}
 * @param mailHost    the host that receives the domain's mail when a provider hosts mailboxes, e.g. {@code mail.agents.example.org}
 * @param addresses   the mail host's public addresses (A/AAAA are written when it lies inside the domain)
 * @param dmarcPolicy {@code none}, {@code quarantine} or {@code reject}
 * @param dmarcReport where aggregate DMARC reports go ({@code rua}), an address, if any
 * @param spfExtra    further SPF mechanisms the operator adds (e.g. {@code include:_spf.example.net})
 * @param spfAll      the SPF record's last term: {@code ~all} or {@code -all}
 * @param ttl         TTL of every record (raised to the zone's minimum)
 * @param providers   the providers in use on the domain
 */
public record MailProfile(String domain, String mailHost, HostAddresses addresses, String dmarcPolicy,
                          Optional<String> dmarcReport, List<String> spfExtra, String spfAll, int ttl,
                          List<ProviderDns> providers) {

    public MailProfile {
        domain = Objects.requireNonNull(domain, "domain").strip().toLowerCase(Locale.ROOT);
        mailHost = Objects.requireNonNull(mailHost, "mailHost").strip().toLowerCase(Locale.ROOT);
        if (mailHost.endsWith(".")) mailHost = mailHost.substring(0, mailHost.length() - 1);
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(dmarcPolicy, "dmarcPolicy");
        Objects.requireNonNull(dmarcReport, "dmarcReport");
        spfExtra = List.copyOf(spfExtra);
        Objects.requireNonNull(spfAll, "spfAll");
        providers = List.copyOf(providers);
    }
}
