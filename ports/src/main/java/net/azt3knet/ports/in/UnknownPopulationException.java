package net.azt3knet.ports.in;

import java.util.UUID;

/** No population with this id is stored. */
public final class UnknownPopulationException extends RuntimeException {

    private final UUID id;

    public UnknownPopulationException(UUID id) {
        super("no population " + id + " is stored; 'azt3knet populations list' shows the stored ones");
        this.id = id;
    }

    /** The id asked for. */
    public UUID id() {
        return id;
    }
}
