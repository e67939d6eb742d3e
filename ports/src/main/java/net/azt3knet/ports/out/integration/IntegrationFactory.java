package net.azt3knet.ports.out.integration;

import java.util.List;
import java.util.Optional;

/**
 * Service provider interface: one external system, found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/net.azt3knet.ports.out.integration.IntegrationFactory}). The class needs a public
 * no-argument constructor; it builds and validates its own settings and returns the port implementation.
 */
public interface IntegrationFactory {

    /** Its name, lower case: the value of {@code --provider}, {@code DNS_PROVIDER}, and {@code FEATURES__<NAME>_ENABLED}. */
    String name();

    /** What it is for. */
    IntegrationKind kind();

    /** Every value it reads, for the config file's known keys, {@code config} output and docs. */
    List<IntegrationSetting> settings();

    /** What the product does while this integration is down, one sentence. */
    String degradation();

    /**
     * True when it needs no settings and is the kind's default when no other integration is chosen (the local
     * provider, zone files, the environment secret store).
     */
    default boolean fallback() {
        return false;
    }

    /**
     * The tables it keeps in the process's database, created by its own migration scripts (applied wherever the
     * database's are: on start, or by {@code azt3knet db migrate}); none by default.
     */
    default Optional<SchemaMigrations> migrations() {
        return Optional.empty();
    }

    /**
     * True when the settings it needs are present: "configured means enabled" unless a feature flag says otherwise. By
     * default only a {@link #fallback()}, which needs no settings, is configured; any other integration says what it needs.
     */
    default boolean configured(SettingsReader settings) {
        return fallback();
    }

    /**
     * Builds one object implementing every port of {@link #kind()} ({@link IntegrationKind#ports()}). Reads every
     * setting first and calls {@link SettingsReader#done()} before building anything, so every problem is reported at
     * once.
     *
     * @throws IntegrationConfigurationException listing each missing or malformed value
     */
    Object create(SettingsReader settings, IntegrationContext context);
}
