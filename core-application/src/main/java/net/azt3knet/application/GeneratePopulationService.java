package net.azt3knet.application;

import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.generation.PopulationGenerator;
import net.azt3knet.domain.generation.PreparedPopulation;
import net.azt3knet.domain.generation.PreparedPopulation.CanonicalLayout;
import net.azt3knet.domain.generation.PreparedPopulation.ChunkConsumer;
import net.azt3knet.domain.generation.PreparedPopulation.ChunkEncoder;
import net.azt3knet.ports.in.GeneratePopulationUseCase;

/** Generates populations with the domain generator; persistence and enrichment join here in later issues. */
public final class GeneratePopulationService implements GeneratePopulationUseCase {

    private final PopulationGenerator generator;

    public GeneratePopulationService(PopulationGenerator generator) {
        this.generator = generator;
    }

    @Override
    public <T> GenerationReport generate(GeneratePopulationCommand command, ChunkEncoder<T> encoder, ChunkConsumer<T> consumer) {
        PreparedPopulation population = generator.prepare(command.spec());
        long agents = population.generate(command.limit(), command.threads(), encoder, consumer);
        return new GenerationReport(command.spec(), agents, command.spec().epoch());
    }

    @Override
    public GenerationReport generateCanonical(GeneratePopulationCommand command, CanonicalLayout layout,
                                              ChunkConsumer<ByteBuilder> consumer) {
        PreparedPopulation population = generator.prepare(command.spec());
        long agents = population.generateCanonical(command.limit(), command.threads(), layout, consumer);
        return new GenerationReport(command.spec(), agents, command.spec().epoch());
    }
}
