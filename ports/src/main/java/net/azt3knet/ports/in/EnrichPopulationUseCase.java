package net.azt3knet.ports.in;

import java.util.List;
import net.azt3knet.domain.enrichment.EnrichedAgent;
import net.azt3knet.domain.generation.PreparedPopulation.ChunkConsumer;
import net.azt3knet.ports.in.GeneratePopulationUseCase.GeneratePopulationCommand;

/**
 * Driving port: generate a population and rewrite chosen free-text fields with a language model, reproducibly:
 * every answer goes through the replay cache, so the same spec, seed and cache give byte-identical agents.
 */
public interface EnrichPopulationUseCase {

    /** Turns a chunk of enriched agents into output; runs on worker threads. */
    @FunctionalInterface
    interface EnrichedChunkEncoder<T> {
        T encode(List<EnrichedAgent> agents);
    }

    /** What enrichment did. */
    record EnrichmentReport(long agents, long requests, long cacheHits, long calls, long fallbacks) {
    }

    /**
     * Generates and enriches; chunks reach {@code consumer} in index order on the calling thread.
     *
     * @throws EnrichmentFailedException when the model fails and the fallback is {@link EnrichmentOptions.Fallback#FAIL},
     *                                   or a replay misses the cache
     */
    <T> EnrichmentReport generate(GeneratePopulationCommand command, EnrichmentOptions options,
                                  EnrichedChunkEncoder<T> encoder, ChunkConsumer<T> consumer);
}
