package net.azt3knet.ports.in;

import net.azt3knet.domain.population.InvalidSpecException;
import net.azt3knet.ports.in.GeneratePopulationUseCase.GeneratePopulationCommand;

/** Driving port: generate a population and report how realistic it is against its reference data. */
public interface ReportRealismUseCase {

    /** Most agents one report covers: every distinct name is counted in memory. */
    long MAX_AGENTS = 2_000_000;

    /**
     * Generates the population the command describes (its first {@code limit} agents) and reports on it.
     *
     * @throws InvalidSpecException     when the spec does not fit the reference data
     * @throws RejectedCommandException when the command asks for more than {@link #MAX_AGENTS} agents
     */
    RealismReport report(GeneratePopulationCommand command);
}
