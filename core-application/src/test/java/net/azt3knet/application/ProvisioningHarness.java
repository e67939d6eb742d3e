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
import net.azt3knet.ports.out.mailbox.ProviderDnsNeeds;
import net.azt3knet.ports.out.mailbox.ProviderHealth;
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
    public final ReconcileMailboxesService service;

    private final InMemoryPopulationStore store;
    private final TransparentCredentialCipher cipher;
    private final InMemoryMailboxLedger ledger;
    private final InMemoryJobStore jobs;

    public <P extends MailboxProvisioning & ProviderDnsNeeds & ProviderHealth> ProvisioningHarness(P provider, int agents, String seed) {
        Clock clock = Clock.systemUTC();
        audit = new InMemoryAuditTrail(clock);
        store = new InMemoryPopulationStore(audit);
        cipher = new TransparentCredentialCipher();
        ledger = new InMemoryMailboxLedger();
        jobs = new InMemoryJobStore(clock);
        spec = StoreFixtures.aSpecOnItsOwnDomain(agents, seed);
        new PersistPopulationService(new GeneratePopulationService(PopulationGenerator.create()), store, store, cipher, clock, null)
                .persist(new PersistPopulationCommand(spec, 2, "test", null));
        service = new ReconcileMailboxesService(store, store, cipher, InMemoryMailboxProvisioning.providers(List.of(provider)),
                ledger, jobs, audit, Clock.systemUTC());
        target = new Target(spec.populationId(), provider.capabilities().name());
    }

    private <P extends MailboxProvisioning & ProviderDnsNeeds & ProviderHealth> ProvisioningHarness(ProvisioningHarness same, P provider) {
        audit = same.audit;
        store = same.store;
        cipher = same.cipher;
        ledger = same.ledger;
        jobs = same.jobs;
        spec = same.spec;
        target = same.target;
        service = new ReconcileMailboxesService(store, store, cipher, InMemoryMailboxProvisioning.providers(List.of(provider)),
                ledger, jobs, audit, Clock.systemUTC());
    }

    /** The same stores and population, at the same provider reached with other settings (a changed configuration). */
    public <P extends MailboxProvisioning & ProviderDnsNeeds & ProviderHealth> ProvisioningHarness withProvider(P provider) {
        return new ProvisioningHarness(this, provider);
    }

    /** One apply with 4 workers, failing on conflicts. */
    public ApplyReport apply() {
        return apply(4);
    }

    /** One apply with {@code concurrency} workers, failing on conflicts. */
    public ApplyReport apply(int concurrency) {
        return service.apply(new ApplyCommand(target, OnConflict.FAIL, false, concurrency, "test", null));
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
