package net.azt3knet.application;

import java.time.Clock;
import net.azt3knet.domain.generation.PopulationGenerator;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.PersistPopulationUseCase.PersistPopulationCommand;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.testkit.fakes.InMemoryAuditTrail;
import net.azt3knet.testkit.fakes.InMemoryJobStore;
import net.azt3knet.testkit.fakes.InMemoryMailboxLedger;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning;
import net.azt3knet.testkit.fakes.InMemoryPopulationStore;
import net.azt3knet.testkit.fakes.TransparentCredentialCipher;

/**
 * One installation over in-memory fakes: its own database (stores, ledger, jobs, audit) in front of a provider that
 * several installations may share, with the three provisioning use cases wired as app-wiring wires them.
 */
final class ProvisioningInstallation {

    final InMemoryAuditTrail audit;
    final InMemoryPopulationStore store;
    final InMemoryMailboxLedger ledger = new InMemoryMailboxLedger();
    final InMemoryJobStore jobs;
    final TransparentCredentialCipher cipher = new TransparentCredentialCipher();
    final PersistPopulationService persist;
    final ReconcileMailboxesService reconcile;
    final VerifyMailboxesService verify;
    final RotateMailboxPasswordsService rotate;

    ProvisioningInstallation(Clock clock, InMemoryMailboxProvisioning... providers) {
        audit = new InMemoryAuditTrail(clock);
        store = new InMemoryPopulationStore(audit);
        jobs = new InMemoryJobStore(clock);
        persist = new PersistPopulationService(new GeneratePopulationService(PopulationGenerator.create()), store, store, cipher, clock, null);
        reconcile = new ReconcileMailboxesService(store, store, cipher, InMemoryMailboxProvisioning.providers(providers), ledger,
                jobs, audit, clock);
        verify = new VerifyMailboxesService(store, InMemoryMailboxProvisioning.providers(providers), ledger);
        rotate = new RotateMailboxPasswordsService(store, store, cipher, InMemoryMailboxProvisioning.providers(providers), reconcile);
    }

    /** With {@code spec} stored (agents and sealed credentials). */
    ProvisioningInstallation persisted(PopulationSpec spec) {
        persist.persist(new PersistPopulationCommand(spec, 2, "test", null));
        return this;
    }

    /** How many audit events of {@code action} there are. */
    long audited(String action) {
        return audit.list(new AuditQuery(null, action, null, 1_000_000)).size();
    }
}
