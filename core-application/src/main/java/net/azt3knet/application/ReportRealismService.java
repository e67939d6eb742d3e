package net.azt3knet.application;

import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.ports.in.GeneratePopulationUseCase;
import net.azt3knet.ports.in.GeneratePopulationUseCase.GeneratePopulationCommand;
import net.azt3knet.ports.in.RealismReport;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.ReportRealismUseCase;

/** Generates a population on the worker threads and reports on it; chunks are tallied where they are made. */
public final class ReportRealismService implements ReportRealismUseCase {

    private final GeneratePopulationUseCase generation;

    public ReportRealismService(GeneratePopulationUseCase generation) {
        this.generation = generation;
    }

    @Override
    public RealismReport report(GeneratePopulationCommand command) {
        checkSize(command.limit());
        RealismTally total = new RealismTally();
        generation.generate(command, agents -> {
            RealismTally chunk = new RealismTally();
            for (AgentProfile a : agents) chunk.add(RealismSample.of(a));
            return chunk;
        }, (chunk, agents) -> total.addAll(chunk));
        // A preview reports on its agents only: the spec's count is what was asked, the figures say what was made.
        RealismFigures figures = RealismFigures.of(command.spec(), total);
        return new RealismReport(total.agents, RealismPage.render(figures));
    }

    static void checkSize(long agents) {
        if (agents > MAX_AGENTS) {
            throw new RejectedCommandException(String.format("a realism report covers at most %,d agents (it counts every"
                    + " distinct name in memory), not %,d; report on a smaller --count: the shares settle long before", MAX_AGENTS, agents));
        }
    }
}
