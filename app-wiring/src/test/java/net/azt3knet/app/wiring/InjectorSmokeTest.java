package net.azt3knet.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.GeneratePopulationUseCase;
import net.azt3knet.ports.in.GeneratePopulationUseCase.GeneratePopulationCommand;
import net.azt3knet.testkit.fixtures.CollectingConsumer;
import org.junit.jupiter.api.Test;

class InjectorSmokeTest {

    @Test
    void theProductionInjectorServesTheUseCaseAsASingleton() {
        var injector = ProductionModules.injector();
        GeneratePopulationUseCase useCase = injector.getInstance(GeneratePopulationUseCase.class);
        assertThat(injector.getInstance(GeneratePopulationUseCase.class)).isSameAs(useCase);
        CollectingConsumer<List<AgentProfile>> out = new CollectingConsumer<>();
        useCase.generate(GeneratePopulationCommand.all(PopulationSpec.of(5, "wiring"), 2), agents -> agents, out);
        assertThat(out.agents()).isEqualTo(5);
    }

    @Test
    void theInjectorFreeGenerationPathIsTheSameUseCaseWithTheSameOutput() {
        GeneratePopulationUseCase wired = ProductionModules.injector().getInstance(GeneratePopulationUseCase.class);
        GeneratePopulationUseCase direct = ProductionModules.generation();
        assertThat(direct).hasSameClassAs(wired);
        CollectingConsumer<List<AgentProfile>> fromWired = new CollectingConsumer<>();
        CollectingConsumer<List<AgentProfile>> fromDirect = new CollectingConsumer<>();
        GeneratePopulationCommand command = GeneratePopulationCommand.all(PopulationSpec.of(50, "wiring"), 2);
        wired.generate(command, agents -> agents, fromWired);
        direct.generate(command, agents -> agents, fromDirect);
        assertThat(fromDirect.agents()).isEqualTo(50);
        assertThat(fromDirect.chunks()).isEqualTo(fromWired.chunks());
    }
}
