package net.azt3knet.application;

import net.azt3knet.domain.generation.PreparedPopulation.ChunkConsumer;
import net.azt3knet.ports.in.EnrichPopulationUseCase;
import net.azt3knet.ports.in.EnrichmentOptions;
import net.azt3knet.ports.in.GeneratePopulationUseCase;
import net.azt3knet.ports.in.GeneratePopulationUseCase.GeneratePopulationCommand;

/** Generation with {@link Enrichment} between the generator and the output encoder, on the generator's workers. */
public final class EnrichPopulationService implements EnrichPopulationUseCase {

    private final GeneratePopulationUseCase generator;
    private final Enrichment enrichment;

    public EnrichPopulationService(GeneratePopulationUseCase generator, Enrichment enrichment) {
        this.generator = generator;
        this.enrichment = enrichment;
    }

    @Override
    public <T> EnrichmentReport generate(GeneratePopulationCommand command, EnrichmentOptions options,
                                         EnrichedChunkEncoder<T> encoder, ChunkConsumer<T> consumer) {
        long[] agents = {0};
        try (Enrichment.Run run = enrichment.open(options, command.spec().populationId())) {
            try {
                generator.generate(command, chunk -> encoder.encode(run.enrich(chunk)), (chunk, n) -> {
                    consumer.accept(chunk, n);
                    agents[0] += n;
                });
            } catch (RuntimeException e) {
                run.audit("failed", agents[0]);
                throw e;
            }
            run.audit("ok", agents[0]);
            return run.report(agents[0]);
        }
    }
}
