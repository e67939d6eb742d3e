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

    /**
     * A server's host name or address from {@code host} (IPv6 brackets dropped), null with a problem when it is missing
     * or not a name or address; {@code what} names the server in the problem, e.g. {@code the MTA's name}.
     */
    public static String host(SettingsReader settings, IntegrationSetting host, String what) {
        String h = settings.required(host);
        if (h == null) return null;
        h = h.strip();
        if (!h.matches("[A-Za-z0-9.-]+|\\[?[0-9A-Fa-f:.]+]?")) {
            settings.problem(host.variable() + "='" + h + "' is not a host name or address; give " + what + ", e.g. mail.example.org");
            return null;
        }
        return h.replaceAll("^\\[|]$", "");
    }

    /**
     * Why an unencrypted connection to {@code host} is refused, empty when every address it resolves to is a loopback
     * or private one (this host, a private network): the one case where plain text does not cross a public network.
     */
    public static Optional<String> unencryptedRefused(String host) {
        java.net.InetAddress[] all;
        try {
            all = java.net.InetAddress.getAllByName(host);
        } catch (java.net.UnknownHostException e) {
            return Optional.of(host + " does not resolve, so it cannot be shown to be on this host or a private network");
        }
        for (java.net.InetAddress a : all) {
            boolean ula = a instanceof java.net.Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
            if (!a.isLoopbackAddress() && !a.isSiteLocalAddress() && !ula) {
                return Optional.of(host + " (" + a.getHostAddress() + ") is neither a loopback nor a private address");
            }
        }
        return Optional.empty();
    }
}
