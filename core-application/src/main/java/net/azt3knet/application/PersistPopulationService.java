package net.azt3knet.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.agent.CanonicalJson;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.credential.CredentialRef;
import net.azt3knet.domain.enrichment.EnrichableField;
import net.azt3knet.domain.enrichment.EnrichedAgent;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.GeneratePopulationUseCase;
import net.azt3knet.ports.in.GeneratePopulationUseCase.GeneratePopulationCommand;
import net.azt3knet.ports.in.PersistPopulationUseCase;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.store.AgentRecord;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.PopulationRecord;
import net.azt3knet.ports.out.store.PopulationStore;

/**
 * Generates, derives each agent's mailbox password, seals it, and stores everything with one audit entry. The
 * expensive parts (generation, JSON, key derivation, encryption) run on the generator's worker threads; the store
 * receives the batches in index order. A master key other than the one the stored credentials are sealed under is
 * refused before anything is written.
 */
public final class PersistPopulationService implements PersistPopulationUseCase {

    private final GeneratePopulationUseCase generator;
    private final PopulationStore store;
    private final MasterKeyGuard guard;
    private final CredentialCipher cipher;
    private final Clock clock;
    private final Enrichment enrichment;

    public PersistPopulationService(GeneratePopulationUseCase generator, PopulationStore store, CredentialStore credentials,
                                    CredentialCipher cipher, Clock clock, Enrichment enrichment) {
        this.generator = generator;
        this.store = store;
        this.guard = new MasterKeyGuard(credentials);
        this.cipher = cipher;
        this.clock = clock;
        this.enrichment = enrichment;
    }

    @Override
    public PersistReport persist(PersistPopulationCommand command) {
        guard.check(cipher);
        PopulationSpec spec = command.spec();
        UUID id = spec.populationId();
        PopulationRecord header = new PopulationRecord(id, spec.toInput(), spec.count(), "active", clock.instant());
        AuditEvent event = AuditEvent.ok(command.actor(), "population.persist", "population:" + id, Map.of(
                "agents", Integer.toString(spec.count()), "seed", spec.seed(), "domain", spec.domain(),
                "epoch", Integer.toString(spec.epoch()), "key_id", cipher.keyId()));
        if (command.enrichment() != null) {
            event = event.withDetail("enriched_fields", command.enrichment().orderedFields().stream()
                    .map(EnrichableField::code).collect(Collectors.joining(",")))
                    .withDetail("llm_model", command.enrichment().model());
        }
        long[] done = {0};
        AuditEvent persisted = event;
        try (Enrichment.Run run = command.enrichment() == null ? null : enrichment.open(command.enrichment(), id)) {
            try {
                store.save(header, sink -> generator.generate(GeneratePopulationCommand.all(spec, command.threads()),
                        agents -> run == null ? records(id, agents, null) : enriched(id, run.enrich(agents)),
                        (batch, n) -> {
                            sink.accept(batch);
                            done[0] += n;
                            command.progress().accept(done[0]);
                        }), persisted);
            } catch (RuntimeException e) {
                if (run != null) run.audit("failed", done[0]);
                throw e;
            }
            if (run != null) run.audit("ok", done[0]);
        }
        return new PersistReport(id, spec.count(), cipher.keyId());
    }

    private List<AgentRecord> enriched(UUID population, List<EnrichedAgent> agents) {
        return records(population, agents.stream().map(EnrichedAgent::profile).toList(), agents);
    }

    /** Rows for {@code agents}; stored as enriched JSON when {@code enriched} (same order) is given. */
    private List<AgentRecord> records(UUID population, List<AgentProfile> agents, List<EnrichedAgent> enriched) {
        List<AgentRecord> out = new ArrayList<>(agents.size());
        ByteBuilder json = new ByteBuilder(1024);
        for (int i = 0; i < agents.size(); i++) {
            AgentProfile a = agents.get(i);
            json.clear();
            if (enriched == null) CanonicalJson.append(a, json);
            else enriched.get(i).appendJson(json);
            CredentialRef ref = new CredentialRef(population, a.index(), 0);
            out.add(new AgentRecord(a.index(), a.id(), a.username(), a.email(), json.toByteArray(),
                    cipher.seal(ref, cipher.derivePassword(ref)), 0));
        }
        return out;
    }
}
