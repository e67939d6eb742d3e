package net.azt3knet.ports.out.store;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import net.azt3knet.domain.population.SpecInput;

/**
 * A stored population's header.
 *
 * @param id        the population id ({@code PopulationSpec.populationId()})
 * @param spec      the canonical spec it was generated from
 * @param agents    number of agents stored
 * @param status    {@code active} (later issues add provisioning states)
 * @param createdAt when it was stored
 */
public record PopulationRecord(UUID id, SpecInput spec, long agents, String status, Instant createdAt) {

    public PopulationRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
