package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.mailbox.LedgerMailbox;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.Test;

/** What every {@link MailboxLedger} must do; the ledger and the population store share one database. */
public interface MailboxLedgerContract {

    PopulationStore store();

    MailboxLedger ledger();

    private UUID storedPopulation(String seed) {
        PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(5, seed + UUID.randomUUID());
        store().save(StoreFixtures.aHeader(spec, Instant.parse("2026-01-01T00:00:00Z")),
                StoreFixtures.feedOf(StoreFixtures.agentsOf(spec), 5),
                AuditEvent.ok("test", "population.persist", "population:" + spec.populationId(), Map.of()));
        return spec.populationId();
    }

    @Test
    default void pendingThenActiveEntriesAreReadBackPerProviderAndRememberTheRunThatCreatedThem() {
        UUID population = storedPopulation("ledger");
        ledger().pending(population, "mailcow", 1, "Bo@x.example", 41);
        ledger().pending(population, "mailcow", 2, "cy@x.example", 41);
        ledger().active(population, "mailcow", 1, "Bo@x.example", "ref-1", 0);
        ledger().active(population, "local", 3, "di@x.example", "di@x.example", -1);

        Map<String, LedgerMailbox> mailcow = ledger().entries(population, "mailcow");
        assertThat(mailcow).containsOnlyKeys("bo@x.example", "cy@x.example");
        assertThat(mailcow.get("bo@x.example")).isEqualTo(new LedgerMailbox(1, "Bo@x.example", LedgerMailbox.Status.ACTIVE, "ref-1", 0));
        assertThat(mailcow.get("cy@x.example").status()).isEqualTo(LedgerMailbox.Status.PENDING);
        assertThat(ledger().createdBy(population, "mailcow", 41)).extracting(LedgerMailbox::agentIndex).containsExactly(1L, 2L);
        assertThat(ledger().createdBy(population, "mailcow", 42)).isEmpty();
        assertThat(ledger().providers(population)).containsExactly(Map.entry("local", 1L), Map.entry("mailcow", 2L));

        ledger().forget(population, "mailcow", 2);
        assertThat(ledger().entries(population, "mailcow")).containsOnlyKeys("bo@x.example");
    }
}
