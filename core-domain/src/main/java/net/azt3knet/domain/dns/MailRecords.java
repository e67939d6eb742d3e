package net.azt3knet.domain.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The records a mail domain needs, from its {@link MailProfile}: MX, one merged SPF record, each provider's DKIM and
 * ownership records, DMARC, the mail host's A/AAAA, and autoconfig/autodiscover where a provider hosts mailboxes
 * that clients set up.
 */
public final class MailRecords {

    /** RFC 7208 §4.6.4: an SPF check may cause at most 10 DNS lookups. */
    public static final int SPF_LOOKUP_LIMIT = 10;
    private static final Set<String> POLICIES = Set.of("none", "quarantine", "reject");
    private static final int MX_PRIORITY = 10;

    private MailRecords() {
    }

    /**
     * The declared records.
     *
     * @throws InvalidMailProfileException listing every problem (SPF over the lookup limit, a record outside the
     *                                     domain, an unknown DMARC policy)
     */
    public static DesiredRecords desired(MailProfile p) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Set<String>> sets = new LinkedHashMap<>();
        String domain = p.domain();

        boolean hosted = p.providers().stream().anyMatch(ProviderDns::hostsMailboxes);
        List<String> receivers = p.providers().stream().filter(ProviderDns::hostsMailboxes).map(ProviderDns::provider).toList();
        if (hosted) {
            add(sets, "", "MX", MX_PRIORITY + " " + Rdata.host(p.mailHost()));
            for (ProviderDns d : p.providers()) {
                d.inboundMx().ifPresent(mx -> warnings.add(d.provider() + " would receive " + domain + "'s mail at " + mx
                        + ", but " + String.join(", ", receivers) + " host mailboxes there: MX stays at " + p.mailHost()));
            }
        } else {
            p.providers().forEach(d -> d.inboundMx().ifPresent(mx -> add(sets, "", "MX", MX_PRIORITY + " " + Rdata.host(mx))));
        }

        String mailSub = relative(p.mailHost(), domain);
        if (hosted && mailSub != null) {
            p.addresses().ipv4().ifPresent(a -> add(sets, mailSub, "A", a));
            p.addresses().ipv6().ifPresent(a -> add(sets, mailSub, "AAAA", a));
            if (p.addresses().isEmpty()) {
                warnings.add(noAddress(p.mailHost(), domain, NO_ADDRESS_REMEDY));
            }
        }
        if (p.providers().stream().anyMatch(ProviderDns::autoconfig)) {
            add(sets, "autoconfig", "CNAME", Rdata.host(p.mailHost()));
            add(sets, "autodiscover", "CNAME", Rdata.host(p.mailHost()));
            add(sets, "_autodiscover._tcp", "SRV", "0 1 443 " + Rdata.host(p.mailHost()));
        }

        LinkedHashSet<String> spf = new LinkedHashSet<>();
        if (hosted) spf.add("mx");
        p.providers().forEach(d -> spf.addAll(d.spf().stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).toList()));
        spf.addAll(p.spfExtra().stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).toList());
        spf.removeIf(t -> t.isEmpty() || t.endsWith("all"));
        if (!spf.isEmpty()) {
            if (!p.spfAll().equals("~all") && !p.spfAll().equals("-all")) {
                problems.add("DNS_SPF_ALL '" + p.spfAll() + "' is not ~all or -all");
            }
            long lookups = spf.stream().filter(MailRecords::causesLookup).count();
            if (lookups > SPF_LOOKUP_LIMIT) {
                problems.add("the SPF record for " + domain + " needs " + lookups + " DNS lookups (" + String.join(" ", spf)
                        + "); the limit is " + SPF_LOOKUP_LIMIT + " (RFC 7208): use fewer providers or DNS_SPF_EXTRA terms");
            }
            add(sets, "", "TXT", Rdata.txt("v=spf1 " + String.join(" ", spf) + " " + p.spfAll()));
        }

        for (ProviderDns d : p.providers()) {
            for (ProviderDns.Record r : d.records()) {
                String sub = relative(r.name(), domain);
                if (sub == null) {
                    problems.add(d.provider() + " asks for " + r.type() + " " + r.name() + ", which is outside " + domain);
                    continue;
                }
                String type = r.type().toUpperCase(Locale.ROOT);
                add(sets, sub, type, type.equals("TXT") ? Rdata.txt(r.value()) : r.value());
            }
        }

        String policy = p.dmarcPolicy().strip().toLowerCase(Locale.ROOT);
        if (!POLICIES.contains(policy)) {
            problems.add("DNS_DMARC_POLICY '" + p.dmarcPolicy() + "' is not one of none, quarantine, reject");
        }
        String dmarc = "v=DMARC1; p=" + policy + p.dmarcReport().map(a -> "; rua=mailto:" + a.strip()).orElse("");
        add(sets, "_dmarc", "TXT", Rdata.txt(dmarc));

        if (!problems.isEmpty()) throw new InvalidMailProfileException(problems);
        List<Rrset> rrsets = new ArrayList<>();
        sets.forEach((key, records) -> {
            int slash = key.lastIndexOf('/');
            rrsets.add(new Rrset(key.substring(0, slash), key.substring(slash + 1), p.ttl(), List.copyOf(records)));
        });
        return new DesiredRecords(domain, rrsets, warnings);
    }

    private static void add(Map<String, Set<String>> sets, String subname, String type, String value) {
        sets.computeIfAbsent(Rrset.key(subname, type), k -> new LinkedHashSet<>()).add(value);
    }

    /** {@code name} (with or without a trailing dot) relative to {@code domain} ({@code ""} for the apex), or null when it lies outside. */
    public static String relative(String name, String domain) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) d = d.substring(0, d.length() - 1);
        if (n.equals(d)) return "";
        return n.endsWith("." + d) ? n.substring(0, n.length() - d.length() - 1) : null;
    }

    private static boolean causesLookup(String term) {
        String t = term.replaceFirst("^[+?~-]", "");
        return t.startsWith("include:") || t.equals("a") || t.startsWith("a:") || t.startsWith("a/") || t.equals("mx")
                || t.startsWith("mx:") || t.startsWith("mx/") || t.startsWith("ptr") || t.startsWith("exists:")
                || t.startsWith("redirect=");
    }

    /** What a plan advises for a mail host without an address. */
    public static final String NO_ADDRESS_REMEDY = "set DNS_MAIL_HOST_IPV4/IPV6, or run 'dns bootstrap' or 'dns dyn-update'";

    /** The warning for a mail host left without an address; {@code remedy} says what the operator can do about it. */
    public static String noAddress(String mailHost, String domain, String remedy) {
        return "the mail host " + mailHost + " has no address yet: " + remedy + ", or mail for " + domain + " cannot be delivered";
    }
}
