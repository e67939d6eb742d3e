package net.azt3knet.ports.out.integration;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.azt3knet.ports.out.email.DeliveryRoute;

/**
 * The settings every HTTP provider shares (one timeout and one retry count for all of them), read the same way by
 * each adapter's factory. Here rather than in the HTTP toolkit, which knows no port.
 */
public final class ProviderSettings {

    /** Seconds one request may take. */
    public static final IntegrationSetting TIMEOUT = IntegrationSetting.value("AZT3KNET_PROVIDER_TIMEOUT", "provider.timeout",
            "Seconds one mail-provider request may take. Default: 30");

    /** Retries of one request. */
    public static final IntegrationSetting MAX_RETRIES = IntegrationSetting.value("AZT3KNET_PROVIDER_MAX_RETRIES",
            "provider.max_retries", "Retries of a provider request after a 5xx, 429, timeout or reset connection. Default: 5");

    private ProviderSettings() {
    }

    public static Duration timeout(SettingsReader settings) {
        return Duration.ofSeconds(settings.number(TIMEOUT, 1, 3600, 30));
    }

    public static int maxRetries(SettingsReader settings) {
        return (int) settings.number(MAX_RETRIES, 0, 20, 5);
    }

    /** A provider's own rate limit, 1-10000 requests per second. */
    public static double rate(SettingsReader settings, IntegrationSetting rate, int defaultRate) {
        return settings.number(rate, 1, 10_000, defaultRate);
    }

    /**
     * Reads a route from an integration's own settings (comma-separated lists): each delivery adapter declares its
     * three, so there is no central list of routes.
     */
    public static DeliveryRoute deliveryRoute(SettingsReader settings, IntegrationSetting domains, IntegrationSetting users, IntegrationSetting fallback) {
        List<String> d = split(settings.text(domains));
        List<String> u = split(settings.text(users));
        for (String domain : d) {
            if (!domain.equals("*") && !domain.matches("[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")) {
                settings.problem(domains.variable() + ": '" + domain + "' is not a domain; give domains separated by commas, or * for every sender");
            }
        }
        return new DeliveryRoute(d, u, settings.text(fallback).map(String::strip).filter(f -> !f.isEmpty()));
    }

    private static List<String> split(Optional<String> text) {
        return text.map(t -> java.util.Arrays.stream(t.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList()).orElse(List.of());
    }
}
