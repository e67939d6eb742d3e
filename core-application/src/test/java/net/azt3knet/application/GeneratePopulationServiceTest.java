package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.generation.PopulationGenerator;
import net.azt3knet.domain.population.InvalidSpecException;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import net.azt3knet.ports.in.GeneratePopulationUseCase.GeneratePopulationCommand;
import net.azt3knet.ports.in.GeneratePopulationUseCase.GenerationReport;
import net.azt3knet.testkit.fixtures.CollectingConsumer;
import net.azt3knet.testkit.fixtures.PopulationSpecFixtures;
import org.junit.jupiter.api.Test;

class GeneratePopulationServiceTest {

    private final GeneratePopulationService service = new GeneratePopulationService(PopulationGenerator.create());

    @Test
    void streamsEveryAgentInIndexOrder() {
        PopulationSpec spec = PopulationSpecFixtures.aFullyFilteredSpec();
        CollectingConsumer<List<AgentProfile>> out = new CollectingConsumer<>();
        GenerationReport report = service.generate(GeneratePopulationCommand.all(spec, 3), agents -> agents, out);
        List<AgentProfile> agents = out.chunks().stream().flatMap(List::stream).toList();
        assertThat(report.agents()).isEqualTo(250).isEqualTo(out.agents());
        assertThat(report.epoch()).isEqualTo(1);
        assertThat(agents).extracting(AgentProfile::index).isSorted().first().isEqualTo(0L);
        assertThat(agents).extracting(AgentProfile::city).containsOnly("Guadalajara");
    }

    @Test
    void aPreviewIsThePrefixOfTheWholePopulation() {
        PopulationSpec spec = PopulationSpecFixtures.aPopulationSpec();
        CollectingConsumer<List<AgentProfile>> all = new CollectingConsumer<>();
        CollectingConsumer<List<AgentProfile>> preview = new CollectingConsumer<>();
        service.generate(GeneratePopulationCommand.all(spec, 2), agents -> agents, all);
        service.generate(new GeneratePopulationCommand(spec, 7, 1), agents -> agents, preview);
        assertThat(preview.chunks().get(0)).isEqualTo(all.chunks().get(0).subList(0, 7));
    }

    @Test
    void aSpecThatDoesNotFitTheDataIsInvalidInput() {
        PopulationSpec spec = PopulationSpec.parse(new SpecInput("5", "x", null, "JP", "Atlantis", null, null, null, null, null));
        assertThatThrownBy(() -> service.generate(GeneratePopulationCommand.all(spec, 1), a -> a, new CollectingConsumer<>()))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("city: 'Atlantis'");
    }

    @Test
    void commandsRejectNonsenseThreadCounts() {
        PopulationSpec spec = PopulationSpecFixtures.aPopulationSpec();
        assertThatThrownBy(() -> new GeneratePopulationCommand(spec, 10, 0)).hasMessageContaining("threads must be 1 to 256");
        assertThatThrownBy(() -> new GeneratePopulationCommand(spec, 0, 1)).hasMessageContaining("limit must be at least 1");
    }
}
