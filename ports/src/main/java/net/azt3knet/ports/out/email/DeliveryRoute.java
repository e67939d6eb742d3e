package net.azt3knet.ports.out.email;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.SettingsReader;

/**
 * Which of the gateway's messages a delivery takes: those whose envelope sender is on one of {@code senderDomains}
 * ({@code *} for any), or that a gateway user in {@code users} submitted; and the delivery used instead while this
 * one's circuit breaker is open.
 *
 * @param fallback the integration name of the delivery to use while this one is unavailable
 */
public record DeliveryRoute(List<String> senderDomains, List<String> users, Optional<String> fallback) {

    /** Every sender, no fallback: a delivery used alone (a smarthost). */
    public static final DeliveryRoute ANY = new DeliveryRoute(List.of("*"), List.of(), Optional.empty());

    public DeliveryRoute {
        senderDomains = senderDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).toList();
        users = users.stream().map(String::strip).filter(u -> !u.isEmpty()).toList();
        Objects.requireNonNull(fallback, "fallback");
    }

    /**
     * Reads a route from an integration's own settings (comma-separated lists): each delivery adapter declares its
     * three, so there is no central list of routes.
     */
    public static DeliveryRoute read(SettingsReader settings, IntegrationSetting domains, IntegrationSetting users, IntegrationSetting fallback) {
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
        return text.map(t -> List.of(t.split(","))).orElse(List.of());
    }

    /** True when it takes any sender ({@code *}). */
    public boolean catchAll() {
        return senderDomains.contains("*");
    }
}
