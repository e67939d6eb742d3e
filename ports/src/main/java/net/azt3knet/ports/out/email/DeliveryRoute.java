package net.azt3knet.ports.out.email;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

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

    /** True when it takes any sender ({@code *}). */
    public boolean catchAll() {
        return senderDomains.contains("*");
    }
}
