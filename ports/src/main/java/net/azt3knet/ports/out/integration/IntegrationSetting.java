package net.azt3knet.ports.out.integration;

import java.util.List;
import java.util.Objects;

/**
 * One configuration value an integration reads.
 *
 * @param variable    the environment (and {@code .env}) name, e.g. {@code MAILCOW_BASE_URL}
 * @param aliases     older names also read when {@code variable} is unset
 * @param key         the dotted key of the config file, e.g. {@code mailcow.url}
 * @param secret      true when it is looked up in the secret store and never printed
 * @param description one line on what it means and its default
 */
public record IntegrationSetting(String variable, List<String> aliases, String key, boolean secret, String description) {

    public IntegrationSetting {
        Objects.requireNonNull(variable, "variable");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(description, "description");
    }

    /** A plain value without aliases. */
    public static IntegrationSetting value(String variable, String key, String description) {
        return new IntegrationSetting(variable, List.of(), key, false, description);
    }

    /** A secret without aliases. */
    public static IntegrationSetting secret(String variable, String key, String description) {
        return new IntegrationSetting(variable, List.of(), key, true, description);
    }
}
