package net.azt3knet.ports.out.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import net.azt3knet.domain.audit.AuditEvent;

/**
 * Driven port: keeps populations and their agents beyond the process that generated them. Every write commits
 * together with its audit entry, or not at all.
 */
public interface PopulationStore {

    /**
     * Stores the population, every agent the feed produces and {@code event} in one transaction. When the feed
     * throws, nothing is stored and the exception propagates.
     *
     * @throws PopulationConflictException when the population or an address is already stored
     */
    void save(PopulationRecord population, AgentFeed agents, AuditEvent event);

    /** The population, if stored. */
    Optional<PopulationRecord> find(UUID id);

    /** Every stored population, oldest first. */
    List<PopulationRecord> list();

    /**
     * Hands agents {@code offset … offset+limit-1} (by index) to {@code each}, in index order, with their
     * credentials when {@code withCredentials}. Returns how many were handed over.
     */
    long agents(UUID population, long offset, long limit, boolean withCredentials, Consumer<AgentRecord> each);

    /** Deletes the population, its agents and credentials, recording {@code event}; false when it was not stored. */
    boolean delete(UUID id, AuditEvent event);
}
