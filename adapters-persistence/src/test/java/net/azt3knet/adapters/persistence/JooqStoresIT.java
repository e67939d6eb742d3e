package net.azt3knet.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.mailbox.LedgerMailbox;
import net.azt3knet.domain.population.PopulationSpec;
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
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

    @Test
    void theLedgerStoresItsStatusesAsTheWordsEarlierReleasesWroteAndReadsTheirRows() throws Exception {
        PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(3, "ledger-words");
        store().save(StoreFixtures.aHeader(spec, Instant.parse("2026-01-01T00:00:00Z")),
                StoreFixtures.feedOf(StoreFixtures.agentsOf(spec), 3),
                AuditEvent.ok("test", "population.persist", "population:" + spec.populationId(), Map.of()));
        UUID population = spec.populationId();
        ledger().pending(population, "mailcow", 0, "a@x.example", 7);
        ledger().active(population, "mailcow", 1, "b@x.example", "ref-b", 0);

        List<String> words = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT status FROM agent_mailbox WHERE population_id = ? ORDER BY agent_index")) {
            q.setObject(1, population);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) words.add(r.getString(1));
            }
            // a row as an earlier release wrote it
            try (PreparedStatement old = c.prepareStatement("UPDATE agent_mailbox SET status = 'active' WHERE population_id = ? AND agent_index = 0")) {
                old.setObject(1, population);
                old.executeUpdate();
            }
        }

        assertThat(words).containsExactly("pending", "active");
        assertThat(ledger().entries(population, "mailcow").get("a@x.example").status()).isEqualTo(LedgerMailbox.Status.ACTIVE);
    }
}
