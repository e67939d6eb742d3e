package net.azt3knet.ports.in;

import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.generation.PreparedPopulation.CanonicalLayout;
import net.azt3knet.domain.generation.PreparedPopulation.ChunkConsumer;
import net.azt3knet.domain.generation.PreparedPopulation.ChunkEncoder;
import net.azt3knet.domain.population.InvalidSpecException;
import net.azt3knet.domain.population.PopulationSpec;

/** Driving port: generate a population from its spec, streaming agents in index order to the caller's output. */
public interface GeneratePopulationUseCase {

    /**
     * What to generate and how.
     *
     * @param spec    the population
     * @param limit   how many agents to produce from the start (a preview), at most {@code spec.count()}
     * @param threads worker threads, 1 … {@value #MAX_THREADS}; the output is the same for any number
     */
    record GeneratePopulationCommand(PopulationSpec spec, long limit, int threads) {

        /** Most worker threads one command may ask for. */
        public static final int MAX_THREADS = 256;

        public GeneratePopulationCommand {
            java.util.Objects.requireNonNull(spec, "spec");
            if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, was " + limit);
            if (threads < 1 || threads > MAX_THREADS) {
                throw new IllegalArgumentException("threads must be 1 to " + MAX_THREADS + ", was " + threads);
            }
        }

        /** The whole population on {@code threads} threads. */
        public static GeneratePopulationCommand all(PopulationSpec spec, int threads) {
            return new GeneratePopulationCommand(spec, spec.count(), threads);
        }
    }

    /** What was generated. */
    record GenerationReport(PopulationSpec spec, long agents, int epoch) {
    }

    /**
     * Generates the population: chunks of agents are encoded on worker threads and handed to {@code consumer}
     * in index order on the calling thread.
     *
     * @throws InvalidSpecException when the spec does not fit the reference data (e.g. an unknown city)
     */
    <T> GenerationReport generate(GeneratePopulationCommand command, ChunkEncoder<T> encoder, ChunkConsumer<T> consumer);

    /**
     * Generates the population as canonical JSON (NDJSON lines or JSON array elements), chunk by chunk in index
     * order: the bulk path, byte-identical to encoding each agent with {@code CanonicalJson}.
     *
     * @throws InvalidSpecException when the spec does not fit the reference data
     */
    GenerationReport generateCanonical(GeneratePopulationCommand command, CanonicalLayout layout,
                                       ChunkConsumer<ByteBuilder> consumer);
}
