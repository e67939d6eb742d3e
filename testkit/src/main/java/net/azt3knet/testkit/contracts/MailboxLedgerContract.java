package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.mailbox.LedgerMailbox;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.out.store.JobState;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.ports.out.store.MailboxLedger;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.Test;

/** What every {@link MailboxLedger} and {@link JobStore} must do; the ledger and the store share one database. */
public interface MailboxLedgerContract {

    PopulationStore store();

    MailboxLedger ledger();

    JobStore jobs();

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
        assertThat(mailcow.get("bo@x.example")).isEqualTo(new LedgerMailbox(1, "Bo@x.example", LedgerMailbox.ACTIVE, "ref-1", 0));
        assertThat(mailcow.get("cy@x.example").status()).isEqualTo(LedgerMailbox.PENDING);
        assertThat(ledger().createdBy(population, "mailcow", 41)).extracting(LedgerMailbox::agentIndex).containsExactly(1L, 2L);
        assertThat(ledger().createdBy(population, "mailcow", 42)).isEmpty();
        assertThat(ledger().providers(population)).containsExactly(Map.entry("local", 1L), Map.entry("mailcow", 2L));

        ledger().forget(population, "mailcow", 2);
        assertThat(ledger().entries(population, "mailcow")).containsOnlyKeys("bo@x.example");
    }

    @Test
    default void anUnfinishedJobIsResumedOnceItsLeaseHasLapsedAndAFinishedOneIsNot() {
        String target = "population:" + UUID.randomUUID() + "/provider:mailcow";
        JobStore.Job first = jobs().claim("mailboxes.apply", target, JobStore.Progress.of(0, 9), java.time.Duration.ofMinutes(5));
        assertThat(first.resumed()).isFalse();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> jobs().claim("mailboxes.apply", target, JobStore.Progress.of(0, 0), java.time.Duration.ofMinutes(5)))
                .isInstanceOf(JobStore.JobBusyException.class).hasMessageContaining("job " + first.id());

        jobs().progress(first.id(), new JobStore.Progress(3, 9, 1, 0), java.time.Duration.ZERO);
        JobStore.Job resumed = jobs().claim("mailboxes.apply", target, JobStore.Progress.of(0, 0), java.time.Duration.ofMinutes(5));
        assertThat(resumed.id()).isEqualTo(first.id());
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.attempts()).isEqualTo(2);
        assertThat(resumed.payload()).as("the progress it was left with").isEqualTo(new JobStore.Progress(3, 9, 1, 0));

        jobs().finish(resumed.id(), JobState.DONE, JobStore.Progress.of(9, 9));
        JobStore.Job next = jobs().claim("mailboxes.apply", target, JobStore.Progress.of(0, 0), java.time.Duration.ofMinutes(5));
        assertThat(next.id()).isNotEqualTo(first.id());
        assertThat(jobs().latest("mailboxes.apply", target)).hasValueSatisfying(j -> assertThat(j.id()).isEqualTo(next.id()));
    }
}
