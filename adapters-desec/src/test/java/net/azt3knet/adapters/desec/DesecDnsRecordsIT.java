package net.azt3knet.adapters.desec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.azt3knet.domain.dns.DnsChange;
import net.azt3knet.domain.dns.Rdata;
import net.azt3knet.domain.dns.Rrset;
import net.azt3knet.domain.dns.Zone;
import net.azt3knet.ports.out.dns.DnsRecords;
import net.azt3knet.ports.out.dns.DnsRecordsException;
import net.azt3knet.testkit.contracts.DnsRecordsContract;
import net.azt3knet.testkit.http.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DesecDnsRecordsIT implements DnsRecordsContract {

    static final DesecStub STUB = new DesecStub();
    @RegisterExtension
    static final StubServer SERVER = new StubServer(STUB);

    @Override
    public DnsRecords dnsRecords() {
        return DesecStub.adapter(SERVER.server(), STUB, Duration.ofSeconds(5));
    }

    private static DnsChange create(Rrset r) {
        return new DnsChange(DnsChange.Kind.CREATE, null, r);
    }

    @Test
    void readsEveryPagePastFiveHundredSets() {
        List<String[]> sets = new ArrayList<>();
        for (int i = 0; i < 1234; i++) sets.add(new String[] {"host" + i, "A", "3600", "198.51." + (i / 250) + "." + (i % 250)});
        STUB.zone("big.example.org", 3600, sets);
        Zone z = dnsRecords().zone("big.example.org").orElseThrow();
        assertThat(z.rrsets()).hasSize(1235); // and the apex NS
        assertThat(z.find("host1233", "A")).isPresent();
    }

    @Test
    void aBulkChangeIsOneWriteAndAllOrNothing() {
        STUB.zone("bulk.example.org", 3600, List.of());
        DnsRecords dns = dnsRecords();
        Rrset good = new Rrset("mail", "A", 3600, List.of("192.0.2.1"));
        Rrset tooLow = new Rrset("_dmarc", "TXT", 60, List.of(Rdata.txt("v=DMARC1; p=none")));
        assertThatThrownBy(() -> dns.apply("bulk.example.org", List.of(create(good), create(tooLow))))
                .isInstanceOfSatisfying(DnsRecordsException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DnsRecordsException.Reason.REJECTED);
                    assertThat(e.getMessage()).contains("_dmarc TXT: ttl: Ensure this value is greater than or equal to 3600");
                    assertThat(e.getMessage()).doesNotContain("mail A:");
                });
        assertThat(STUB.records("bulk.example.org", "mail", "A")).as("nothing applied").isEmpty();

        int before = STUB.rrsetWrites.getOrDefault("bulk.example.org", 0);
        dns.apply("bulk.example.org", List.of(create(good), create(tooLow.withTtl(3600)),
                create(new Rrset("", "MX", 3600, List.of("10 mail.bulk.example.org.")))));
        assertThat(STUB.rrsetWrites.get("bulk.example.org")).isEqualTo(before + 1);
        assertThat(STUB.records("bulk.example.org", "", "MX")).containsExactly("10 mail.bulk.example.org.");
    }

    @Test
    void theServersOwnSpellingReadsBackEqual() {
        STUB.zone("spell.example.org", 3600, List.of());
        DnsRecords dns = dnsRecords();
        Rrset aaaa = new Rrset("mail", "AAAA", 3600, List.of("2001:db8::10"));
        dns.apply("spell.example.org", List.of(create(aaaa)));
        assertThat(STUB.records("spell.example.org", "mail", "AAAA")).containsExactly("2001:db8:0:0:0:0:0:10");
        assertThat(dns.zone("spell.example.org").orElseThrow().find("mail", "AAAA")).contains(aaaa);
    }

    @Test
    void throttledWritesWaitTheirRetryAfterOrFailSayingWhen() {
        STUB.zone("busy.example.org", 3600, List.of());
        STUB.budget(1, Duration.ofSeconds(2));
        try {
            DnsRecords patient = DesecStub.adapter(SERVER.server(), STUB, Duration.ofSeconds(5));
            patient.apply("busy.example.org", List.of(create(new Rrset("a", "A", 3600, List.of("192.0.2.1")))));
            int limited = STUB.rateLimited.get();
            patient.apply("busy.example.org", List.of(create(new Rrset("b", "A", 3600, List.of("192.0.2.2")))));
            assertThat(STUB.rateLimited.get()).isGreaterThan(limited);
            assertThat(STUB.records("busy.example.org", "b", "A")).containsExactly("192.0.2.2");

            STUB.budget(1, Duration.ofSeconds(30));
            DnsRecords hasty = DesecStub.adapter(SERVER.server(), STUB, Duration.ofSeconds(1));
            hasty.apply("busy.example.org", List.of(create(new Rrset("c", "A", 3600, List.of("192.0.2.3")))));
            assertThatThrownBy(() -> hasty.apply("busy.example.org", List.of(create(new Rrset("d", "A", 3600, List.of("192.0.2.4"))))))
                    .isInstanceOfSatisfying(DnsRecordsException.class, e -> {
                        assertThat(e.reason()).isEqualTo(DnsRecordsException.Reason.RATE_LIMITED);
                        assertThat(e.getMessage()).contains("asks to wait").contains("run again");
                    });
        } finally {
            STUB.budget(Integer.MAX_VALUE, Duration.ofSeconds(1));
        }
    }

    @Test
    void theClientsOwnBudgetKeepsWritesWithinDesecsLimits() {
        STUB.zone("paced.example.org", 3600, List.of());
        // 2 writes per 1.5 s on this side: the third waits instead of drawing a 429
        STUB.budget(2, Duration.ofMillis(1500));
        try {
            DnsRecords dns = DesecStub.adapter(SERVER.server(), STUB, Duration.ofSeconds(5), new WriteBudget.Window(Duration.ofMillis(1600), 2));
            int limited = STUB.rateLimited.get();
            for (int i = 0; i < 4; i++) dns.apply("paced.example.org", List.of(create(new Rrset("h" + i, "A", 3600, List.of("192.0.2." + i)))));
            assertThat(STUB.rateLimited.get()).isEqualTo(limited);
            assertThat(STUB.sets("paced.example.org")).isEqualTo(5);
        } finally {
            STUB.budget(Integer.MAX_VALUE, Duration.ofSeconds(1));
        }
        DnsRecords tooSlow = DesecStub.adapter(SERVER.server(), STUB, Duration.ofMillis(100), new WriteBudget.Window(Duration.ofMinutes(1), 1));
        tooSlow.apply("paced.example.org", List.of(create(new Rrset("x", "A", 3600, List.of("192.0.2.9")))));
        assertThatThrownBy(() -> tooSlow.apply("paced.example.org", List.of(create(new Rrset("y", "A", 3600, List.of("192.0.2.9"))))))
                .isInstanceOf(DnsRecordsException.class).hasMessageContaining("15 a minute").hasMessageContaining("DESEC_MAX_WAIT");
    }

    @Test
    void refusalsAreNamed() {
        DnsRecords wrongToken = new DesecDnsRecords(new DesecSettings(java.net.URI.create(SERVER.server().baseUrl() + "/api/v1"),
                net.azt3knet.domain.credential.Secret.of("nope"),
                new net.azt3knet.adapters.http.ProviderLimits(Duration.ofSeconds(2), 1000, 0, Duration.ofSeconds(1))));
        assertThatThrownBy(wrongToken::check).isInstanceOfSatisfying(DnsRecordsException.class, e -> {
            assertThat(e.reason()).isEqualTo(DnsRecordsException.Reason.UNAUTHORIZED);
            assertThat(e.getMessage()).contains("DESEC_TOKEN").doesNotContain("nope");
        });
        STUB.zone("taken.example.org", 3600, List.of());
        assertThat(dnsRecords().createZone("taken.example.org").domain()).as("an own zone is read, not re-created")
                .isEqualTo("taken.example.org");
        assertThatThrownBy(() -> dnsRecords().apply("absent.example.org", List.of(create(new Rrset("a", "A", 3600, List.of("192.0.2.1"))))))
                .isInstanceOfSatisfying(DnsRecordsException.class, e -> assertThat(e.reason()).isEqualTo(DnsRecordsException.Reason.NO_ZONE));
    }

    @Test
    void faultsAreRetriedAndTheResultIsExact() {
        STUB.zone("flaky.example.org", 3600, List.of());
        STUB.faults(0.3, 7, 2500);
        DnsRecords dns = DesecStub.adapter(SERVER.server(), STUB, Duration.ofSeconds(2));
        List<DnsChange> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) batch.add(create(new Rrset("f" + i, "A", 3600, List.of("192.0.2." + i))));
        for (int round = 0; round < 3; round++) {
            try {
                dns.apply("flaky.example.org", batch);
                break;
            } catch (DnsRecordsException e) {
                assertThat(e.isTransient()).isTrue();
            }
        }
        STUB.faults(0, 1, 0);
        assertThat(STUB.sets("flaky.example.org")).isEqualTo(6);
    }
}
