package net.azt3knet.ports.out.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Driven port: the admin API's bearer tokens, stored as hashes only. */
public interface ApiTokenStore {

    /**
     * One token as stored.
     *
     * @param id        the public part of the token, what it is looked up by
     * @param name      unique name, the actor in the audit trail
     * @param role      {@code read} or {@code admin}
     * @param hash      SHA-256 of the token's secret part
     * @param createdAt when it was created
     * @param revokedAt when it was revoked, or null while it is valid
     */
    record StoredToken(String id, String name, String role, byte[] hash, Instant createdAt, Instant revokedAt) {
        public StoredToken {
            hash = hash.clone();
        }

        @Override
        public byte[] hash() {
            return hash.clone();
        }

        @Override
        public String toString() {
            return "StoredToken[" + name + ", " + role + "]"; // never the hash
        }
    }

    /**
     * Stores a new token.
     *
     * @return false when a token of that name (revoked or not) or of that id exists already (nothing is stored)
     */
    boolean add(StoredToken token);

    Optional<StoredToken> find(String id);

    /** Every token, revoked ones included, oldest first. */
    List<StoredToken> list();

    /** Marks the named token revoked; false when there is no valid token of that name. */
    boolean revoke(String name, Instant at);
}
