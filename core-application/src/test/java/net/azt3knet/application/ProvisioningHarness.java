package net.azt3knet.application;

import java.time.Clock;
import java.util.List;
import net.azt3knet.domain.generation.PopulationGenerator;
import net.azt3knet.domain.mailbox.MailboxChange;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.PersistPopulationUseCase.PersistPopulationCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.OnConflict;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.testkit.fakes.InMemoryAuditTrail;
import net.azt3knet.testkit.fakes.InMemoryJobStore;
import net.azt3knet.testkit.fakes.InMemoryMailboxLedger;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning;
import net.azt3knet.testkit.fakes.InMemoryPopulationStore;
import net.azt3knet.testkit.fakes.TransparentCredentialCipher;
import net.azt3knet.testkit.fixtures.StoreFixtures;

/**
 * A stored population and the real provisioning service over in-memory stores, pointed at one provider: what the
 * adapters' reconcile tests (shipped in this module's test jar) run a whole apply with.
 */
public final class ProvisioningHarness {

    public final InMemoryAuditTrail audit;
    public final PopulationSpec spec;
    public final Target target;
    public final ProvisionMailboxesService service;

    public ProvisioningHarness(MailboxProvisioning provider, int agents, String seed) {
        Clock clock = Clock.systemUTC();
        audit = new InMemoryAuditTrail(clock);
        InMemoryPopulationStore store = new InMemoryPopulationStore(audit);
        TransparentCredentialCipher cipher = new TransparentCredentialCipher();
        spec = StoreFixtures.aSpecOnItsOwnDomain(agents, seed);
        new PersistPopulationService(new GeneratePopulationService(PopulationGenerator.create()), store, store, cipher, clock, null)
                .persist(new PersistPopulationCommand(spec, 2, "test", null));
        service = new ProvisionMailboxesService(store, store, cipher, InMemoryMailboxProvisioning.providers(provider),
                new InMemoryMailboxLedger(), new InMemoryJobStore(clock), audit, clock);
        target = new Target(spec.populationId(), provider.capabilities().name());
    }

    /** One apply with 4 workers, failing on conflicts. */
    public ApplyReport apply() {
        return service.apply(new ApplyCommand(target, OnConflict.FAIL, false, 4, "test", null));
    }

    /** Applies until converged, at most {@code runs} times; the last report. */
    public ApplyReport applyUntilConverged(int runs) {
        ApplyReport report = apply();
        for (int i = 1; i < runs && !report.converged(); i++) report = apply();
        return report;
    }

    /** The population's addresses, sorted. */
    public List<String> addresses() {
        return service.plan(target).changes().stream().map(MailboxChange::address).sorted().toList();
    }

    /** Successful creates plus adoptions (a create whose outcome was unknown and then found) in the audit trail. */
    public long auditedCreatesAndAdoptions() {
        return audit.list(new AuditQuery(null, "mailbox.create", null, 100_000)).stream()
                .filter(e -> e.event().outcome().equals("ok")).count()
                + audit.list(new AuditQuery(null, "mailbox.adopt", null, 100_000)).size();
    }
}
