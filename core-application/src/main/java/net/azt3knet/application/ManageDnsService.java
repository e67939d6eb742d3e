package net.azt3knet.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.dns.DesiredRecords;
import net.azt3knet.domain.dns.DnsChange;
import net.azt3knet.domain.dns.DnsPlan;
import net.azt3knet.domain.dns.DnsPlanner;
import net.azt3knet.domain.dns.HostAddresses;
import net.azt3knet.domain.dns.MailDnsPolicy;
import net.azt3knet.domain.dns.MailRecords;
import net.azt3knet.domain.dns.ProviderDns;
import net.azt3knet.domain.dns.Rrset;
import net.azt3knet.domain.dns.Zone;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.ManageDnsUseCase;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.dns.DnsRecords;
import net.azt3knet.ports.out.dns.DnsRecordsException;
import net.azt3knet.ports.out.dns.PublicAddress;
import net.azt3knet.ports.out.mailbox.MailProviders;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PopulationRecord;
import net.azt3knet.ports.out.store.PopulationStore;

/**
 * The mail domain's DNS: the providers' needs (from their APIs) and the operator's policy make the declared records;
 * the zone as the DNS provider holds it is diffed against them after normalising; the changes go out in one write,
 * are audited, and are verified by reading back.
 */
public final class ManageDnsService implements ManageDnsUseCase {

    private final DnsRecords dns;
    private final MailProviders providers;
    private final PopulationStore populations;
    private final MailboxLedger ledger;
    private final PublicAddress publicAddress;
    private final MailDnsPolicy policy;
    private final AuditTrail audit;

    public ManageDnsService(DnsRecords dns, MailProviders providers, PopulationStore populations, MailboxLedger ledger,
                            PublicAddress publicAddress, MailDnsPolicy policy, AuditTrail audit) {
        this.dns = dns;
        this.providers = providers;
        this.populations = populations;
        this.ledger = ledger;
        this.publicAddress = publicAddress;
        this.policy = policy;
        this.audit = audit;
    }

    @Override
    public ProviderCheck check() {
        dns.check();
        return new ProviderCheck(dns.name(), dns.endpoint());
    }

    @Override
    public Planned plan(Target target) {
        String domain = domain(target.domain());
        return plan(target, domain, dns.zone(domain), HostAddresses.NONE).planned();
    }

    /** A plan with the declared records it was made from (the read-back compares against them). */
    private record Made(Planned planned, DesiredRecords desired) {
    }

    private Made plan(Target target, String domain, Optional<Zone> zone, HostAddresses detected) {
        List<String> names = providerNames(target, domain);
        List<ProviderDns> needs = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String name : names) {
            ProviderDns need = providers.dns(name).dnsNeeds(domain);
            needs.add(need);
            boolean signs = need.records().stream().anyMatch(r -> r.name().toLowerCase(Locale.ROOT).contains("._domainkey."));
            if (!signs && providers.capabilities(name).signsMail()) {
                warnings.add(name + " holds no DKIM key for " + domain + " yet: 'mailboxes apply' sets the domain up there;"
                        + " plan again afterwards");
            }
        }
        Zone current = zone.orElse(new Zone(domain, 0, List.of()));
        String mailHost = policy.mailHostOf(domain);
        HostAddresses addresses = policy.addresses().or(detected).or(published(current, mailHost));
        DesiredRecords desired;
        try {
            desired = MailRecords.desired(policy.profile(domain, addresses, needs));
        } catch (IllegalArgumentException e) {
            throw new RejectedCommandException(e.getMessage());
        }
        DnsPlan plan = DnsPlanner.plan(desired, current, target.prune());
        if (!warnings.isEmpty()) {
            List<String> all = new ArrayList<>(plan.warnings());
            all.addAll(warnings);
            plan = new DnsPlan(plan.domain(), plan.changes(), plan.unchanged(), plan.zoneRecords(), all);
        }
        return new Made(new Planned(plan, zone.isPresent(), names, dns.name() + " " + dns.endpoint(), mailHost, addresses), desired);
    }

    @Override
    public Applied apply(Target target, boolean force, String actor) {
        String domain = domain(target.domain());
        Optional<Zone> zone = dns.zone(domain);
        if (zone.isEmpty()) {
            throw new RejectedCommandException("there is no zone " + domain + " at " + dns.name() + " (" + dns.endpoint()
                    + "); 'azt3knet dns bootstrap --domain " + domain + "' creates it");
        }
        return write(target, domain, plan(target, domain, zone, HostAddresses.NONE), force, actor, false);
    }

    @Override
    public Applied bootstrap(Target target, boolean force, boolean detectAddress, String actor) {
        String domain = domain(target.domain());
        // the providers once (the ledger scan is not free), named from here on
        List<String> names = providerNames(target, domain);
        target = new Target(target.domain(), names, target.prune());
        Optional<Zone> zone = dns.zone(domain);
        boolean created = false;
        if (zone.isEmpty()) {
            // fail on a bad profile before creating anything
            plan(target, domain, zone, HostAddresses.NONE);
            try {
                zone = Optional.of(dns.createZone(domain));
                audit.append(AuditEvent.ok(actor, "dns.zone.create", "zone:" + domain, Map.of("dns", dns.name())));
                created = true;
            } catch (DnsRecordsException e) {
                audit.append(new AuditEvent(actor, "dns.zone.create", "zone:" + domain, "failed",
                        Map.of("dns", dns.name(), "reason", e.reason().name())));
                throw e;
            }
        }
        HostAddresses detected = HostAddresses.NONE;
        boolean needsAddress = policy.addresses().ipv4().isEmpty() || policy.addresses().ipv6().isEmpty();
        List<String> notes = new ArrayList<>();
        if (detectAddress && needsAddress && names.stream().anyMatch(n -> providers.capabilities(n).hostsMailboxes())) {
            try {
                detected = publicAddress.detect();
            } catch (DnsRecordsException e) {
                notes.add(e.getMessage()); // says itself what could not be detected and why
            }
        }
        Made made = plan(target, domain, zone, detected);
        if (!notes.isEmpty() && made.planned().addresses().isEmpty()) { // only news when the mail host is left without any address
            Planned planned = made.planned();
            // bootstrap is what the usual advice names: say instead why it found no address and what remains
            List<String> all = new ArrayList<>(planned.plan().warnings());
            all.remove(MailRecords.noAddress(planned.mailHost(), domain, MailRecords.NO_ADDRESS_REMEDY));
            all.add(MailRecords.noAddress(planned.mailHost(), domain, String.join("; ", notes)
                    + "; set DNS_MAIL_HOST_IPV4/IPV6, or run 'dns dyn-update' once the address can be detected"));
            DnsPlan p = planned.plan();
            made = new Made(new Planned(new DnsPlan(p.domain(), p.changes(), p.unchanged(), p.zoneRecords(), all), planned.zoneExists(),
                    planned.providers(), planned.dns(), planned.mailHost(), planned.addresses()), made.desired());
        }
        return write(target, domain, made, force, actor, created);
    }

    private Applied write(Target target, String domain, Made made, boolean force, String actor, boolean created) {
        Planned planned = made.planned();
        DnsPlan plan = planned.plan();
        if (plan.exceedsSafetyLimit() && !force) {
            throw new RejectedCommandException("the plan replaces or deletes " + (plan.count(DnsChange.Kind.UPDATE)
                    + plan.count(DnsChange.Kind.DELETE)) + " of the zone's " + plan.zoneRecords() + " record sets, more than "
                    + Math.round(DnsPlan.SAFETY_SHARE * 100) + " %; review 'azt3knet dns plan --domain " + domain
                    + (target.prune() ? " --prune" : "") + "' and add --force to apply it");
        }
        if (plan.isEmpty()) return new Applied(planned, created, 0, List.of());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("dns", dns.name());
        details.put("created", Long.toString(plan.count(DnsChange.Kind.CREATE)));
        details.put("updated", Long.toString(plan.count(DnsChange.Kind.UPDATE)));
        details.put("deleted", Long.toString(plan.count(DnsChange.Kind.DELETE)));
        details.put("sets", String.join(" ", plan.changes().stream().map(c -> c.kind().symbol() + label(c.subname()) + "/" + c.type()).toList()));
        try {
            dns.apply(domain, plan.changes());
        } catch (DnsRecordsException e) {
            audit.append(new AuditEvent(actor, "dns.apply", "zone:" + domain, "failed", withReason(details, e)));
            throw e;
        }
        audit.append(AuditEvent.ok(actor, "dns.apply", "zone:" + domain, details));
        // Read back: the zone must now hold what was declared (spelled however the provider likes).
        Zone after = dns.zone(domain).orElseThrow(() -> new DnsRecordsException(DnsRecordsException.Reason.NO_ZONE,
                "the zone " + domain + " disappeared after the write"));
        DnsPlan check = DnsPlanner.plan(made.desired(), after, target.prune());
        List<String> remaining = check.changes().stream().map(c -> c.kind().symbol() + " " + label(c.subname()) + " " + c.type()).toList();
        return new Applied(planned, created, 1, remaining);
    }

    private static Map<String, String> withReason(Map<String, String> details, DnsRecordsException e) {
        Map<String, String> out = new LinkedHashMap<>(details);
        out.put("reason", e.reason().name());
        return out;
    }

    @Override
    public AddressUpdate updateAddress(String domain, String actor) {
        String d = domain(domain);
        String host = policy.mailHostOf(d);
        String sub = MailRecords.relative(host, d);
        if (sub == null) {
            throw new RejectedCommandException("the mail host " + host + " is outside " + d + ": its address is not in this"
                    + " zone; set DNS_MAIL_HOST to a name under " + d);
        }
        Zone zone = dns.zone(d).orElseThrow(() -> new RejectedCommandException("there is no zone " + d + " at " + dns.name()
                + "; 'azt3knet dns bootstrap --domain " + d + "' creates it"));
        HostAddresses published = published(zone, host);
        HostAddresses detected = publicAddress.detect();
        int ttl = Math.min(DnsPlanner.MAX_TTL, Math.max(policy.ttl(), zone.minimumTtl()));
        List<DnsChange> changes = new ArrayList<>();
        // A family not detected now keeps its record: an empty address would delete it.
        detected.ipv4().filter(a -> !detected.ipv4().equals(published.ipv4()))
                .ifPresent(a -> changes.add(change(zone, sub, "A", ttl, a)));
        detected.ipv6().filter(a -> !detected.ipv6().equals(published.ipv6()))
                .ifPresent(a -> changes.add(change(zone, sub, "AAAA", ttl, a)));
        if (changes.isEmpty()) return new AddressUpdate(host, published, detected, false);
        Map<String, String> details = Map.of("dns", dns.name(), "host", host, "ipv4", detected.ipv4().orElse("kept"),
                "ipv6", detected.ipv6().orElse("kept"));
        try {
            dns.apply(d, changes);
        } catch (DnsRecordsException e) {
            audit.append(new AuditEvent(actor, "dns.address.update", "zone:" + d, "failed", withReason(details, e)));
            throw e;
        }
        audit.append(AuditEvent.ok(actor, "dns.address.update", "zone:" + d, details));
        return new AddressUpdate(host, published, detected, true);
    }

    @Override
    public void watchAddress(String domain, String actor, java.time.Duration every, AddressWatcher watcher) {
        new AddressUpdateLoop(this, every, java.time.Duration.ofHours(1), Thread::sleep).run(domain, actor, Long.MAX_VALUE, watcher);
    }

    private static DnsChange change(Zone zone, String sub, String type, int ttl, String address) {
        Optional<Rrset> now = zone.find(sub, type);
        Rrset after = new Rrset(sub, type, now.map(Rrset::ttl).orElse(ttl), List.of(address));
        return now.isPresent() ? new DnsChange(DnsChange.Kind.UPDATE, now.get(), after) : new DnsChange(DnsChange.Kind.CREATE, null, after);
    }

    /** The first A and AAAA published for {@code host} in {@code zone}. */
    private static HostAddresses published(Zone zone, String host) {
        String sub = MailRecords.relative(host, zone.domain());
        if (sub == null) return HostAddresses.NONE;
        return new HostAddresses(zone.find(sub, "A").flatMap(r -> r.records().stream().findFirst()),
                zone.find(sub, "AAAA").flatMap(r -> r.records().stream().findFirst()));
    }

    private List<String> providerNames(Target target, String domain) {
        if (!target.providers().isEmpty()) {
            for (String p : target.providers()) {
                if (!providers.names().contains(p)) {
                    throw new RejectedCommandException("--provider '" + p + "' is not a provider; choose one of " + String.join(", ", providers.names()));
                }
            }
            return target.providers().stream().distinct().toList();
        }
        TreeSet<String> found = new TreeSet<>();
        for (PopulationRecord p : populations.list()) {
            String d = p.spec().domain() == null ? PopulationSpec.DEFAULT_DOMAIN : p.spec().domain();
            if (d.equalsIgnoreCase(domain)) {
                ledger.providers(p.id()).forEach((name, count) -> {
                    if (count > 0) found.add(name);
                });
            }
        }
        if (found.isEmpty()) {
            throw new RejectedCommandException("no provider holds mailboxes of a stored population on " + domain
                    + "; name the providers whose records it needs with --provider (" + String.join(", ", providers.names()) + ")");
        }
        return List.copyOf(found);
    }

    private static String domain(String raw) {
        String d = raw.strip().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) d = d.substring(0, d.length() - 1);
        if (!d.matches("([a-z0-9_]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,63}")) {
            throw new RejectedCommandException("--domain '" + raw + "' is not a domain name; e.g. agents.example.org");
        }
        return d;
    }

    private static String label(String subname) {
        return subname.isEmpty() ? "@" : subname;
    }
}
