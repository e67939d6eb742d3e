package net.azt3knet.testkit.contracts;

import static net.azt3knet.testkit.fixtures.StoreFixtures.aHeader;
import static net.azt3knet.testkit.fixtures.StoreFixtures.aSpecOnItsOwnDomain;
import static net.azt3knet.testkit.fixtures.StoreFixtures.agentsOf;
import static net.azt3knet.testkit.fixtures.StoreFixtures.failingFeed;
import static net.azt3knet.testkit.fixtures.StoreFixtures.feedOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.credential.SealedCredential;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.store.AgentRecord;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.PopulationConflictException;
import net.azt3knet.ports.out.store.PopulationRecord;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.ports.out.store.StoredCredential;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PopulationStore} (and the {@link CredentialStore} beside it) must do. Implementations run it
 * by implementing this interface; the three stores given must share one database. Each test uses its own seed and
 * domain, so a store shared between tests is fine.
 */
public interface PopulationStoreContract {

    PopulationStore store();

    CredentialStore credentials();

    AuditTrail audit();

    private static AuditEvent persisted(PopulationSpec spec) {
        return AuditEvent.ok("test", "population.persist", "population:" + spec.populationId(), Map.of("agents", "" + spec.count()));
    }

    private List<AgentRecord> stored(UUID id, boolean withCredentials) {
        List<AgentRecord> out = new ArrayList<>();
        store().agents(id, 0, Long.MAX_VALUE, withCredentials, out::add);
        return out;
    }

    @Test
    default void aSavedPopulationComesBackWithEveryAgentInIndexOrder() {
        PopulationSpec spec = aSpecOnItsOwnDomain(1200, "contract-roundtrip-" + UUID.randomUUID());
        List<AgentRecord> agents = agentsOf(spec);
        store().save(aHeader(spec, Instant.parse("2026-01-02T03:04:05.123456Z")), feedOf(agents, 500), persisted(spec));

        PopulationRecord header = store().find(spec.populationId()).orElseThrow();
        assertThat(header.agents()).isEqualTo(1200);
        assertThat(header.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
        assertThat(PopulationSpec.parse(header.spec())).isEqualTo(spec);
        assertThat(stored(spec.populationId(), true)).isEqualTo(agents);
        assertThat(stored(spec.populationId(), false)).allSatisfy(a -> assertThat(a.credential()).isNull());
        assertThat(store().list()).extracting(PopulationRecord::id).contains(spec.populationId());
        assertThat(audit().list(new AuditQuery(null, null, "population:" + spec.populationId(), 10)))
                .singleElement().satisfies(e -> assertThat(e.event().action()).isEqualTo("population.persist"));
    }

    @Test
    default void agentsAreReadFromAnOffsetUpToALimit() {
        PopulationSpec spec = aSpecOnItsOwnDomain(50, "contract-page-" + UUID.randomUUID());
        List<AgentRecord> agents = agentsOf(spec);
        store().save(aHeader(spec, Instant.now()), feedOf(agents, 7), persisted(spec));
        List<AgentRecord> page = new ArrayList<>();
        assertThat(store().agents(spec.populationId(), 10, 5, true, page::add)).isEqualTo(5);
        assertThat(page).isEqualTo(agents.subList(10, 15));
        assertThat(store().agents(UUID.randomUUID(), 0, 10, false, a -> { })).isZero();
    }

    @Test
    default void aFailureHalfWayLeavesNothingBehind() {
        PopulationSpec spec = aSpecOnItsOwnDomain(600, "contract-atomic-" + UUID.randomUUID());
        List<AgentRecord> agents = agentsOf(spec);
        assertThatThrownBy(() -> store().save(aHeader(spec, Instant.now()), failingFeed(agents, 300), persisted(spec)))
                .hasMessageContaining("injected failure");

        assertThat(store().find(spec.populationId())).isEmpty();
        assertThat(stored(spec.populationId(), true)).isEmpty();
        assertThat(audit().list(new AuditQuery(null, null, "population:" + spec.populationId(), 10))).isEmpty();
        // and nothing half-written blocks a clean retry
        store().save(aHeader(spec, Instant.now()), feedOf(agents, 100), persisted(spec));
        assertThat(stored(spec.populationId(), true)).hasSize(600);
    }

    @Test
    default void aFeedThatProducesFewerAgentsThanAnnouncedStoresNothing() {
        PopulationSpec spec = aSpecOnItsOwnDomain(40, "contract-short-" + UUID.randomUUID());
        List<AgentRecord> agents = agentsOf(spec);
        assertThatThrownBy(() -> store().save(aHeader(spec, Instant.now()), feedOf(agents.subList(0, 39), 10), persisted(spec)))
                .hasMessageContaining("nothing was stored");
        assertThat(store().find(spec.populationId())).isEmpty();
    }

    @Test
    default void savingTheSamePopulationTwiceIsAConflictThatKeepsTheFirst() {
        PopulationSpec spec = aSpecOnItsOwnDomain(20, "contract-twice-" + UUID.randomUUID());
        List<AgentRecord> agents = agentsOf(spec);
        store().save(aHeader(spec, Instant.now()), feedOf(agents, 10), persisted(spec));
        assertThatThrownBy(() -> store().save(aHeader(spec, Instant.now()), feedOf(agents, 10), persisted(spec)))
                .isInstanceOf(PopulationConflictException.class).hasMessageContaining(spec.populationId().toString());
        assertThat(stored(spec.populationId(), true)).isEqualTo(agents);
        assertThat(audit().list(new AuditQuery(null, null, "population:" + spec.populationId(), 10))).hasSize(1);
    }

    @Test
    default void anAddressTakenByAnotherPopulationIsAConflictThatWritesNothing() {
        String seed = "contract-collide-" + UUID.randomUUID();
        PopulationSpec first = aSpecOnItsOwnDomain(30, seed);
        PopulationSpec second = first.withCount(31); // same seed and domain: the first 30 addresses coincide
        store().save(aHeader(first, Instant.now()), feedOf(agentsOf(first), 10), persisted(first));
        assertThatThrownBy(() -> store().save(aHeader(second, Instant.now()), feedOf(agentsOf(second), 10), persisted(second)))
                .isInstanceOf(PopulationConflictException.class).hasMessageContaining("already belongs");
        assertThat(store().find(second.populationId())).isEmpty();
    }

    @Test
    default void deletingRemovesAgentsAndCredentialsAndIsAudited() {
        PopulationSpec spec = aSpecOnItsOwnDomain(25, "contract-delete-" + UUID.randomUUID());
        store().save(aHeader(spec, Instant.now()), feedOf(agentsOf(spec), 10), persisted(spec));
        String target = "population:" + spec.populationId();
        assertThat(store().delete(spec.populationId(), AuditEvent.ok("test", "population.delete", target, Map.of()))).isTrue();
        assertThat(store().find(spec.populationId())).isEmpty();
        assertThat(stored(spec.populationId(), true)).isEmpty();
        assertThat(credentials().credentials(spec.populationId(), c -> { })).isZero();
        assertThat(audit().list(new AuditQuery(null, "population.delete", target, 10))).hasSize(1);
        assertThat(store().delete(spec.populationId(), AuditEvent.ok("test", "population.delete", target, Map.of()))).isFalse();
        // the addresses are free again
        store().save(aHeader(spec, Instant.now()), feedOf(agentsOf(spec), 10), persisted(spec));
    }

    @Test
    default void credentialsAreListedWithTheirAgentsAndResealedAllTogether() {
        PopulationSpec spec = aSpecOnItsOwnDomain(15, "contract-reseal-" + UUID.randomUUID());
        List<AgentRecord> agents = agentsOf(spec);
        store().save(aHeader(spec, Instant.now()), feedOf(agents, 4), persisted(spec));
        List<StoredCredential> before = new ArrayList<>();
        assertThat(credentials().credentials(spec.populationId(), before::add)).isEqualTo(15);
        assertThat(before.get(3).email()).isEqualTo(agents.get(3).email());
        assertThat(before.get(3).sealed()).isEqualTo(agents.get(3).credential());
        assertThat(before.get(3).ref().agentIndex()).isEqualTo(3);
        assertThat(credentials().keyIds()).contains(agents.get(0).credential().keyId()).isSorted();

        String newKey = "k-new-" + UUID.randomUUID().toString().substring(0, 8);
        long resealed = credentials().reseal(newKey, c -> new StoredCredential(c.ref(), c.email(), c.username(),
                new SealedCredential(newKey, c.sealed().nonce(), c.sealed().ciphertext())),
                AuditEvent.ok("test", "keys.rotate", "credentials", Map.of("to", newKey)));
        assertThat(resealed).isGreaterThanOrEqualTo(15);
        assertThat(credentials().countNotUnder(newKey)).isZero();
        assertThat(credentials().keyIds()).containsExactly(newKey);
        List<StoredCredential> after = new ArrayList<>();
        credentials().credentials(spec.populationId(), after::add);
        assertThat(after).allSatisfy(c -> assertThat(c.sealed().keyId()).isEqualTo(newKey));
        assertThat(audit().list(new AuditQuery(null, "keys.rotate", "credentials", 1))).singleElement()
                .satisfies(e -> assertThat(e.event().details()).containsEntry("credentials", Long.toString(resealed)));
        // a second run finds nothing left to do
        assertThat(credentials().reseal(newKey, c -> c, AuditEvent.ok("test", "keys.rotate", "credentials", Map.of()))).isZero();
    }

    @Test
    default void anAgentsMailboxCredentialIsFoundByItsAddressInAnyCase() {
        PopulationSpec spec = aSpecOnItsOwnDomain(6, "contract-mailbox-of-" + UUID.randomUUID());
        List<AgentRecord> agents = agentsOf(spec);
        store().save(aHeader(spec, Instant.now()), feedOf(agents, 3), persisted(spec));
        AgentRecord fourth = agents.get(4);
        StoredCredential found = credentials().mailboxOf(fourth.email().toUpperCase(java.util.Locale.ROOT)).orElseThrow();
        assertThat(found.email()).isEqualTo(fourth.email());
        assertThat(found.username()).isEqualTo(fourth.username());
        assertThat(found.sealed()).isEqualTo(fourth.credential());
        assertThat(found.ref().populationId()).isEqualTo(spec.populationId());
        assertThat(found.ref().agentIndex()).isEqualTo(4);
        assertThat(credentials().mailboxOf("nobody@" + fourth.email().substring(fourth.email().indexOf('@') + 1))).isEmpty();
    }

    @Test
    default void theStoredSpecIsTheCanonicalTextForm() {
        PopulationSpec spec = PopulationSpec.parse(new SpecInput("12", "contract-spec-" + UUID.randomUUID(),
                "female:0.7,male:0.3", "MX:0.5,ES:0.5", null, "20-30", "music,cycling", "spec" + Math.abs(UUID.randomUUID()
                .getMostSignificantBits() % 100000) + ".example.org", "2025-06-01", "1"));
        store().save(aHeader(spec, Instant.now()), feedOf(agentsOf(spec), 5), persisted(spec));
        SpecInput back = store().find(spec.populationId()).orElseThrow().spec();
        assertThat(back).isEqualTo(spec.toInput());
        assertThat(PopulationSpec.parse(back).populationId()).isEqualTo(spec.populationId());
    }
}
