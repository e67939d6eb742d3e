package net.azt3knet.ports.out.submission;

import java.time.Instant;
import java.util.Set;
import net.azt3knet.ports.out.access.HashedSecretStore;

/**
 * Driven port: the SMTP gateway's own users (not agents), their granted sender domains and a hash of their password;
 * a user is found by its name.
 */
public interface GatewayUserStore extends HashedSecretStore<GatewayUserStore.StoredGatewayUser> {

    /**
     * One user as stored.
     *
     * @param name      unique name, the SMTP AUTH user name and the actor in the audit trail
     * @param domains   the sender domains it may use, lower case
     * @param hash      SHA-256 of the generated password
     * @param createdAt when it was created
     * @param revokedAt when it was revoked, or null while it may submit
     */
    record StoredGatewayUser(String name, Set<String> domains, byte[] hash, Instant createdAt, Instant revokedAt)
            implements HashedSecretStore.Stored {
        public StoredGatewayUser {
            domains = Set.copyOf(domains);
            hash = hash.clone();
        }

        @Override
        public String key() {
            return name;
        }

        @Override
        public byte[] hash() {
            return hash.clone();
        }

        @Override
        public String toString() {
            return "StoredGatewayUser[" + name + ", " + domains + "]"; // never the hash
        }
    }
}
