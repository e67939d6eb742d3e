package net.azt3knet.ports.out.store;

import java.util.Objects;
import net.azt3knet.domain.credential.CredentialRef;
import net.azt3knet.domain.credential.SealedCredential;

/**
 * A stored credential with the agent it belongs to.
 *
 * @param ref      population, agent index and rotation
 * @param email    the agent's address
 * @param username the agent's username
 * @param sealed   the encrypted password
 */
public record StoredCredential(CredentialRef ref, String email, String username, SealedCredential sealed) {

    public StoredCredential {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(sealed, "sealed");
    }
}
