package net.azt3knet.ports.out.store;

/** A store could not do what was asked; the message says what and, where it can, how to fix it. */
public class PopulationStoreException extends RuntimeException {

    public PopulationStoreException(String message) {
        super(message);
    }

    public PopulationStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
