package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import net.azt3knet.domain.generation.PopulationGenerator;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.PersistPopulationUseCase.PersistPopulationCommand;
import net.azt3knet.ports.in.PopulateUseCase.PopulateCommand;
import net.azt3knet.ports.in.PopulateUseCase.PopulateReport;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.OnConflict;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.ports.out.store.PopulationConflictException;
import net.azt3knet.testkit.fakes.InMemoryAuditTrail;
import net.azt3knet.testkit.fakes.InMemoryJobStore;
import net.azt3knet.testkit.fakes.InMemoryMailboxLedger;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning;
import net.azt3knet.testkit.fakes.InMemoryPopulationStore;
import net.azt3knet.testkit.fakes.TransparentCredentialCipher;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.Test;

/** Persist, then provision, over the in-memory fakes: a stored population is resumed, refused, or a rerun's own. */
class PopulateServiceTest {

    private final Clock clock = Clock.systemUTC();
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(clock);
    private final InMemoryPopulationStore store = new InMemoryPopulationStore(audit);
    private final TransparentCredentialCipher cipher = new TransparentCredentialCipher();
    private final InMemoryMailboxProvisioning local = new InMemoryMailboxProvisioning("local", true);
    private final PopulateService service = new PopulateService(
            new PersistPopulationService(new GeneratePopulationService(PopulationGenerator.create()), store, store, cipher, clock, null),
            new ReconcileMailboxesService(store, store, cipher, InMemoryMailboxProvisioning.providers(local), new InMemoryMailboxLedger(),
                    new InMemoryJobStore(clock), audit, clock),
            store);
    private final PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(5, "populate-service");

    private PersistPopulationCommand persist() {
        return new PersistPopulationCommand(spec, 1, "test", null);
    }

    private ApplyCommand provision() {
        return new ApplyCommand(new Target(spec.populationId(), "local"), OnConflict.FAIL, false, 2, "test", null);
    }

    @Test
    void aNewPopulationIsStoredThenProvisionedAndVerified() {
        PopulateReport report = service.populate(new PopulateCommand(persist(), provision()));

        assertThat(report.resumed()).isFalse();
        assertThat(report.agents()).isEqualTo(5);
        assertThat(report.mailboxes().created()).isEqualTo(5);
        assertThat(report.mailboxes().verify().ok()).isTrue();
    }

    @Test
    void aStoredPopulationIsRefusedWithoutProvisioningAndTheCheckSaysSoBeforeAnyWork() {
        service.check(new PopulateCommand(persist(), null)); // not stored yet: nothing to refuse
        service.populate(new PopulateCommand(persist(), null));

        assertThatThrownBy(() -> service.check(new PopulateCommand(persist(), null)))
                .isInstanceOf(PopulationConflictException.class).hasMessageContaining(spec.populationId().toString());
        assertThatThrownBy(() -> service.populate(new PopulateCommand(persist(), null)))
                .isInstanceOf(PopulationConflictException.class);
        service.check(new PopulateCommand(persist(), provision())); // with provisioning it resumes: not refused
    }

    @Test
    void withProvisioningAStoredPopulationResumesAtTheProvisioning() {
        service.populate(new PopulateCommand(persist(), null));

        PopulateReport report = service.populate(new PopulateCommand(persist(), provision()));
        assertThat(report.resumed()).isTrue();
        assertThat(report.keyId()).isNull();
        assertThat(report.mailboxes().created()).isEqualTo(5);
    }

    @Test
    void aRerunFindsItsOwnStoredPopulationAndReportsItResumed() {
        service.populate(new PopulateCommand(persist(), null)); // the first run stored it, then its process died

        PopulateReport report = service.populate(new PopulateCommand(persist(), null, true));
        assertThat(report.resumed()).isTrue();
        assertThat(report.agents()).isEqualTo(5);
        assertThat(report.mailboxes()).isNull();
    }
}
