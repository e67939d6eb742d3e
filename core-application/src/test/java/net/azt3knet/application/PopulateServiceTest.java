package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import net.azt3knet.domain.generation.PopulationGenerator;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.PersistPopulationUseCase.PersistPopulationCommand;
import net.azt3knet.ports.in.PopulateUseCase.PopulateCommand;
import net.azt3knet.ports.in.PopulateUseCase.PopulateReport;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.OnConflict;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException.Reason;
import net.azt3knet.ports.out.store.PopulationConflictException;
import net.azt3knet.testkit.fakes.InMemoryAuditTrail;
import net.azt3knet.testkit.fakes.InMemoryJobStore;
import net.azt3knet.testkit.fakes.InMemoryMailboxLedger;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning.Fault;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning.When;
import net.azt3knet.testkit.fakes.InMemoryPopulationStore;
import net.azt3knet.testkit.fakes.TransparentCredentialCipher;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.Test;

/** Persist, then provision, over in-memory fakes: a stored population resumes its mailboxes instead of failing. */
class PopulateServiceTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T09:00:00Z"), ZoneOffset.UTC);
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(clock);
    private final InMemoryPopulationStore store = new InMemoryPopulationStore(audit);
    private final TransparentCredentialCipher cipher = new TransparentCredentialCipher();
    private final InMemoryMailboxProvisioning provider = new InMemoryMailboxProvisioning("mailcow", true);
    private final ReconcileMailboxesService provisioning = new ReconcileMailboxesService(store, store, cipher,
            InMemoryMailboxProvisioning.providers(provider), new InMemoryMailboxLedger(), new InMemoryJobStore(clock), audit, clock);
    private final PopulateService populate = new PopulateService(new PersistPopulationService(
            new GeneratePopulationService(PopulationGenerator.create()), store, store, cipher, clock, null), provisioning, store);
    private final PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(12, "populate");

    private PopulateCommand storeOnly() {
        return new PopulateCommand(new PersistPopulationCommand(spec, 2, "test", null), null);
    }

    private PopulateCommand storeAndProvision() {
        return new PopulateCommand(new PersistPopulationCommand(spec, 2, "test", null),
                new ApplyCommand(new Target(spec.populationId(), "mailcow"), OnConflict.FAIL, false, 4, "test", null));
    }

    private long persisted() {
        return audit.list(new AuditQuery(null, "population.persist", null, 100)).size();
    }

    @Test
    void aNewPopulationIsStoredThenProvisionedAndVerified() {
        PopulateReport report = populate.populate(storeAndProvision());

        assertThat(report.resumed()).isFalse();
        assertThat(report.populationId()).isEqualTo(spec.populationId());
        assertThat(report.agents()).isEqualTo(12);
        assertThat(report.keyId()).isNotBlank();
        assertThat(report.mailboxes().created()).isEqualTo(12);
        assertThat(report.mailboxes().converged()).as("%s", report.mailboxes()).isTrue();
        assertThat(store.find(spec.populationId())).isPresent();
        assertThat(provider.addresses()).hasSize(12);
    }

    @Test
    void withoutProvisioningOnlyTheStoreIsWritten() {
        PopulateReport report = populate.populate(storeOnly());

        assertThat(report.resumed()).isFalse();
        assertThat(report.mailboxes()).isNull();
        assertThat(store.find(spec.populationId())).isPresent();
        assertThat(provider.writes()).isZero();
    }

    @Test
    void aStoredPopulationIsNotStoredAgainAndItsProvisioningRuns() {
        populate.populate(storeOnly());

        PopulateReport report = populate.populate(storeAndProvision());

        assertThat(report.resumed()).isTrue();
        assertThat(report.keyId()).as("nothing was sealed this time").isNull();
        assertThat(report.agents()).isEqualTo(12);
        assertThat(report.mailboxes().created()).isEqualTo(12);
        assertThat(report.mailboxes().converged()).isTrue();
        assertThat(persisted()).as("stored once").isEqualTo(1);
    }

    @Test
    void aStoredPopulationWithoutProvisioningIsAConflictThatSaysWhatToDo() {
        populate.populate(storeOnly());

        assertThatThrownBy(() -> populate.populate(storeOnly()))
                .isInstanceOf(PopulationConflictException.class)
                .hasMessageContaining(spec.populationId().toString())
                .hasMessageContaining("--create-mailboxes");
        assertThat(persisted()).isEqualTo(1);
    }

    @Test
    void failedCreatesAfterStoringLeaveThePopulationStoredAndTheNextRunResumesIt() {
        AtomicInteger creates = new AtomicInteger();
        provider.faults((op, address) -> op.equals("create") && creates.incrementAndGet() > 5
                ? new Fault(Reason.UNAUTHORIZED, When.BEFORE) : null);

        PopulateReport first = populate.populate(storeAndProvision());

        assertThat(first.resumed()).isFalse();
        assertThat(first.mailboxes().converged()).isFalse();
        assertThat(first.mailboxes().failures()).isNotEmpty();
        assertThat(store.find(spec.populationId())).as("the store's transaction is not undone by the provider").isPresent();
        int before = provider.addresses().size();
        assertThat(before).isBetween(1, 11);

        provider.faults((op, address) -> null);
        PopulateReport again = populate.populate(storeAndProvision());

        assertThat(again.resumed()).isTrue();
        assertThat(again.mailboxes().created()).isEqualTo(12 - before);
        assertThat(again.mailboxes().converged()).isTrue();
        assertThat(provider.addresses()).hasSize(12);
        assertThat(persisted()).isEqualTo(1);
    }

    @Test
    void aProviderThatFailsTheWholeRunLeavesThePopulationStoredAndTheNextRunProvisionsIt() {
        provider.faults((op, address) -> op.equals("list") ? new Fault(Reason.UNAUTHORIZED, When.BEFORE) : null);

        assertThatThrownBy(() -> populate.populate(storeAndProvision()))
                .isInstanceOfSatisfying(MailboxProvisioningException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED));
        assertThat(store.find(spec.populationId())).isPresent();
        assertThat(provider.writes()).isZero();

        provider.faults((op, address) -> null);
        PopulateReport again = populate.populate(storeAndProvision());

        assertThat(again.resumed()).isTrue();
        assertThat(again.mailboxes().created()).isEqualTo(12);
        assertThat(again.mailboxes().converged()).isTrue();
        assertThat(provider.addresses()).hasSize(12);
        assertThat(persisted()).isEqualTo(1);
    }

    @Test
    void aThirdRunFindsNothingToDo() {
        populate.populate(storeAndProvision());
        long writes = provider.writes();

        PopulateReport third = populate.populate(storeAndProvision());

        assertThat(third.resumed()).isTrue();
        assertThat(third.mailboxes().writes()).isZero();
        assertThat(third.mailboxes().converged()).isTrue();
        assertThat(provider.writes()).isEqualTo(writes);
    }

    @Test
    void theCheckRefusesAStoredPopulationWithoutProvisioningBeforeAnyWork() {
        populate.check(storeOnly()); // not stored yet: nothing to refuse
        populate.populate(storeOnly());

        assertThatThrownBy(() -> populate.check(storeOnly()))
                .isInstanceOf(PopulationConflictException.class).hasMessageContaining(spec.populationId().toString());
        populate.check(storeAndProvision()); // with provisioning it resumes: not refused
    }

    @Test
    void aRerunFindsItsOwnStoredPopulationAndReportsItResumed() {
        populate.populate(storeOnly()); // the first run stored it, then its process died

        PopulateReport report = populate.populate(new PopulateCommand(new PersistPopulationCommand(spec, 2, "test", null), null, true));
        assertThat(report.resumed()).isTrue();
        assertThat(report.agents()).isEqualTo(12);
        assertThat(report.mailboxes()).isNull();
        assertThat(persisted()).isEqualTo(1);
    }
}
