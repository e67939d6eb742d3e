package net.azt3knet.application;

import java.util.UUID;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.RealismReport;
import net.azt3knet.ports.in.ReportStoredRealismUseCase;
import net.azt3knet.ports.in.UnknownPopulationException;
import net.azt3knet.ports.out.store.PopulationRecord;
import net.azt3knet.ports.out.store.PopulationStore;

/** Reports on a stored population from its stored agents (not a regeneration), against its stored spec's epoch. */
public final class ReportStoredRealismService implements ReportStoredRealismUseCase {

    private final PopulationStore store;

    public ReportStoredRealismService(PopulationStore store) {
        this.store = store;
    }

    @Override
    public RealismReport report(UUID population) {
        PopulationRecord p = store.find(population).orElseThrow(() -> new UnknownPopulationException(population));
        ReportRealismService.checkSize(p.agents());
        RealismTally tally = new RealismTally();
        store.agents(population, 0, Long.MAX_VALUE, false, a -> tally.add(RealismSample.ofJson(a.profileJson())));
        RealismFigures figures = RealismFigures.of(PopulationSpec.parse(p.spec()), tally);
        return new RealismReport(tally.agents, RealismPage.render(figures));
    }
}
