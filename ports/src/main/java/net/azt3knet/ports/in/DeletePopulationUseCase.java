package net.azt3knet.ports.in;

import java.util.UUID;

/** Driving port: delete a stored population with its agents and credentials, recorded in the audit trail. */
public interface DeletePopulationUseCase {

    /**
     * Deletes it; returns the number of agents it had.
     *
     * @throws UnknownPopulationException when it is not stored
     */
    long delete(UUID id, String actor);
}
