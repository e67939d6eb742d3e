package net.azt3knet.ports.out.submission;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Driven port: the SMTP gateway's own users (not agents), their granted sender domains and a hash of their password. */
public interface GatewayUserStore {

    /**
     * One user as stored.
     *
     * @param name      unique name, the SMTP AUTH user name and the actor in the audit trail
     * @param domains   the sender domains it may use, lower case
     * @param hash      SHA-256 of the generated password
     * @param createdAt when it was created
     * @param revokedAt when it was revoked, or null while it may submit
     */
    record StoredGatewayUser(String name, Set<String> domains, byte[] hash, Instant createdAt, Instant revokedAt) {
        public StoredGatewayUser {
            domains = Set.copyOf(domains);
            hash = hash.clone();
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

    /** Stores a new user; false when one of that name (revoked or not) exists already (nothing is stored). */
    boolean add(StoredGatewayUser user);

    Optional<StoredGatewayUser> find(String name);

    /** Every user, revoked ones included, oldest first. */
    List<StoredGatewayUser> list();

    /** Marks the named user revoked; false when there is no valid user of that name. */
    boolean revoke(String name, Instant at);
}
