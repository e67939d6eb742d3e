package net.azt3knet.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import net.azt3knet.application.GeneratePopulationService;
import net.azt3knet.application.ReportRealismService;
import net.azt3knet.domain.generation.PopulationGenerator;
import net.azt3knet.ports.in.GeneratePopulationUseCase;
import net.azt3knet.ports.in.ReportRealismUseCase;

/** Population generation: the domain generator over the bundled reference data, behind its use cases. */
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

    @Provides
    @Singleton
    ReportRealismUseCase reportRealism(GeneratePopulationUseCase generation) {
        return new ReportRealismService(generation);
    }

    static GeneratePopulationUseCase useCase(PopulationGenerator generator) {
        return new GeneratePopulationService(generator);
    }
}
