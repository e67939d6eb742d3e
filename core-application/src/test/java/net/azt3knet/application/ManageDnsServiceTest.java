package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.azt3knet.domain.audit.AuditEntry;
import net.azt3knet.domain.dns.DnsChange;
import net.azt3knet.domain.dns.HostAddresses;
import net.azt3knet.domain.dns.MailDnsPolicy;
import net.azt3knet.domain.dns.Rrset;
import net.azt3knet.ports.in.ManageDnsUseCase.AddressUpdate;
import net.azt3knet.ports.in.ManageDnsUseCase.Applied;
import net.azt3knet.ports.in.ManageDnsUseCase.Target;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.ports.out.dns.DnsRecordsException;
import net.azt3knet.testkit.fakes.InMemoryAuditTrail;
import net.azt3knet.testkit.fakes.InMemoryDnsRecords;
import net.azt3knet.testkit.fakes.InMemoryMailboxLedger;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning;
import net.azt3knet.testkit.fakes.InMemoryPopulationStore;
import org.junit.jupiter.api.Test;

class ManageDnsServiceTest {

    static final String DOMAIN = "agents.example.org";

    final InMemoryAuditTrail audit = new InMemoryAuditTrail(Clock.systemUTC());
    final InMemoryDnsRecords dns = new InMemoryDnsRecords(3600);
    final InMemoryMailboxProvisioning mailbox = new InMemoryMailboxProvisioning("mailcow", true);
    final AtomicReference<HostAddresses> internet = new AtomicReference<>(HostAddresses.of("192.0.2.10", "2001:db8::10"));
    final ManageDnsService service = new ManageDnsService(dns, InMemoryMailboxProvisioning.providers(mailbox),
            new InMemoryPopulationStore(audit), new InMemoryMailboxLedger(), () -> {
                HostAddresses a = internet.get();
                if (a == null) throw new DnsRecordsException(DnsRecordsException.Reason.UNREACHABLE, "no route");
                return a;
            }, MailDnsPolicy.DEFAULTS, audit);
    final Target target = new Target(DOMAIN, List.of("mailcow"), false);

    @Test
    void theCheckNamesTheProviderThatAnsweredAndPassesOnWhyOneDidNot() {
        assertThat(service.check()).isEqualTo(new net.azt3knet.ports.in.ManageDnsUseCase.ProviderCheck("memory", "memory"));
        dns.checkFailure = new DnsRecordsException(DnsRecordsException.Reason.UNAUTHORIZED, "token refused");
        org.assertj.core.api.Assertions.assertThatThrownBy(service::check).isSameAs(dns.checkFailure);
        assertThat(dns.writes.get()).as("a check writes nothing").isZero();
    }

    @Test
    void aBootstrapThatCannotDetectTheAddressSaysWhyOnceAndDoesNotAdviseItself() {
        mailbox.ensureDomain(DOMAIN);
        internet.set(null);
        Applied applied = service.bootstrap(target, false, true, "test");
        List<String> warnings = applied.planned().plan().warnings();
        assertThat(warnings).filteredOn(w -> w.contains("has no address")).singleElement().satisfies(w -> assertThat(w)
                .contains("no route").contains("dns dyn-update").doesNotContain("dns bootstrap")
                .doesNotContain("could not be detected (").contains("cannot be delivered"));
        assertThat(service.plan(target).plan().warnings()).anySatisfy(w -> assertThat(w).contains("'dns bootstrap'"));
    }

    @Test
    void bootstrapCreatesTheZoneDetectsTheAddressAndASecondApplyWritesNothing() {
        mailbox.ensureDomain(DOMAIN);
        Applied first = service.bootstrap(target, false, true, "test");
        assertThat(first.zoneCreated()).isTrue();
        assertThat(first.writes()).isEqualTo(1);
        assertThat(first.verified()).isTrue();
        assertThat(first.planned().addresses()).isEqualTo(HostAddresses.of("192.0.2.10", "2001:db8::10"));
        int writes = dns.writes.get();

        Applied second = service.apply(target, false, "test");
        assertThat(second.writes()).isZero();
        assertThat(second.planned().plan().isEmpty()).isTrue();
        assertThat(dns.writes.get()).isEqualTo(writes);
        assertThat(audit.list(new AuditQuery(null, "dns.apply", null, 10))).hasSize(1);
        assertThat(audit.list(new AuditQuery(null, "dns.zone.create", null, 10))).hasSize(1);
    }

    @Test
    void applyRefusesAMissingZoneAndNamesBootstrap() {
        assertThatThrownBy(() -> service.apply(target, false, "test"))
                .isInstanceOf(RejectedCommandException.class).hasMessageContaining("dns bootstrap --domain " + DOMAIN);
        assertThat(dns.writes.get()).isZero();
    }

    @Test
    void aProviderWithoutDkimYetIsNamedInTheWarnings() {
        dns.createZone(DOMAIN);
        assertThat(service.plan(target).plan().warnings()).anyMatch(w -> w.contains("mailcow holds no DKIM key"));
        mailbox.ensureDomain(DOMAIN);
        assertThat(service.plan(target).plan().warnings()).noneMatch(w -> w.contains("DKIM"));
    }

    @Test
    void withoutProvidersOrMailboxesThePlanAsksForThem() {
        assertThatThrownBy(() -> service.plan(new Target(DOMAIN, List.of(), false)))
                .isInstanceOf(RejectedCommandException.class).hasMessageContaining("--provider");
        assertThatThrownBy(() -> service.plan(new Target("not a domain", List.of("mailcow"), false)))
                .isInstanceOf(RejectedCommandException.class).hasMessageContaining("--domain");
    }

    @Test
    void pruningPastThirtyPercentNeedsForceAndWritesNothingUntilThen() {
        mailbox.ensureDomain(DOMAIN);
        service.bootstrap(target, false, true, "test");
        List<DnsChange> foreign = new ArrayList<>();
        for (int i = 0; i < 10; i++) foreign.add(new DnsChange(DnsChange.Kind.CREATE, null, new Rrset("old" + i, "A", 3600, List.of("198.51.100." + i))));
        dns.apply(DOMAIN, foreign);
        int writes = dns.writes.get();
        Target prune = new Target(DOMAIN, List.of("mailcow"), true);
        assertThatThrownBy(() -> service.apply(prune, false, "test"))
                .isInstanceOf(RejectedCommandException.class).hasMessageContaining("--force").hasMessageContaining("10 of the zone's");
        assertThat(dns.writes.get()).isEqualTo(writes);
        assertThat(service.apply(target, false, "test").writes()).isZero(); // without --prune they are left alone
        Applied forced = service.apply(prune, true, "test");
        assertThat(forced.planned().plan().count(DnsChange.Kind.DELETE)).isEqualTo(10);
        assertThat(forced.verified()).isTrue();
        assertThat(dns.zone(DOMAIN).orElseThrow().find("", "NS")).isPresent();
    }

    @Test
    void aFailedWriteIsAuditedAsFailed() {
        mailbox.ensureDomain(DOMAIN);
        dns.createZone(DOMAIN);
        dns.failNextApply(new DnsRecordsException(DnsRecordsException.Reason.RATE_LIMITED, "throttled"));
        assertThatThrownBy(() -> service.apply(target, false, "test")).isInstanceOf(DnsRecordsException.class);
        List<AuditEntry> entries = audit.list(new AuditQuery(null, "dns.apply", null, 10));
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.event().outcome()).isEqualTo("failed");
            assertThat(e.event().details()).containsEntry("reason", "RATE_LIMITED");
        });
    }

    @Test
    void addressUpdatesWriteOnlyOnChangeAndBothFamiliesTogether() {
        mailbox.ensureDomain(DOMAIN);
        service.bootstrap(target, false, true, "test");
        int writes = dns.writes.get();
        AddressUpdate same = service.updateAddress(DOMAIN, "test");
        assertThat(same.written()).isFalse();
        assertThat(dns.writes.get()).isEqualTo(writes);

        internet.set(HostAddresses.of("192.0.2.99", "2001:db8::99"));
        AddressUpdate moved = service.updateAddress(DOMAIN, "test");
        assertThat(moved.written()).isTrue();
        assertThat(dns.writes.get()).isEqualTo(writes + 1); // one write for A and AAAA
        assertThat(dns.zone(DOMAIN).orElseThrow().find("mail", "AAAA").orElseThrow().records()).containsExactly("2001:db8::99");

        internet.set(new HostAddresses(Optional.of("192.0.2.100"), Optional.empty())); // IPv6 not detected now
        service.updateAddress(DOMAIN, "test");
        assertThat(dns.zone(DOMAIN).orElseThrow().find("mail", "AAAA").orElseThrow().records())
                .as("a family not detected keeps its record, never emptied").containsExactly("2001:db8::99");
        assertThat(dns.zone(DOMAIN).orElseThrow().find("mail", "A").orElseThrow().records()).containsExactly("192.0.2.100");
        assertThat(service.apply(target, false, "test").writes()).as("apply keeps the published address").isZero();
    }

    @Test
    void theUpdateLoopBacksOffOnErrorsAndReturnsToItsRhythm() {
        mailbox.ensureDomain(DOMAIN);
        service.bootstrap(target, false, true, "test");
        List<Duration> waits = new ArrayList<>();
        List<String> events = new ArrayList<>();
        AddressUpdateLoop loop = new AddressUpdateLoop(service, Duration.ofMinutes(5), Duration.ofMinutes(30), d -> {
            waits.add(d);
            internet.set(waits.size() < 4 ? null : HostAddresses.of("192.0.2.10", "2001:db8::10"));
        });
        loop.run(DOMAIN, "test", 6, new net.azt3knet.ports.in.ManageDnsUseCase.AddressWatcher() {
            public void updated(AddressUpdate u) {
                events.add("ok");
            }

            public void failed(DnsRecordsException e, Duration retryIn) {
                events.add("failed");
            }
        });
        assertThat(events).containsExactly("ok", "failed", "failed", "failed", "ok", "ok");
        assertThat(waits).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20),
                Duration.ofMinutes(30), Duration.ofMinutes(5));
    }

    @Test
    void aFailureThatCannotPassEndsTheLoop() {
        AddressUpdateLoop loop = new AddressUpdateLoop(service, Duration.ofMinutes(1), Duration.ofMinutes(5), d -> { });
        assertThatThrownBy(() -> loop.run(DOMAIN, "test", 3, null)).isInstanceOf(RejectedCommandException.class);
    }
}
