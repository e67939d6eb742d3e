package net.azt3knet.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import net.azt3knet.application.GeneratePopulationService;
import net.azt3knet.domain.generation.PopulationGenerator;
import net.azt3knet.ports.in.GeneratePopulationUseCase;

/** Population generation: the domain generator over the bundled reference data, behind its use case. */
public final class GenerationModule extends AbstractModule {

    @Provides
    @Singleton
    PopulationGenerator generator() {
        return PopulationGenerator.create();
    }

    @Provides
    @Singleton
    GeneratePopulationUseCase generatePopulation(PopulationGenerator generator) {
        return useCase(generator);
    }

    static GeneratePopulationUseCase useCase(PopulationGenerator generator) {
        return new GeneratePopulationService(generator);
    }
}
