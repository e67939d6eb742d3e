package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.generation.PopulationGenerator;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.MasterKeyMismatchException;
import net.azt3knet.ports.in.PersistPopulationUseCase.PersistPopulationCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.OnConflict;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.ports.in.RecreatePopulationUseCase.RecreateCommand;
import net.azt3knet.ports.out.store.StoredCredential;
import net.azt3knet.testkit.fakes.InMemoryAuditTrail;
import net.azt3knet.testkit.fakes.InMemoryJobStore;
import net.azt3knet.testkit.fakes.InMemoryMailboxLedger;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning;
import net.azt3knet.testkit.fakes.InMemoryPopulationStore;
import net.azt3knet.testkit.fakes.InMemorySealedMailStore;
import net.azt3knet.testkit.fakes.TransparentCredentialCipher;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.Test;

/** Every use case that seals or opens credentials to write refuses another key than the stored credentials', first. */
class MasterKeyGuardTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(clock);
    private final InMemoryPopulationStore store = new InMemoryPopulationStore(audit);
    private final InMemoryMailboxLedger ledger = new InMemoryMailboxLedger();
    private final InMemoryJobStore jobs = new InMemoryJobStore(clock);
    private final InMemoryMailboxProvisioning provider = new InMemoryMailboxProvisioning("mailcow", true);
    private final PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(12, "guard");
    private final Target target = new Target(spec.populationId(), "mailcow");

    /** The use cases of one process, all under the master key {@code keyId}. */
    private final class Installation {
        final TransparentCredentialCipher cipher;
        final PersistPopulationService persist;
        final ReconcileMailboxesService provisioning;
        final RotateMailboxPasswordsService rotation;
        final ManageCredentialsService credentials;
        final RecreatePopulationService recreate;

        Installation(String keyId) {
            cipher = new TransparentCredentialCipher(keyId);
            persist = new PersistPopulationService(new GeneratePopulationService(PopulationGenerator.create()), store, store, cipher,
                    clock, null);
            provisioning = new ReconcileMailboxesService(store, store, cipher, InMemoryMailboxProvisioning.providers(provider),
                    ledger, jobs, audit, clock);
            rotation = new RotateMailboxPasswordsService(store, store, cipher, InMemoryMailboxProvisioning.providers(provider),
                    provisioning);
            credentials = new ManageCredentialsService(null, () -> cipher, store, store, new InMemorySealedMailStore(), audit, null);
            recreate = new RecreatePopulationService(store, persist, provisioning, null);
        }
    }

    private static ApplyCommand apply(Target target) {
        return new ApplyCommand(target, OnConflict.FAIL, false, 2, "test", null);
    }

    private List<StoredCredential> stored() {
        List<StoredCredential> out = new ArrayList<>();
        store.list().forEach(p -> store.credentials(p.id(), out::add));
        return out;
    }

    @Test
    void anEmptyDatabaseTakesAnyKeyAndThenOnlyThatOne() {
        Installation b = new Installation("k-b");
        b.credentials.checkMasterKey();
        assertThat(store.keyIds()).isEmpty();
        b.persist.persist(new PersistPopulationCommand(spec, 2, "test", null));
        assertThat(store.keyIds()).containsExactly("k-b");
        b.credentials.checkMasterKey();
        b.provisioning.apply(apply(target));
        assertThat(provider.addresses()).hasSize(12);
    }

    @Test
    void everySealingUseCaseRefusesAnotherKeyBeforeWritingAnything() {
        Installation a = new Installation("k-a");
        a.persist.persist(new PersistPopulationCommand(spec, 2, "test", null));
        a.provisioning.apply(apply(target));
        List<StoredCredential> before = stored();
        int entries = audit.size();
        long writes = provider.writes();
        var ledgerBefore = ledger.entries(spec.populationId(), "mailcow");
        String jobTarget = "population:" + spec.populationId() + "/provider:mailcow";
        var jobBefore = jobs.latest(MailboxApplyEngine.APPLY, jobTarget);

        Installation b = new Installation("k-b");
        PopulationSpec other = StoreFixtures.aSpecOnItsOwnDomain(5, "guard-other");
        List<Runnable> writesUnderB = List.of(
                () -> b.persist.persist(new PersistPopulationCommand(other, 2, "test", null)),
                () -> b.rotation.rotatePasswords(apply(target), Set.of(3L)),
                () -> b.provisioning.apply(apply(target)),
                () -> b.recreate.recreate(new RecreateCommand(other, 2, null, false)),
                () -> b.recreate.recreate(new RecreateCommand(spec, 2, apply(target), false)),
                b.credentials::checkMasterKey);
        for (Runnable write : writesUnderB) {
            assertThatThrownBy(write::run).isInstanceOfSatisfying(MasterKeyMismatchException.class, e -> {
                assertThat(e.activeKeyId()).isEqualTo("k-b");
                assertThat(e.storedKeyIds()).containsExactly("k-a");
                assertThat(e.getMessage()).contains("key k-b", "key k-a", "azt3knet keys rotate", "nothing was written");
            });
        }
        assertThat(store.list()).singleElement().satisfies(p -> assertThat(p.id()).isEqualTo(spec.populationId()));
        assertThat(stored()).usingRecursiveFieldByFieldElementComparator().isEqualTo(before);
        assertThat(audit.size()).as("no audit entry for a refused write").isEqualTo(entries);
        assertThat(provider.writes()).isEqualTo(writes);
        assertThat(ledger.entries(spec.populationId(), "mailcow")).isEqualTo(ledgerBefore);
        assertThat(jobs.latest(MailboxApplyEngine.APPLY, jobTarget)).as("no job claimed").isEqualTo(jobBefore);

        // the key that sealed everything still writes; teardown opens no credential, so it needs no particular key
        assertThat(a.rotation.rotatePasswords(apply(target), Set.of(3L)).updated()).isEqualTo(1);
        assertThat(b.provisioning.teardown(apply(target)).deleted()).isEqualTo(12);
    }

    @Test
    void afterTheCredentialsAreResealedTheNewKeyWritesAndTheOldOneIsRefused() {
        Installation a = new Installation("k-a");
        a.persist.persist(new PersistPopulationCommand(spec, 2, "test", null));
        store.reseal("k-b", c -> new StoredCredential(c.ref(), c.email(), c.username(), new Installation("k-b").cipher.seal(c.ref(),
                a.cipher.open(c.ref(), c.sealed()))), AuditEvent.ok("test", "keys.rotate", "credentials", Map.of()));

        Installation b = new Installation("k-b");
        b.persist.persist(new PersistPopulationCommand(StoreFixtures.aSpecOnItsOwnDomain(5, "guard-after"), 2, "test", null));
        assertThat(store.keyIds()).containsExactly("k-b");
        assertThatThrownBy(() -> a.provisioning.apply(apply(target))).isInstanceOf(MasterKeyMismatchException.class)
                .hasMessageContaining("key k-a").hasMessageContaining("key k-b");
    }

    @Test
    void aDatabaseAlreadyHoldingTwoKeysCredentialsTakesWritesUnderNeither() {
        new Installation("k-a").persist.persist(new PersistPopulationCommand(spec, 2, "test", null));
        PopulationSpec other = StoreFixtures.aSpecOnItsOwnDomain(5, "guard-mixed");
        // as a write made before the check existed would have left it
        store.save(StoreFixtures.aHeader(other, clock.instant()), StoreFixtures.feedOf(StoreFixtures.agentsOf(other), 5),
                AuditEvent.ok("test", "population.persist", "population:" + other.populationId(), Map.of()));
        assertThat(store.keyIds()).containsExactly("k-a", "k-fixture");

        assertThatThrownBy(() -> new Installation("k-a").provisioning.apply(apply(target)))
                .isInstanceOfSatisfying(MasterKeyMismatchException.class, e -> assertThat(e.storedKeyIds()).containsExactly("k-a", "k-fixture"))
                .hasMessageContaining("keys k-a, k-fixture").hasMessageContaining("populations delete")
                .hasMessageContaining("azt3knet keys rotate");
    }
}
