package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.azt3knet.domain.audit.AuditEntry;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.credential.CredentialRef;
import net.azt3knet.domain.credential.SealedCredential;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.domain.generation.PopulationGenerator;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.InspectAuditTrailUseCase.Verification;
import net.azt3knet.ports.in.PersistPopulationUseCase.PersistPopulationCommand;
import net.azt3knet.ports.in.PersistPopulationUseCase.PersistReport;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.UnknownPopulationException;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.store.AgentRecord;
import net.azt3knet.testkit.fakes.InMemoryAuditTrail;
import net.azt3knet.testkit.fakes.InMemoryMailboxLedger;
import net.azt3knet.testkit.fakes.InMemoryPopulationStore;
import net.azt3knet.testkit.fakes.TransparentCredentialCipher;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.Test;

/** The storage use cases over the in-memory fakes. */
class StorageServicesTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(clock);
    private final InMemoryPopulationStore store = new InMemoryPopulationStore(audit);

    private static final CredentialCipher CIPHER = new TransparentCredentialCipher();

    private final PersistPopulationService persist = new PersistPopulationService(
            new GeneratePopulationService(PopulationGenerator.create()), store, store, CIPHER, clock, null);

    @Test
    void persistingStoresEveryAgentWithItsOwnDerivedCredentialAndOneAuditEntry() {
        PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(700, "service-persist");
        List<Long> progress = new ArrayList<>();
        PersistReport report = persist.persist(new PersistPopulationCommand(spec, 2, "cli:test", progress::add));

        assertThat(report.populationId()).isEqualTo(spec.populationId());
        assertThat(report.keyId()).isEqualTo("k-test");
        assertThat(progress).last().isEqualTo(700L);
        assertThat(progress).isSorted();
        List<AgentRecord> agents = new ArrayList<>();
        store.agents(spec.populationId(), 0, Long.MAX_VALUE, true, agents::add);
        assertThat(agents).hasSize(700);
        assertThat(agents).extracting(AgentRecord::index).isSorted();
        AgentRecord a = agents.get(42);
        assertThat(new String(a.credential().ciphertext(), StandardCharsets.UTF_8)).isEqualTo("pw-42-0");
        assertThat(a.credential().nonce()).isEqualTo(new CredentialRef(spec.populationId(), 42, 0).bytes());
        assertThat(new String(a.profileJson(), StandardCharsets.UTF_8)).startsWith("{\"id\":\"" + a.agentId() + "\",\"index\":42,");
        List<AuditEntry> entries = audit.list(AuditQuery.all());
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.event().action()).isEqualTo("population.persist");
            assertThat(e.event().actor()).isEqualTo("cli:test");
            assertThat(e.event().details()).containsEntry("agents", "700").containsEntry("key_id", "k-test")
                    .doesNotContainValue("pw-42-0");
        });
    }

    @Test
    void browsingAndDeletingNameUnknownPopulations() {
        InMemoryMailboxLedger ledger = new InMemoryMailboxLedger();
        BrowsePopulationsService browse = new BrowsePopulationsService(store, ledger);
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> browse.show(unknown)).isInstanceOf(UnknownPopulationException.class).hasMessageContaining(unknown.toString());
        assertThatThrownBy(() -> browse.delete(unknown, "t", false)).isInstanceOf(UnknownPopulationException.class);
        PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(12, "service-delete");
        persist.persist(new PersistPopulationCommand(spec, 1, "t", null));
        assertThat(browse.delete(spec.populationId(), "t", false)).isEqualTo(12);
        assertThat(audit.list(new AuditQuery(null, "population.delete", null, 10))).hasSize(1);
    }

    @Test
    void aPopulationWhoseMailboxesProvidersStillHoldIsOnlyDeletedWhenTheyAreKeptOnPurpose() {
        InMemoryMailboxLedger ledger = new InMemoryMailboxLedger();
        BrowsePopulationsService browse = new BrowsePopulationsService(store, ledger);
        PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(5, "service-delete-mailboxes");
        persist.persist(new PersistPopulationCommand(spec, 1, "t", null));
        ledger.active(spec.populationId(), "mailcow", 0, "a@" + spec.domain(), "a@" + spec.domain(), 0);

        assertThatThrownBy(() -> browse.delete(spec.populationId(), "t", false)).isInstanceOf(RejectedCommandException.class)
                .hasMessageContaining("1 mailboxes").hasMessageContaining("mailboxes teardown --population " + spec.populationId()
                        + " --provider mailcow --yes").hasMessageContaining("--keep-mailboxes");
        assertThat(browse.show(spec.populationId()).agents()).as("nothing deleted").isEqualTo(5);

        assertThat(browse.delete(spec.populationId(), "t", true)).isEqualTo(5);
        assertThat(audit.list(new AuditQuery(null, "population.delete", null, 10))).singleElement()
                .satisfies(e -> assertThat(e.event().details()).containsEntry("kept_mailboxes", "1"));
    }

    @Test
    void verificationFindsTamperingAndTruncation() {
        InspectAuditTrailService inspect = new InspectAuditTrailService(audit);
        for (int i = 0; i < 4; i++) audit.append(AuditEvent.ok("t", "thing", "x:" + i, Map.of()));
        Verification intact = inspect.verify(null);
        assertThat(intact.intact()).isTrue();
        assertThat(intact.checked()).isEqualTo(4);
        assertThat(inspect.verify(intact.head()).intact()).isTrue();

        audit.remove(3); // the last entry cut off: only the remembered head shows it
        assertThat(inspect.verify(null).intact()).isTrue();
        assertThat(inspect.verify(intact.head()).problem()).contains("cut off the end");

        AuditEntry second = audit.list(AuditQuery.all()).get(1);
        audit.replace(1, new AuditEntry(2, second.occurredAt(), AuditEvent.ok("mallory", "thing", "x:1", Map.of()),
                second.previousHash(), second.hash()));
        Verification broken = inspect.verify(null);
        assertThat(broken.intact()).isFalse();
        assertThat(broken.checked()).isEqualTo(1);
        assertThat(broken.problem()).isEqualTo("entry 2 was modified: its hash does not match its content");
    }
}
