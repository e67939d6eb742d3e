package net.azt3knet.ports.in;

import java.util.Objects;
import java.util.UUID;
import java.util.function.LongConsumer;
import net.azt3knet.domain.population.PopulationSpec;

/** Driving port: generate a population and store it, agents and encrypted credentials included, in one transaction. */
public interface PersistPopulationUseCase {

    /**
     * What to persist.
     *
     * @param spec     the population
     * @param threads  worker threads for generation and key derivation, 1 … {@value GeneratePopulationUseCase.GeneratePopulationCommand#MAX_THREADS}
     * @param actor    who asks, for the audit trail ({@code cli:alice})
     * @param progress   told how many agents are done so far (called on the calling thread)
     * @param enrichment how to enrich free-text fields before storing, or null to store the offline values
     */
    record PersistPopulationCommand(PopulationSpec spec, int threads, String actor, LongConsumer progress,
                                    EnrichmentOptions enrichment) {

        public PersistPopulationCommand {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(actor, "actor");
            progress = progress != null ? progress : done -> { };
        }

        /** Without enrichment. */
        public PersistPopulationCommand(PopulationSpec spec, int threads, String actor, LongConsumer progress) {
            this(spec, threads, actor, progress, null);
        }
    }

    /** What was stored. */
    record PersistReport(UUID populationId, long agents, String keyId) {
    }

    /**
     * Persists the population; atomic: on any failure nothing is stored.
     *
     * @throws net.azt3knet.ports.out.store.PopulationConflictException when it, or one of its addresses, is stored already
     */
    PersistReport persist(PersistPopulationCommand command);
}
