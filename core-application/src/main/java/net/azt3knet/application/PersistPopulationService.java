package net.azt3knet.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.agent.CanonicalJson;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.credential.CredentialRef;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.GeneratePopulationUseCase;
import net.azt3knet.ports.in.GeneratePopulationUseCase.GeneratePopulationCommand;
import net.azt3knet.ports.in.PersistPopulationUseCase;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.store.AgentRecord;
import net.azt3knet.ports.out.store.PopulationRecord;
import net.azt3knet.ports.out.store.PopulationStore;

/**
 * Generates, derives each agent's mailbox password, seals it, and stores everything with one audit entry. The
 * expensive parts (generation, JSON, key derivation, encryption) run on the generator's worker threads; the store
 * receives the batches in index order.
 */
public final class PersistPopulationService implements PersistPopulationUseCase {

    private final GeneratePopulationUseCase generator;
    private final PopulationStore store;
    private final CredentialCipher cipher;
    private final Clock clock;

    public PersistPopulationService(GeneratePopulationUseCase generator, PopulationStore store, CredentialCipher cipher, Clock clock) {
        this.generator = generator;
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public PersistReport persist(PersistPopulationCommand command) {
        PopulationSpec spec = command.spec();
        UUID id = spec.populationId();
        PopulationRecord header = new PopulationRecord(id, spec.toInput(), spec.count(), "active", clock.instant());
        AuditEvent event = AuditEvent.ok(command.actor(), "population.persist", "population:" + id, Map.of(
                "agents", Integer.toString(spec.count()), "seed", spec.seed(), "domain", spec.domain(),
                "epoch", Integer.toString(spec.epoch()), "key_id", cipher.keyId()));
        long[] done = {0};
        store.save(header, sink -> generator.generate(GeneratePopulationCommand.all(spec, command.threads()),
                agents -> records(id, agents),
                (batch, n) -> {
                    sink.accept(batch);
                    done[0] += n;
                    command.progress().accept(done[0]);
                }), event);
        return new PersistReport(id, spec.count(), cipher.keyId());
    }

    private List<AgentRecord> records(UUID population, List<AgentProfile> agents) {
        List<AgentRecord> out = new ArrayList<>(agents.size());
        ByteBuilder json = new ByteBuilder(1024);
        for (AgentProfile a : agents) {
            json.clear();
            CanonicalJson.append(a, json);
            CredentialRef ref = new CredentialRef(population, a.index(), 0);
            out.add(new AgentRecord(a.index(), a.id(), a.username(), a.email(), json.toByteArray(),
                    cipher.seal(ref, cipher.derivePassword(ref)), 0));
        }
        return out;
    }
}
