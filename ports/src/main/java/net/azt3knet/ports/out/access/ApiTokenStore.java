package net.azt3knet.ports.out.access;

import java.time.Instant;

/** Driven port: the admin API's bearer tokens, stored as hashes only and found by their public id. */
public interface ApiTokenStore extends HashedSecretStore<ApiTokenStore.StoredToken> {

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
    record StoredToken(String id, String name, String role, byte[] hash, Instant createdAt, Instant revokedAt)
            implements HashedSecretStore.Stored {
        public StoredToken {
            hash = hash.clone();
        }

        @Override
        public String key() {
            return id;
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
}
