package net.azt3knet.app.wiring;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.azt3knet.ports.out.spool.SpoolState;

/** The SMTP gateway as the health reports show it ({@code smtp} in {@code integrations list|check}, /api/integrations, /readyz). */
interface GatewayView {

    /** The entry's name, and the name of its /readyz check. */
    String NAME = "smtp";

    /** Where it listens; empty when {@code AZT3KNET_SMTP} is unset. */
    Optional<String> listening();

    /** The mail delivery integrations relaying the spool; none when the relay is off or no delivery is enabled. */
    List<String> relayingThrough();

    /**
     * The spool's depth by state.
     *
     * @throws RuntimeException when the spool does not answer
     */
    Map<SpoolState, Long> spoolDepth();

    /** True when it does anything: it listens, or relays. */
    default boolean enabled() {
        return listening().isPresent() || !relayingThrough().isEmpty();
    }

    /** One line: where it listens and whom it relays through. */
    default String describe() {
        return listening().map(a -> "listening on " + a).orElse("not listening (AZT3KNET_SMTP unset)") + "; "
                + (relayingThrough().isEmpty() ? "not relaying (AZT3KNET_SMTP_RELAY=off, or no mail delivery enabled)"
                : "relaying through " + String.join(", ", relayingThrough()));
    }

    /** The depth as a phrase, e.g. {@code 3 queued, 1 deferred}, or {@code empty}. */
    static String depth(Map<SpoolState, Long> counts) {
        String d = counts.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
        return d.isEmpty() ? "empty" : d;
    }

    /** The gateway as the configuration describes it, without a database (its spool never answers). */
    static GatewayView configured(AppConfig config, Integrations registry) {
        return new GatewayView() {
            @Override
            public Optional<String> listening() {
                return config.smtpGateway().map(s -> SmtpGateway.address(s.bindHost(), s.port()));
            }

            @Override
            public List<String> relayingThrough() {
                return config.smtpRelay().isPresent() ? SmtpModule.deliveryNames(registry) : List.of();
            }

            @Override
            public Map<SpoolState, Long> spoolDepth() {
                throw new IllegalStateException("not checked: no database");
            }
        };
    }
}
