package net.azt3knet.adapters.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.azt3knet.domain.dns.DnsChange;
import net.azt3knet.domain.dns.Rrset;
import net.azt3knet.ports.out.dns.DnsRecords;
import net.azt3knet.ports.out.dns.DnsRecordsException;
import net.azt3knet.testkit.contracts.DnsRecordsContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneFileDnsRecordsTest implements DnsRecordsContract {

    @TempDir
    Path dir;

    @Override
    public DnsRecords dnsRecords() {
        return new ZoneFileDnsRecords(dir, null, Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void handWrittenRecordsInRelativeAndParenthesisedFormSurviveAWrite() throws IOException {
        Files.writeString(dir.resolve("hand.example.org.zone"), """
                $ORIGIN hand.example.org.
                $TTL 7200
                @   IN SOA ns1 hostmaster ( 2026010100 ; serial
                        3600 900 1209600 300 )
                    IN NS ns1
                ns1 IN A 192.0.2.53
                www 300 IN CNAME @
                txt IN TXT "two words" "and;more"  ; a comment
                """);
        ZoneFileDnsRecords dns = (ZoneFileDnsRecords) dnsRecords();
        var zone = dns.zone("hand.example.org").orElseThrow();
        assertThat(zone.find("www", "CNAME").orElseThrow().records()).containsExactly("hand.example.org.");
        assertThat(zone.find("ns1", "A").orElseThrow().ttl()).isEqualTo(7200);
        assertThat(zone.find("txt", "TXT").orElseThrow().records()).containsExactly("\"two wordsand;more\"");

        dns.apply("hand.example.org", List.of(new DnsChange(DnsChange.Kind.CREATE, null, new Rrset("mail", "A", 3600, List.of("192.0.2.10")))));
        var after = dns.zone("hand.example.org").orElseThrow();
        assertThat(after.rrsets()).hasSize(zone.rrsets().size() + 1);
        assertThat(after.find("www", "CNAME")).isEqualTo(zone.find("www", "CNAME"));
        assertThat(after.find("", "SOA").orElseThrow().records().get(0)).as("the serial moves on").contains(" 2026112100 ");
        dns.apply("hand.example.org", List.of(new DnsChange(DnsChange.Kind.CREATE, null, new Rrset("mx2", "A", 3600, List.of("192.0.2.11")))));
        assertThat(dns.zone("hand.example.org").orElseThrow().find("", "SOA").orElseThrow().records().get(0)).contains(" 2026112101 ");
    }

    @Test
    void aWriteWithoutAZoneIsRefusedNamingBootstrap() {
        assertThatThrownBy(() -> dnsRecords().apply("none.example.org",
                List.of(new DnsChange(DnsChange.Kind.CREATE, null, new Rrset("a", "A", 3600, List.of("192.0.2.1"))))))
                .isInstanceOf(DnsRecordsException.class).hasMessageContaining("dns bootstrap");
    }
}
