package net.azt3knet.testkit.fakes;

import java.time.Clock;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.testkit.contracts.AuditTrailContract;
import net.azt3knet.testkit.contracts.PopulationStoreContract;

/** The in-memory fakes obey the same contracts as the PostgreSQL adapter. */
class InMemoryStoresTest implements PopulationStoreContract, AuditTrailContract {

    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(Clock.systemUTC());
    private final InMemoryPopulationStore store = new InMemoryPopulationStore(audit);

    @Override
    public PopulationStore store() {
        return store;
    }

    @Override
    public CredentialStore credentials() {
        return store;
    }

    @Override
    public AuditTrail audit() {
        return audit;
    }
}
