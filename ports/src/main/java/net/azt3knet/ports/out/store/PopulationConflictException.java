package net.azt3knet.ports.out.store;

/** The population, or one of its addresses, is already stored; nothing was written. */
public final class PopulationConflictException extends PopulationStoreException {

    public PopulationConflictException(String message) {
        super(message);
    }
}
