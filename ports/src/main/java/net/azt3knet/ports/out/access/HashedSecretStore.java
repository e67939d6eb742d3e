package net.azt3knet.ports.out.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: credentials kept as a hash of their secret only (API tokens, SMTP gateway users), found by a key,
 * named uniquely and revoked by name. Each kind extends it with its own record and table.
 *
 * @param <S> the stored credential
 */
public interface HashedSecretStore<S extends HashedSecretStore.Stored> {

    /** What every stored credential has; records implement it and keep their hash out of {@code toString}. */
    interface Stored {
        /** What {@link #find} looks the credential up by: a public id, or the name itself. */
        String key();

        /** Unique name, the actor in the audit trail. */
        String name();

        /** SHA-256 of the secret (a copy). */
        byte[] hash();

        Instant createdAt();

        /** When it was revoked, or null while it is valid. */
        Instant revokedAt();
    }

    /**
     * Stores a new credential.
     *
     * @return false when one of that name (revoked or not) or of that key exists already (nothing is stored)
     */
    boolean add(S credential);

    Optional<S> find(String key);

    /** Every credential, revoked ones included, oldest first (then by name). */
    List<S> list();

    /** Marks the named credential revoked; false when there is no valid one of that name. */
    boolean revoke(String name, Instant at);
}
