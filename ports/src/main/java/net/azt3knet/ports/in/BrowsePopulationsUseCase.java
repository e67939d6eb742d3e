package net.azt3knet.ports.in;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import net.azt3knet.ports.out.store.AgentRecord;
import net.azt3knet.ports.out.store.PopulationRecord;

/** Driving port: read stored populations and their agents. */
public interface BrowsePopulationsUseCase {

    /** Every stored population, oldest first. */
    List<PopulationRecord> list();

    /**
     * One population.
     *
     * @throws UnknownPopulationException when it is not stored
     */
    PopulationRecord show(UUID id);

    /**
     * Agents {@code offset …} of a population, at most {@code limit}, in index order, without credentials.
     *
     * @throws UnknownPopulationException when it is not stored
     */
    long agents(UUID id, long offset, long limit, Consumer<AgentRecord> each);
}
