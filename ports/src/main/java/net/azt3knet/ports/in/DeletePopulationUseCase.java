package net.azt3knet.ports.in;

import java.util.UUID;

/** Driving port: delete a stored population with its agents and credentials, recorded in the audit trail. */
public interface DeletePopulationUseCase {

    /**
     * Deletes it; returns the number of agents it had.
     *
     * @param keepMailboxes delete even though providers still hold mailboxes of the population: they stay there,
     *                      and {@code recreate} can adopt them later
     * @throws UnknownPopulationException when it is not stored
     * @throws RejectedCommandException   when providers still hold its mailboxes and {@code keepMailboxes} is false;
     *                                    nothing is deleted
     */
    long delete(UUID id, String actor, boolean keepMailboxes);
}
