package net.azt3knet.domain.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DnsPlannerTest {

    static final String DOMAIN = "agents.example.org";
    static final ProviderDns MAILCOW = new ProviderDns("mailcow", true, Optional.empty(), List.of(),
            List.of(new ProviderDns.Record("dkim._domainkey." + DOMAIN, "TXT", "v=DKIM1;k=rsa;t=s;s=email;p=" + "Q".repeat(392))), true);
    static final ProviderDns MAILJET = new ProviderDns("mailjet", false, Optional.of("parse.mailjet.com"),
            List.of("include:spf.mailjet.com"), List.of(
                    new ProviderDns.Record("mailjet._domainkey." + DOMAIN, "TXT", "k=rsa; p=MIGf"),
                    new ProviderDns.Record("mailjet._a1b2c3d4." + DOMAIN, "TXT", "a1b2c3d4e5")), false);

    static MailProfile profile(ProviderDns... providers) {
        return new MailProfile(DOMAIN, "mail." + DOMAIN, HostAddresses.of("192.0.2.10", "2001:db8::10"), "quarantine",
                Optional.of("dmarc@example.org"), List.of(), "~all", 3600, List.of(providers));
    }

    static Zone zone(Rrset... sets) {
        List<Rrset> all = new ArrayList<>(List.of(
                new Rrset("", "SOA", 3600, List.of("ns1.desec.io. get.desec.io. 2026112101 86400 3600 2419200 3600")),
                new Rrset("", "NS", 3600, List.of("ns1.desec.io.", "ns2.desec.org."))));
        all.addAll(List.of(sets));
        return new Zone(DOMAIN, 3600, all);
    }

    static Zone applied(Zone zone, DnsPlan plan) {
        List<Rrset> sets = new ArrayList<>(zone.rrsets());
        for (DnsChange c : plan.changes()) {
            sets.removeIf(r -> r.key().equals(Rrset.key(c.subname(), c.type())));
            if (c.after() != null) sets.add(c.after());
        }
        return new Zone(zone.domain(), zone.minimumTtl(), sets);
    }

    @Test
    void aMailboxHostGetsMxSpfDkimDmarcAddressesAndAutoconfig() {
        DesiredRecords d = MailRecords.desired(profile(MAILCOW));
        List<String> keys = d.rrsets().stream().map(Rrset::key).sorted().toList();
        assertEquals(List.of("/MX", "/TXT", "_autodiscover._tcp/SRV", "_dmarc/TXT", "autoconfig/CNAME", "autodiscover/CNAME",
                "dkim._domainkey/TXT", "mail/A", "mail/AAAA"), keys);
        Rrset spf = d.rrsets().stream().filter(r -> r.key().equals("/TXT")).findFirst().orElseThrow();
        assertEquals(List.of("\"v=spf1 mx ~all\""), spf.records());
        Rrset dmarc = d.rrsets().stream().filter(r -> r.key().equals("_dmarc/TXT")).findFirst().orElseThrow();
        assertEquals("v=DMARC1; p=quarantine; rua=mailto:dmarc@example.org", Rdata.txtText(dmarc.records().get(0)));
        Rrset dkim = d.rrsets().stream().filter(r -> r.key().equals("dkim._domainkey/TXT")).findFirst().orElseThrow();
        assertTrue(dkim.records().get(0).contains("\" \""), "a 2048-bit key is split into 255-byte strings");
    }

    @Test
    void providersShareOneSpfRecordAndTheMailboxHostKeepsTheMx() {
        DesiredRecords d = MailRecords.desired(profile(MAILCOW, MAILJET));
        Rrset spf = d.rrsets().stream().filter(r -> r.key().equals("/TXT")).findFirst().orElseThrow();
        assertEquals(List.of("\"v=spf1 mx include:spf.mailjet.com ~all\""), spf.records());
        Rrset mx = d.rrsets().stream().filter(r -> r.key().equals("/MX")).findFirst().orElseThrow();
        assertEquals(List.of("10 mail.agents.example.org."), mx.records());
        assertTrue(d.warnings().stream().anyMatch(w -> w.contains("parse.mailjet.com")), d.warnings().toString());
        assertTrue(d.rrsets().stream().anyMatch(r -> r.key().equals("mailjet._a1b2c3d4/TXT")), "the ownership token");

        DesiredRecords senderOnly = MailRecords.desired(profile(MAILJET));
        Rrset inbound = senderOnly.rrsets().stream().filter(r -> r.key().equals("/MX")).findFirst().orElseThrow();
        assertEquals(List.of("10 parse.mailjet.com."), inbound.records());
        assertFalse(senderOnly.rrsets().stream().anyMatch(r -> r.type().equals("A")), "no mail host without mailboxes");
    }

    @Test
    void spfOverTheLookupLimitAndBadPoliciesAreRefusedTogether() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 10; i++) many.add("include:spf" + i + ".example.net");
        MailProfile p = new MailProfile(DOMAIN, "mail." + DOMAIN, HostAddresses.NONE, "strict", Optional.empty(), many,
                "~all", 3600, List.of(MAILCOW));
        InvalidMailProfileException e = assertThrows(InvalidMailProfileException.class, () -> MailRecords.desired(p));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("11 DNS lookups"), e.getMessage());
        assertTrue(e.getMessage().contains("DNS_DMARC_POLICY"), e.getMessage());
        ProviderDns outside = new ProviderDns("x", false, Optional.empty(), List.of(),
                List.of(new ProviderDns.Record("dkim._domainkey.other.org", "TXT", "k=rsa")), false);
        assertThrows(InvalidMailProfileException.class, () -> MailRecords.desired(profile(outside)));
    }

    @Test
    void applyingThePlanConvergesAndASecondPlanIsEmpty() {
        DesiredRecords d = MailRecords.desired(profile(MAILCOW, MAILJET));
        DnsPlan first = DnsPlanner.plan(d, zone(), false);
        assertEquals(d.rrsets().size(), first.count(DnsChange.Kind.CREATE));
        assertTrue(DnsPlanner.plan(d, applied(zone(), first), false).isEmpty());
    }

    @Test
    void spellingDifferencesAloneCauseNoChange() {
        DesiredRecords d = MailRecords.desired(profile(MAILCOW));
        Zone converged = applied(zone(), DnsPlanner.plan(d, zone(), false));
        List<Rrset> respelled = new ArrayList<>();
        for (Rrset r : converged.rrsets()) {
            List<String> other = r.records().stream().map(v -> switch (r.type()) {
                case "AAAA" -> "2001:0DB8:0:0:0:0:0:0010";
                case "MX" -> "10 MAIL.Agents.Example.org.";
                case "TXT" -> split(Rdata.txtText(v), 100);
                default -> v.toUpperCase();
            }).toList();
            respelled.add(new Rrset(r.subname().toUpperCase(), r.type().toLowerCase(), r.ttl(), other));
        }
        DnsPlan plan = DnsPlanner.plan(d, new Zone(DOMAIN.toUpperCase() + ".", 3600, respelled), false);
        assertTrue(plan.isEmpty(), plan.changes().toString());
    }

    private static String split(String text, int size) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i += size) {
            out.append(out.length() == 0 ? "" : " ").append('"').append(text, i, Math.min(text.length(), i + size)).append('"');
        }
        return out.toString();
    }

    @Test
    void foreignRecordsSurviveAndForeignTxtValuesShareTheApexWithSpf() {
        Rrset www = new Rrset("www", "A", 3600, List.of("198.51.100.1"));
        Rrset apexTxt = new Rrset("", "TXT", 3600, List.of("\"google-site-verification=abc\"", "\"v=spf1 -all\""));
        DnsPlan plan = DnsPlanner.plan(MailRecords.desired(profile(MAILCOW)), zone(www, apexTxt), false);
        DnsChange txt = plan.changes().stream().filter(c -> c.subname().isEmpty() && c.type().equals("TXT")).findFirst().orElseThrow();
        assertEquals(DnsChange.Kind.UPDATE, txt.kind());
        assertEquals(List.of("\"google-site-verification=abc\"", "\"v=spf1 mx ~all\""), txt.after().records());
        assertTrue(plan.changes().stream().noneMatch(c -> c.subname().equals("www")));
        assertTrue(plan.changes().stream().noneMatch(c -> c.kind() == DnsChange.Kind.DELETE));
    }

    @Test
    void ttlIsRaisedToTheZoneMinimumAndCappedAtADay() {
        MailProfile low = new MailProfile(DOMAIN, "mail." + DOMAIN, HostAddresses.NONE, "none", Optional.empty(), List.of(),
                "~all", 60, List.of(MAILJET));
        DnsPlan plan = DnsPlanner.plan(MailRecords.desired(low), zone(), false);
        assertTrue(plan.changes().stream().allMatch(c -> c.after().ttl() == 3600));
        MailProfile high = new MailProfile(DOMAIN, "mail." + DOMAIN, HostAddresses.NONE, "none", Optional.empty(), List.of(),
                "~all", 999_999, List.of(MAILJET));
        assertTrue(DnsPlanner.plan(MailRecords.desired(high), zone(), false).changes().stream().allMatch(c -> c.after().ttl() == 86_400));
    }

    @Test
    void pruningDeletesUndeclaredSetsButNeverProtectedOnesAndStopsAtThirtyPercent() {
        List<Rrset> foreign = new ArrayList<>();
        for (int i = 0; i < 12; i++) foreign.add(new Rrset("host" + i, "A", 3600, List.of("198.51.100." + i)));
        DesiredRecords d = MailRecords.desired(profile(MAILJET));
        Zone withForeign = applied(zone(foreign.toArray(Rrset[]::new)), DnsPlanner.plan(d, zone(), false));

        DnsPlan keep = DnsPlanner.plan(d, withForeign, false);
        assertTrue(keep.isEmpty());
        DnsPlan prune = DnsPlanner.plan(d, withForeign, true);
        assertEquals(12, prune.count(DnsChange.Kind.DELETE));
        assertTrue(prune.changes().stream().noneMatch(c -> c.type().equals("NS") || c.type().equals("SOA")));
        assertTrue(prune.exceedsSafetyLimit(), "12 of " + prune.zoneRecords() + " sets is more than 30 %");

        List<Rrset> fewer = new ArrayList<>(withForeign.rrsets());
        fewer.removeIf(r -> r.subname().matches("host([2-9]|1[01])"));
        DnsPlan small = DnsPlanner.plan(d, new Zone(DOMAIN, 3600, fewer), true);
        assertEquals(2, small.count(DnsChange.Kind.DELETE));
        assertFalse(small.exceedsSafetyLimit(), "2 of " + small.zoneRecords() + " sets");
    }

    @Test
    void aCnameNeverLandsBesideAnotherType() {
        Rrset foreignA = new Rrset("autoconfig", "A", 3600, List.of("198.51.100.9"));
        DnsPlan plan = DnsPlanner.plan(MailRecords.desired(profile(MAILCOW)), zone(foreignA), false);
        assertTrue(plan.changes().stream().noneMatch(c -> c.subname().equals("autoconfig")));
        assertTrue(plan.warnings().stream().anyMatch(w -> w.contains("autoconfig.agents.example.org.")), plan.warnings().toString());
    }
}
