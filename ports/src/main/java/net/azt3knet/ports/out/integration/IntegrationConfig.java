package net.azt3knet.ports.out.integration;

import java.nio.file.Path;
import java.util.Optional;
import net.azt3knet.domain.credential.Secret;

/**
 * Driven port: the read-only view of the configuration layers (defaults, config file, {@code .env}, environment,
 * flags) and the secret store that an integration's factory reads its settings from.
 */
public interface IntegrationConfig {

    /** A non-secret value by its variable name (or one of its aliases), stripped; empty when unset or blank. */
    Optional<String> value(IntegrationSetting setting);

    /**
     * A secret: the integration's own secret in the store first (Vault {@code secret/azt3knet/<integration>}, key
     * {@code api_key} for {@code MAILCOW_API_KEY}), then the store's shared secret under the variable name.
     */
    Optional<Secret> secret(String integration, IntegrationSetting setting);

    /** Where secrets are looked up, for "is not set" messages: {@code environment}, {@code vault https://…}. */
    String secretsDescription();

    /** The data directory, for integrations that keep files next to the database. */
    Path dataDir();
}
