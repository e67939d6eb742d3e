package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import net.azt3knet.domain.dns.DnsChange;
import net.azt3knet.domain.dns.Rdata;
import net.azt3knet.domain.dns.Rrset;
import net.azt3knet.domain.dns.Zone;
import net.azt3knet.ports.out.dns.DnsRecords;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DnsRecords} must do: report a missing zone as absent, create a zone idempotently, and apply a
 * batch of creates, replacements and deletes so that reading back gives exactly the sets written (in canonical
 * form) while every other set stays as it was. Each test works on its own zone.
 */
public interface DnsRecordsContract {

    DnsRecords dnsRecords();

    private static String domain() {
        return "z" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
    }

    private static DnsChange create(Rrset r) {
        return new DnsChange(DnsChange.Kind.CREATE, null, r);
    }

    @Test
    default void aMissingZoneIsAbsentAndCreatingItTwiceGivesOneZone() {
        String d = domain();
        assertThat(dnsRecords().zone(d)).isEmpty();
        Zone first = dnsRecords().createZone(d);
        Zone second = dnsRecords().createZone(d);
        assertThat(first.domain()).isEqualTo(d);
        assertThat(second.rrsets()).containsExactlyInAnyOrderElementsOf(first.rrsets());
        assertThat(dnsRecords().zone(d)).isPresent();
    }

    @Test
    default void writtenSetsReadBackInCanonicalForm() {
        String d = domain();
        int ttl = dnsRecords().createZone(d).minimumTtl() < 3600 ? 3600 : dnsRecords().createZone(d).minimumTtl();
        Rrset mx = new Rrset("", "MX", ttl, List.of("10 mail." + d + "."));
        Rrset spf = new Rrset("", "TXT", ttl, List.of(Rdata.txt("v=spf1 mx ~all"), Rdata.txt("site-verification=x1")));
        Rrset dkim = new Rrset("dkim._domainkey", "TXT", ttl, List.of(Rdata.txt("v=DKIM1;k=rsa;p=" + "M".repeat(392))));
        Rrset a = new Rrset("mail", "A", ttl, List.of("192.0.2.10"));
        Rrset aaaa = new Rrset("mail", "AAAA", ttl, List.of("2001:db8::10"));
        dnsRecords().apply(d, List.of(create(mx), create(spf), create(dkim), create(a), create(aaaa)));
        Zone z = dnsRecords().zone(d).orElseThrow();
        assertThat(z.rrsets()).contains(mx, spf, dkim, a, aaaa);
    }

    @Test
    default void replacementsAndDeletesTouchOnlyTheirSets() {
        String d = domain();
        int ttl = Math.max(3600, dnsRecords().createZone(d).minimumTtl());
        Rrset a = new Rrset("mail", "A", ttl, List.of("192.0.2.10"));
        Rrset foreign = new Rrset("www", "A", ttl, List.of("198.51.100.1"));
        Rrset dmarc = new Rrset("_dmarc", "TXT", ttl, List.of(Rdata.txt("v=DMARC1; p=none")));
        dnsRecords().apply(d, List.of(create(a), create(foreign), create(dmarc)));
        List<Rrset> before = dnsRecords().zone(d).orElseThrow().rrsets();

        Rrset moved = a.withRecords(List.of("192.0.2.11"));
        dnsRecords().apply(d, List.of(new DnsChange(DnsChange.Kind.UPDATE, a, moved), new DnsChange(DnsChange.Kind.DELETE, dmarc, null)));
        List<Rrset> after = dnsRecords().zone(d).orElseThrow().rrsets();
        assertThat(after).contains(moved, foreign).doesNotContain(a, dmarc);
        assertThat(after).hasSize(before.size() - 1);
        assertThat(after.stream().filter(Rrset::isProtected).map(Rrset::key))
                .containsExactlyInAnyOrderElementsOf(before.stream().filter(Rrset::isProtected).map(Rrset::key).toList());
    }

    @Test
    default void anEmptyBatchChangesNothing() {
        String d = domain();
        Zone z = dnsRecords().createZone(d);
        dnsRecords().apply(d, List.of());
        assertThat(dnsRecords().zone(d).orElseThrow().rrsets()).containsExactlyInAnyOrderElementsOf(z.rrsets());
    }
}
