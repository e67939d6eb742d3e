package net.azt3knet.ports.in;

import java.util.UUID;

/** Driving port: report how realistic a stored population is, from its stored agents. */
public interface ReportStoredRealismUseCase {

    /**
     * The report over every stored agent of the population.
     *
     * @throws UnknownPopulationException when it is not stored
     * @throws RejectedCommandException   when it holds more than {@link ReportRealismUseCase#MAX_AGENTS} agents
     */
    RealismReport report(UUID population);
}
