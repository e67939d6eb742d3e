package net.azt3knet.ports.out.secret;

import net.azt3knet.domain.credential.Secret;

/** Driven port: stores a secret where a {@link SecretStore} of the same kind will find it (e.g. a rotated master key). */
public interface SecretWriter {

    /**
     * Stores {@code value} under {@code name}, keeping the other secrets beside it. Concurrent writers do not
     * overwrite each other: a write that raced another fails with {@link SecretStoreException} and changes nothing.
     */
    void put(String name, Secret value);
}
