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

    /** Where the secrets come from, for messages (never a secret): {@code environment}, {@code vault https://…}. */
    String describe();
}
