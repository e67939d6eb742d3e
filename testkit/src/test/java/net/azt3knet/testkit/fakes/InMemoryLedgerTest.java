package net.azt3knet.testkit.fakes;

import java.time.Clock;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.testkit.contracts.MailboxLedgerContract;

/** The ledger and job fakes obey the contract the PostgreSQL stores run. */
class InMemoryLedgerTest implements MailboxLedgerContract {

    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(Clock.systemUTC());
    private final InMemoryPopulationStore store = new InMemoryPopulationStore(audit);
    private final InMemoryMailboxLedger ledger = new InMemoryMailboxLedger();
    private final InMemoryJobStore jobs = new InMemoryJobStore(Clock.systemUTC());

    @Override
    public PopulationStore store() {
        return store;
    }

    @Override
    public MailboxLedger ledger() {
        return ledger;
    }

    @Override
    public JobStore jobs() {
        return jobs;
    }
}
