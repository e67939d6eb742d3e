package net.azt3knet.testkit.fakes;

import java.time.Clock;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.testkit.contracts.MailboxLedgerContract;

/** The ledger fake obeys the contract the PostgreSQL ledger runs. */
class InMemoryLedgerTest implements MailboxLedgerContract {

    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(Clock.systemUTC());
    private final InMemoryPopulationStore store = new InMemoryPopulationStore(audit);
    private final InMemoryMailboxLedger ledger = new InMemoryMailboxLedger();

    @Override
    public PopulationStore store() {
        return store;
    }

    @Override
    public MailboxLedger ledger() {
        return ledger;
    }
}
