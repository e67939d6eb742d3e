package net.azt3knet.ports.out.secret;

import java.util.Optional;
import net.azt3knet.domain.credential.Secret;

/** Driven port: where secrets (master key, API tokens, database password) are looked up by their variable name. */
public interface SecretStore {

    /**
     * The secret named {@code name} ({@code SECRET_KEY_FOR_KV_ENC}, {@code DESEC_TOKEN}, …), or empty when this
     * store does not hold it.
     *
     * @throws SecretStoreException when the store cannot be read (unreachable, denied, malformed)
     */
    Optional<Secret> secret(String name);

    /**
     * One integration's own secret, e.g. {@code key} {@code api_key} of integration {@code mailcow} (Vault:
     * {@code secret/azt3knet/mailcow}); empty when the store keeps no secrets per integration or holds none there.
     *
     * @throws SecretStoreException when the store cannot be read
     */
    default Optional<Secret> secret(String integration, String key) {
        return Optional.empty();
    }

    /**
     * Checks that the store answers, with one fresh read (nothing to do for a store in the process).
     *
     * @throws SecretStoreException saying what is wrong
     */
    default void check() {
    }

    /** Where the secrets come from, for messages (never a secret): {@code environment}, {@code vault https://…}. */
    String describe();
}
