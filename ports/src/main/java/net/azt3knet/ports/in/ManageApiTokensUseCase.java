package net.azt3knet.ports.in;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Driving port: bearer tokens for the admin HTTP API; a token is shown once, only its hash is kept. */
public interface ManageApiTokensUseCase {

    /** What a token may do. */
    enum Role {
        /** Read endpoints only. */
        READ,
        /** Everything. */
        ADMIN;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** {@code read} or {@code admin}, in any case. */
        public static Role parse(String text) {
            for (Role r : values()) if (r.word().equalsIgnoreCase(text == null ? "" : text.strip())) return r;
            throw new RejectedCommandException("--role '" + text + "' is not a role; choose read or admin");
        }
    }

    /** A new token: {@code token} is the only time its secret is seen. */
    record IssuedToken(String name, Role role, String token) {
        @Override
        public String toString() {
            return "IssuedToken[" + name + ", " + role + "]";
        }
    }

    /** A token as listed (no secret, no hash). */
    record TokenInfo(String name, Role role, Instant createdAt, Instant revokedAt) {
    }

    /** Who a valid token belongs to; {@link #actor()} names it in the audit trail. */
    record Principal(String name, Role role) {
        public String actor() {
            return "api:" + name;
        }

        public boolean mayWrite() {
            return role == Role.ADMIN;
        }
    }

    /**
     * Creates a token.
     *
     * @throws RejectedCommandException when the name is malformed or taken
     */
    IssuedToken create(String name, Role role, String actor);

    List<TokenInfo> list();

    /**
     * Revokes the named token; requests with it fail from then on.
     *
     * @throws RejectedCommandException when there is no valid token of that name
     */
    void revoke(String name, String actor);

    /** The token's owner when {@code token} is a valid, unrevoked token; compared in constant time. */
    Optional<Principal> authenticate(String token);
}
