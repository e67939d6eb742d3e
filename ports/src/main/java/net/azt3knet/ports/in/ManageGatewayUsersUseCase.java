package net.azt3knet.ports.in;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Driving port: the SMTP gateway's users, who submit mail with AUTH as senders on the domains they were granted. A
 * password is generated and shown once; only its hash is kept.
 */
public interface ManageGatewayUsersUseCase {

    /** A new user: {@code password} is the only time it is seen. */
    record IssuedGatewayUser(String name, Set<String> domains, String password) {
        @Override
        public String toString() {
            return "IssuedGatewayUser[" + name + ", " + domains + "]";
        }
    }

    /** A user as listed (no password, no hash). */
    record GatewayUserInfo(String name, Set<String> domains, Instant createdAt, Instant revokedAt) {
    }

    /**
     * Creates a user granted {@code domains}.
     *
     * @throws RejectedCommandException when the name or a domain is malformed, or the name is taken
     */
    IssuedGatewayUser create(String name, Set<String> domains, String actor);

    List<GatewayUserInfo> list();

    /**
     * Revokes a user: the gateway refuses its password from the next AUTH.
     *
     * @throws RejectedCommandException when no valid user has that name
     */
    void revoke(String name, String actor);
}
