package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.azt3knet.domain.audit.AuditEntry;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.domain.dns.HostAddresses;
import net.azt3knet.domain.dns.MailDnsPolicy;
import net.azt3knet.domain.mailbox.ChangeKind;
import net.azt3knet.domain.mailbox.LedgerMailbox;
import net.azt3knet.domain.mailbox.MailboxPlan;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.MailboxConflictException;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Failure;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.OnConflict;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.ports.in.RecreatePopulationUseCase.RecreateCommand;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.ports.out.dns.DnsRecordsException;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException.Reason;
import net.azt3knet.testkit.fakes.InMemoryDnsRecords;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning.Fault;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning.When;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.Test;

/** The reconcile over in-memory fakes: plan, apply, conflicts, faults, interruption, compensation, teardown, recreate. */
class ReconcileMailboxesServiceTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    private final InMemoryMailboxProvisioning provider = new InMemoryMailboxProvisioning("mailcow", true);
    private final PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(40, "provision");
    private final Target target = new Target(spec.populationId(), "mailcow");

    /** One installation: its own database in front of the shared provider. */
    private ProvisioningInstallation installation() {
        return new ProvisioningInstallation(clock, provider);
    }

    private ApplyCommand apply(OnConflict onConflict, boolean atomic) {
        return new ApplyCommand(target, onConflict, atomic, 4, "test", null);
    }

    private List<String> desiredAddresses(ProvisioningInstallation db) {
        return db.reconcile.plan(target).changes().stream().map(c -> c.address()).sorted().toList();
    }

    @Test
    void applyCreatesEveryMailboxWithItsDerivedPasswordAndASecondApplyWritesNothing() {
        ProvisioningInstallation db = installation().persisted(spec);
        MailboxPlan plan = db.reconcile.plan(target);
        assertThat(plan.counts().get(ChangeKind.CREATE)).isEqualTo(40);
        assertThat(provider.writes()).isZero(); // planning writes nothing

        ApplyReport first = db.reconcile.apply(apply(OnConflict.FAIL, false));

        assertThat(first.created()).isEqualTo(40);
        assertThat(first.converged()).isTrue();
        assertThat(provider.addresses()).hasSize(40);
        assertThat(provider.password(plan.changes().get(7).address())).map(Secret::reveal).contains("pw-7-0");
        assertThat(db.audited("mailbox.create")).isEqualTo(40);
        assertThat(db.reconcile.list(target)).allSatisfy(l -> assertThat(l.status()).isEqualTo(LedgerMailbox.Status.ACTIVE));

        long writes = provider.writes();
        ApplyReport second = db.reconcile.apply(apply(OnConflict.FAIL, false));
        assertThat(second.writes()).isZero();
        assertThat(provider.writes()).isEqualTo(writes);
        assertThat(db.reconcile.plan(target).converged()).isTrue();
    }

    @Test
    void conflictsAreAllListedBeforeAnyWriteAndSkipOrAdoptDecideWhatHappensToThem() {
        ProvisioningInstallation db = installation().persisted(spec);
        List<String> addresses = desiredAddresses(db);
        provider.foreign(addresses.get(3), "Someone Else");
        provider.foreign(addresses.get(9), "Someone Else");

        assertThatThrownBy(() -> db.reconcile.apply(apply(OnConflict.FAIL, false)))
                .isInstanceOfSatisfying(MailboxConflictException.class, e -> assertThat(e.conflicts())
                        .extracting(c -> c.address()).containsExactlyInAnyOrder(addresses.get(3), addresses.get(9)));
        assertThat(provider.writes()).isZero();

        ApplyReport skip = db.reconcile.apply(apply(OnConflict.SKIP, false));
        assertThat(skip.created()).isEqualTo(38);
        assertThat(skip.skipped()).isEqualTo(2);
        assertThat(skip.verify().mismatched()).containsExactlyInAnyOrder(addresses.get(3), addresses.get(9));

        ApplyReport adopt = db.reconcile.apply(apply(OnConflict.ADOPT, false));
        assertThat(adopt.adopted()).isEqualTo(2);
        assertThat(adopt.created()).isZero();
        assertThat(adopt.converged()).isTrue();
        assertThat(provider.password(addresses.get(3))).isPresent();
    }

    @Test
    void withTransientFaultsOnOneCallInFiveOneApplyConvergesToExactlyTheDesiredStateWithoutDuplicates() {
        ProvisioningInstallation db = installation().persisted(spec);
        List<String> desired = desiredAddresses(db);
        SplittableRandom random = new SplittableRandom(7);
        Reason[] reasons = {Reason.SERVER_ERROR, Reason.TIMEOUT, Reason.UNREACHABLE, Reason.RATE_LIMITED};
        provider.faults((op, address) -> random.nextInt(5) == 0
                ? new Fault(reasons[random.nextInt(reasons.length)], random.nextBoolean() ? When.BEFORE : When.AFTER) : null);

        ApplyReport report = db.reconcile.apply(apply(OnConflict.FAIL, false));

        assertThat(report.converged()).as("one apply keeps going through the faults: %s", report).isTrue();
        assertThat(provider.addresses()).containsExactlyInAnyOrderElementsOf(desired);
        long audited = db.audited("mailbox.create") + db.audited("mailbox.adopt") + db.audited("mailbox.update");
        assertThat(audited).as("every write call, failed ones too, is in the audit trail")
                .isEqualTo(provider.writes() - 1 /* the domain */);
        provider.faults((op, address) -> null);
        long writes = provider.writes();
        assertThat(db.reconcile.apply(apply(OnConflict.FAIL, false)).writes()).isZero();
        assertThat(provider.writes()).isEqualTo(writes);
    }

    @Test
    void aReadBackThatOutlastsTheDeadlineEndsInAReportNamingItAndTheNextRunStartsAtOnce() {
        ProvisioningInstallation db = installation().persisted(spec);
        AtomicInteger lists = new AtomicInteger();
        // the plan's read works; from the read-back on the provider's circuit breaker stays open
        provider.faults((op, address) -> op.equals("list") && lists.incrementAndGet() > 1
                ? new Fault(Reason.CIRCUIT_OPEN, When.BEFORE) : null);

        ApplyReport report = db.reconcile.apply(new ApplyCommand(target, OnConflict.FAIL, false, 4, "test", null, Duration.ofSeconds(1)));

        assertThat(report.created()).isEqualTo(40);
        assertThat(report.converged()).isFalse();
        assertThat(report.verify()).isNull();
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.agentIndex()).isEqualTo(Failure.NO_AGENT);
            assertThat(f.isTransient()).isTrue();
            assertThat(f.reason()).startsWith("the read-back (verify): injected CIRCUIT_OPEN");
        });
        assertThat(lists.get()).as("the read-back was tried again until the deadline").isGreaterThan(2);
        assertThat(db.audit.list(new AuditQuery(null, MailboxApplyEngine.APPLY, null, 10)))
                .anySatisfy(e -> assertThat(e.event().outcome()).isEqualTo("partial"));

        provider.faults((op, address) -> null);
        ApplyReport next = db.reconcile.apply(apply(OnConflict.FAIL, false));
        assertThat(next.jobId()).isEqualTo(report.jobId());
        assertThat(next.writes()).isZero();
        assertThat(next.converged()).isTrue();
    }

    @Test
    void aRunThatFailsReleasesItsLeaseOnTheWayOut() {
        ProvisioningInstallation db = installation().persisted(spec);
        AtomicInteger lists = new AtomicInteger();
        provider.faults((op, address) -> op.equals("list") && lists.incrementAndGet() > 1
                ? new Fault(Reason.UNAUTHORIZED, When.BEFORE) : null);

        assertThatThrownBy(() -> db.reconcile.apply(apply(OnConflict.FAIL, false)))
                .isInstanceOfSatisfying(MailboxProvisioningException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED));

        provider.faults((op, address) -> null);
        ApplyReport next = db.reconcile.apply(apply(OnConflict.FAIL, false));
        assertThat(next.resumed()).as("the failed run's job, free at once").isTrue();
        assertThat(next.converged()).isTrue();
    }

    @Test
    void aCreateWhoseAnswerWasLostAndThatARetryFindsTakenIsAdoptedNotReportedAsForeign() {
        ProvisioningInstallation db = installation().persisted(spec);
        List<String> desired = desiredAddresses(db);
        AtomicInteger creates = new AtomicInteger();
        // the provider made the mailbox; what reached us was "already exists", as after a retried, timed-out create
        provider.faults((op, address) -> op.equals("create") && creates.incrementAndGet() % 7 == 0
                ? new Fault(Reason.ALREADY_EXISTS, When.AFTER) : null);

        ApplyReport report = db.reconcile.apply(apply(OnConflict.FAIL, false));

        assertThat(report.converged()).as("%s", report).isTrue();
        assertThat(report.failures()).isEmpty();
        assertThat(provider.addresses()).containsExactlyInAnyOrderElementsOf(desired);
        assertThat(db.audit.list(new AuditQuery(null, "mailbox.adopt", null, 100))).hasSize(5)
                .allSatisfy(e -> assertThat(e.event().details()).containsEntry("after", "a create whose outcome was unknown"));
        desired.forEach(a -> assertThat(provider.password(a)).isPresent());
        provider.faults((op, address) -> null);
        assertThat(db.reconcile.plan(target).of(ChangeKind.CONFLICT)).isEmpty();
        assertThat(db.reconcile.apply(apply(OnConflict.FAIL, false)).writes()).isZero();
    }

    @Test
    void aConvergedPopulationWhoseDomainSettingsChangedGetsExactlyThoseWrites() {
        ProvisioningInstallation db = installation().persisted(spec);
        assertThat(db.reconcile.apply(apply(OnConflict.FAIL, false)).converged()).isTrue();
        provider.forgetDomain(spec.domain());
        long writes = provider.writes();
        MailboxPlan plan = db.reconcile.plan(target);
        assertThat(plan.domain()).containsExactly("add the domain");
        assertThat(plan.converged()).isFalse();
        assertThat(plan.summary()).endsWith("; 1 domain setting to write");

        ApplyReport report = db.reconcile.apply(apply(OnConflict.FAIL, false));

        assertThat(report.domain()).isEqualTo(1);
        assertThat(report.writes()).isEqualTo(1);
        assertThat(provider.writes()).isEqualTo(writes + 1);
        assertThat(provider.dkim(spec.domain())).isPresent();
        assertThat(db.reconcile.apply(apply(OnConflict.FAIL, false)).writes()).isZero();
    }

    @Test
    void anInterruptedApplyStopsCleanlyAndTheNextRunResumesItsJobAndConverges() throws Exception {
        ProvisioningInstallation db = installation().persisted(spec);
        AtomicReference<Thread> applying = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        provider.faults((op, address) -> {
            if (calls.incrementAndGet() == 12) {
                applying.get().interrupt();
                sleep(300); // a provider call takes time; meanwhile the applying thread tells the workers to stop
            }
            return null;
        });
        AtomicReference<ApplyReport> first = new AtomicReference<>();
        Thread t = new Thread(() -> first.set(db.reconcile.apply(new ApplyCommand(target, OnConflict.FAIL, false, 1, "test", null))));
        applying.set(t);
        t.start();
        t.join();

        assertThat(first.get().interrupted()).isTrue();
        assertThat(first.get().created()).isBetween(10L, 39L);
        ApplyReport second = db.reconcile.apply(apply(OnConflict.FAIL, false));
        assertThat(second.resumed()).isTrue();
        assertThat(second.jobId()).isEqualTo(first.get().jobId());
        assertThat(second.created() + first.get().created()).isEqualTo(40);
        assertThat(second.converged()).isTrue();
    }

    @Test
    void atomicApplyUndoesWhatItCreatedOnAPermanentFailureAndSaysSo() {
        ProvisioningInstallation db = installation().persisted(spec);
        AtomicInteger creates = new AtomicInteger();
        provider.faults((op, address) -> op.equals("create") && creates.incrementAndGet() == 15
                ? new Fault(Reason.REJECTED, When.BEFORE) : null);

        ApplyReport report = db.reconcile.apply(new ApplyCommand(target, OnConflict.FAIL, true, 1, "test", null));

        assertThat(report.failures()).anySatisfy(f -> assertThat(f.isTransient()).isFalse());
        assertThat(report.compensated()).isEqualTo(14);
        assertThat(report.converged()).isFalse();
        assertThat(provider.addresses()).isEmpty();
        assertThat(db.reconcile.list(target)).isEmpty();
        assertThat(db.audited("mailbox.compensate")).isEqualTo(14);
    }

    @Test
    void teardownRemovesOnlyWhatThePopulationOwns() {
        ProvisioningInstallation db = installation().persisted(spec);
        provider.foreign("postmaster@" + spec.domain(), "Postmaster");
        db.reconcile.apply(apply(OnConflict.FAIL, false));

        assertThat(db.reconcile.teardownPlan(target).counts().get(ChangeKind.DELETE)).isEqualTo(40);
        ApplyReport report = db.reconcile.teardown(apply(OnConflict.FAIL, false));

        assertThat(report.deleted()).isEqualTo(40);
        assertThat(provider.addresses()).containsExactly("postmaster@" + spec.domain());
        assertThat(db.reconcile.list(target)).isEmpty();
    }

    @Test
    void recreateAfterLosingTheDatabaseAdoptsTheProvidersMailboxesWithTheSamePasswords() {
        ProvisioningInstallation lost = installation().persisted(spec);
        lost.reconcile.apply(apply(OnConflict.FAIL, false));
        List<String> before = provider.addresses();

        ProvisioningInstallation fresh = installation();
        RecreatePopulationService recreate = new RecreatePopulationService(fresh.store, fresh.persist, fresh.reconcile, null);
        var report = recreate.recreate(new RecreateCommand(spec, 2, apply(OnConflict.FAIL, false), false));

        assertThat(report.restored()).isTrue();
        assertThat(report.provisioning().created()).isZero();
        assertThat(report.provisioning().adopted()).isEqualTo(40); // the owner tag proves they are ours
        assertThat(report.provisioning().converged()).isTrue();
        assertThat(provider.addresses()).isEqualTo(before);
        assertThat(provider.password(before.get(0))).map(Secret::reveal).hasValueSatisfying(p -> assertThat(p).endsWith("-0"));
        List<AuditEntry> adopted = fresh.audit.list(new AuditQuery(null, "mailbox.adopt", null, 100));
        assertThat(adopted).hasSize(40);
    }

    @Test
    void recreateOfAStoredPopulationUsesTheSpecStoredWithItAndRefusesAnUnknownOne() {
        ProvisioningInstallation db = installation().persisted(spec);
        RecreatePopulationService recreate = new RecreatePopulationService(db.store, db.persist, db.reconcile, null);

        var report = recreate.recreateStored(spec.populationId(), 2, apply(OnConflict.FAIL, false), false);

        assertThat(report.restored()).isFalse();
        assertThat(report.domain()).isEqualTo(spec.domain());
        assertThat(report.agents()).isEqualTo(40);
        assertThat(report.provisioning().created()).isEqualTo(40);
        assertThat(report.provisioning().converged()).isTrue();
        java.util.UUID unknown = java.util.UUID.fromString("00000000-0000-4000-8000-000000000001");
        assertThatThrownBy(() -> recreate.recreateStored(unknown, 2, null, false))
                .isInstanceOf(net.azt3knet.ports.in.UnknownPopulationException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void recreateReSyncsTheDomainsDnsAfterConvergingAndReportsADnsFailureWithoutFailing() {
        ProvisioningInstallation lost = installation().persisted(spec);
        lost.reconcile.apply(apply(OnConflict.FAIL, false));
        ProvisioningInstallation fresh = installation();
        InMemoryDnsRecords zones = new InMemoryDnsRecords(3600);
        ManageDnsService dns = new ManageDnsService(zones, InMemoryMailboxProvisioning.providers(provider), fresh.store,
                fresh.ledger, () -> HostAddresses.of("192.0.2.10", null), MailDnsPolicy.DEFAULTS, fresh.audit);
        RecreatePopulationService recreate = new RecreatePopulationService(fresh.store, fresh.persist, fresh.reconcile, dns);

        var report = recreate.recreate(new RecreateCommand(spec, 2, apply(OnConflict.FAIL, false), true));
        assertThat(report.provisioning().converged()).isTrue();
        assertThat(report.dnsFailure()).isNull();
        assertThat(report.dns().zoneCreated()).isTrue();
        assertThat(report.dns().verified()).isTrue();
        assertThat(zones.zone(spec.domain())).isPresent();

        var without = recreate.recreate(new RecreateCommand(spec, 2, apply(OnConflict.FAIL, false), false));
        assertThat(without.dns()).isNull();

        InMemoryDnsRecords down = new InMemoryDnsRecords(3600);
        down.failNextApply(new DnsRecordsException(DnsRecordsException.Reason.UNREACHABLE, "the DNS provider is down"));
        ManageDnsService broken = new ManageDnsService(down, InMemoryMailboxProvisioning.providers(provider), fresh.store, fresh.ledger, () -> HostAddresses.of("192.0.2.10", null),
                MailDnsPolicy.DEFAULTS, fresh.audit);
        var failed = new RecreatePopulationService(fresh.store, fresh.persist, fresh.reconcile, broken)
                .recreate(new RecreateCommand(spec, 2, apply(OnConflict.FAIL, false), true));
        assertThat(failed.provisioning().converged()).isTrue(); // the mailboxes are in place
        assertThat(failed.dns()).isNull();
        assertThat(failed.dnsFailure()).hasMessageContaining("the DNS provider is down");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
