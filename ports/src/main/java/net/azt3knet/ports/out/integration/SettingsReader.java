package net.azt3knet.ports.out.integration;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.azt3knet.domain.credential.Secret;

/**
 * Reads one integration's settings and collects every problem, so that {@link #done()} can report them all at once.
 * In checking mode (configuration validation before any command runs) a missing value is no problem and no secret is
 * looked up; only values that are set and malformed are reported, and {@link #done()} always throws. In verifying
 * mode ({@code integrations list}) every problem is collected and {@link #done()} always throws, so nothing is built.
 */
public final class SettingsReader {

    private final String integration;
    private final IntegrationConfig config;
    private final boolean checking;
    private final boolean verifying;
    private final List<String> problems = new ArrayList<>();

    private SettingsReader(String integration, IntegrationConfig config, boolean checking, boolean verifying) {
        this.integration = integration;
        this.config = config;
        this.checking = checking;
        this.verifying = verifying;
    }

    /** A reader for building {@code integration}. */
    public static SettingsReader building(String integration, IntegrationConfig config) {
        return new SettingsReader(integration, config, false, false);
    }

    /** A reader that finds every problem, missing values included; {@link #done()} throws with them (maybe none). */
    public static SettingsReader verifying(String integration, IntegrationConfig config) {
        return new SettingsReader(integration, config, false, true);
    }

    /** A reader that only checks the values set; {@link #done()} throws with the problems found (maybe none). */
    public static SettingsReader checking(String integration, IntegrationConfig config) {
        return new SettingsReader(integration, config, true, false);
    }

    /** True when {@code s} has a value (for a secret: the store holds it). */
    public boolean isSet(IntegrationSetting s) {
        return s.secret() ? !checking && config.secret(integration, s).isPresent() : config.value(s).isPresent();
    }

    /** The value, if set. */
    public Optional<String> text(IntegrationSetting s) {
        return config.value(s);
    }

    /** The value, or a problem naming the variable and what it means. */
    public String required(IntegrationSetting s) {
        Optional<String> v = config.value(s);
        if (v.isEmpty() && !checking) problems.add(s.variable() + " is not set; " + s.description());
        return v.orElse(null);
    }

    /** A secret, or a problem saying where it was looked for. */
    public Secret requiredSecret(IntegrationSetting s) {
        if (checking) return null;
        Optional<Secret> v = config.secret(integration, s);
        if (v.isEmpty()) problems.add(s.variable() + " is not set (looked in " + config.secretsDescription() + "); " + s.description());
        return v.orElse(null);
    }

    /** A secret that may be absent (never looked up while checking). */
    public Optional<Secret> optionalSecret(IntegrationSetting s) {
        return checking ? Optional.empty() : config.secret(integration, s);
    }

    /** A whole number from {@code min} to {@code max}, {@code fallback} when unset. */
    public long number(IntegrationSetting s, long min, long max, long fallback) {
        Optional<String> v = config.value(s);
        if (v.isEmpty()) return fallback;
        try {
            long n = Long.parseLong(v.get());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(s.variable() + "='" + v.get() + "' must be a whole number from " + min + " to " + max);
        return fallback;
    }

    /** {@code true} or {@code false}, {@code fallback} when unset. */
    public boolean bool(IntegrationSetting s, boolean fallback) {
        Optional<String> v = config.value(s);
        if (v.isEmpty()) return fallback;
        if (v.get().matches("(?i)true|false")) return Boolean.parseBoolean(v.get().toLowerCase(Locale.ROOT));
        problems.add(s.variable() + "='" + v.get() + "' must be true or false");
        return fallback;
    }

    /**
     * One of {@code choices} (lower case), {@code fallback} when unset.
     *
     * @param flag the command-line flag that sets it too, named in the problem (null when there is none)
     */
    public String oneOf(IntegrationSetting s, String fallback, List<String> choices, String flag) {
        Optional<String> v = config.value(s).map(x -> x.toLowerCase(Locale.ROOT));
        if (v.isEmpty()) return fallback;
        if (choices.contains(v.get())) return v.get();
        problems.add(s.variable() + "='" + config.value(s).get() + "' must be " + String.join(" or ", choices)
                + (flag == null ? "" : " (" + flag + ")"));
        return fallback;
    }

    /** An http(s) URL; {@code fallback} (may be null) when unset. {@code example} is shown in the problem. */
    public URI url(IntegrationSetting s, String fallback, String example) {
        Optional<String> v = config.value(s);
        if (v.isEmpty()) return fallback == null ? null : URI.create(fallback);
        if (v.get().matches("https?://[^/\\s]+\\S*")) {
            try {
                return URI.create(v.get());
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        problems.add(s.variable() + "='" + v.get() + "' must be an http:// or https:// URL, e.g. " + example);
        return fallback == null ? null : URI.create(fallback);
    }

    /** A required http(s) URL. */
    public URI requiredUrl(IntegrationSetting s, String example) {
        if (config.value(s).isEmpty()) {
            required(s);
            return null;
        }
        return url(s, null, example);
    }

    /** Adds a problem found by the factory itself. */
    public void problem(String problem) {
        problems.add(problem);
    }

    /** The data directory of this installation. */
    public Path dataDir() {
        return config.dataDir();
    }

    /** The integration these settings are for. */
    public String integration() {
        return integration;
    }

    /**
     * Call after reading every setting.
     *
     * @throws IntegrationConfigurationException listing every problem (while checking or verifying: always, maybe with none)
     */
    public void done() {
        if (checking || verifying || !problems.isEmpty()) throw new IntegrationConfigurationException(problems);
    }
}
