package net.azt3knet.adapters.persistence;

import java.time.Clock;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.ports.out.text.GeneratedTextCache;
import net.azt3knet.ports.out.access.ApiTokenStore;
import net.azt3knet.testkit.contracts.ApiTokenStoreContract;
import net.azt3knet.testkit.contracts.AuditTrailContract;
import net.azt3knet.testkit.contracts.GeneratedTextCacheContract;
import net.azt3knet.testkit.contracts.JobStoreContract;
import net.azt3knet.testkit.contracts.MailboxLedgerContract;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.testkit.contracts.PopulationStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL stores run the same contracts as the in-memory fakes, against a real embedded PostgreSQL 17. */
class JooqStoresIT implements PopulationStoreContract, AuditTrailContract, GeneratedTextCacheContract, MailboxLedgerContract,
        JobStoreContract, ApiTokenStoreContract {

    private static PostgresPersistence db;

    @BeforeAll
    static void start() throws Exception {
        db = PostgresPersistence.start(TestDatabases.fresh("stores"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (db != null) db.close();
    }

    @Override
    public PopulationStore store() {
        return db.populations();
    }

    @Override
    public CredentialStore credentials() {
        return db.credentials();
    }

    @Override
    public AuditTrail audit() {
        return db.auditTrail();
    }

    @Override
    public GeneratedTextCache cache() {
        return db.textCache();
    }

    @Override
    public MailboxLedger ledger() {
        return db.mailboxLedger();
    }

    @Override
    public JobStore jobs() {
        return db.jobs();
    }

    @Override
    public ApiTokenStore tokens() {
        return db.apiTokens();
    }
}
