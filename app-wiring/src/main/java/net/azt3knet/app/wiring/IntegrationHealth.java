package net.azt3knet.app.wiring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import net.azt3knet.adapters.http.ProviderCalls;
import net.azt3knet.ports.out.dns.DnsRecords;
import net.azt3knet.ports.out.dns.DnsRecordsException;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.ProviderHealth;
import net.azt3knet.ports.out.secret.SecretStore;
import net.azt3knet.ports.out.text.TextGeneration;
import net.azt3knet.ports.out.text.TextGenerationException;

/**
 * The state of every integration: {@code integrations list} (configuration only), {@code integrations check} and
 * {@code GET /api/integrations} (one cheap read each, in parallel), and the probes {@link Readiness} runs.
 */
public final class IntegrationHealth {

    /** READY: answers; DEGRADED: answers but holds back (rate limited); ERROR: fails or cannot be built; DISABLED: off. */
    public enum Status { READY, DEGRADED, ERROR, DISABLED }

    /**
     * One integration's state.
     *
     * @param latency how long the check took, null when not checked
     * @param kind    the integration's kind in lower case ({@code mail_delivery}), or {@code smtp_gateway} for the gateway
     * @param breaker the circuit breaker of its HTTP client: closed, open or half_open ({@code none} for the gateway)
     */
    public record Entry(String name, String kind, boolean enabled, Status status, String message, Duration latency,
                        String breaker, String degradation) {
    }

    private static final Map<String, String> CIRCUITS = new ConcurrentHashMap<>();

    /** The kind of the gateway's entry. */
    static final String GATEWAY_KIND = "smtp_gateway";
    private static final String GATEWAY_DEGRADATION = "while the spool does not answer, submissions get 451 4.3.0 and clients keep"
            + " their mail; while every delivery is down, accepted mail waits in the spool";

    private final Integrations registry;
    private final IntegrationContext context;
    private final Supplier<GatewayView> gateway;

    /** Without the gateway's entry. */
    IntegrationHealth(Integrations registry, IntegrationContext context) {
        this(registry, context, null);
    }

    /** @param gateway the SMTP gateway, reported as the {@code smtp} entry after the integrations; null for none */
    IntegrationHealth(Integrations registry, IntegrationContext context, Supplier<GatewayView> gateway) {
        this.registry = registry;
        this.context = context;
        this.gateway = gateway;
    }

    /** For {@link #list()} without a database: nothing is built, so nothing shared is needed. */
    public static IntegrationHealth withoutResources(AppConfig config) {
        return new IntegrationHealth(config.integrations(), Integrations.noContext(),
                () -> GatewayView.configured(config, config.integrations()));
    }

    static String kind(IntegrationKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** An observer that remembers each provider's breaker state for these reports, then tells {@code next}. */
    public static ProviderCalls.Observer observing(ProviderCalls.Observer next) {
        return new ProviderCalls.Observer() {
            @Override
            public void call(String provider, String method, String outcome, long nanos) {
                if (next != null) next.call(provider, method, outcome, nanos);
            }

            @Override
            public void circuit(String provider, String state) {
                CIRCUITS.put(provider.toLowerCase(Locale.ROOT), state);
                if (next != null) next.circuit(provider, state);
            }
        };
    }

    /** Every integration as configured, without contacting any. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        for (IntegrationFactory f : registry.all()) entries.add(configured(f));
        if (gateway != null) entries.add(gatewayConfigured());
        return entries;
    }

    /** Every integration, the enabled ones checked in parallel; one still running after {@code deadline} is ERROR. */
    public List<Entry> check(Duration deadline) {
        List<Entry> entries = list();
        List<Future<Entry>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Entry e : entries) running.add(e.status() == Status.READY ? threads.submit(() -> checked(e)) : null);
            long until = System.nanoTime() + deadline.toNanos();
            List<Entry> out = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                Future<Entry> f = running.get(i);
                if (f == null) {
                    out.add(e);
                    continue;
                }
                try {
                    out.add(f.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException x) {
                    f.cancel(true);
                    out.add(with(e, Status.ERROR, "no answer within " + deadline.toSeconds() + " s", deadline));
                } catch (ExecutionException x) {
                    out.add(with(e, Status.ERROR, String.valueOf(x.getCause().getMessage()), null));
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    out.add(with(e, Status.ERROR, "interrupted", null));
                }
            }
            threads.shutdownNow();
            return out;
        }
    }

    /**
     * The configured list with the states {@code readiness} last saw (at most its cache age old): what {@code serve}
     * reports without provider traffic of its own.
     */
    public List<Entry> current(Readiness readiness) {
        Map<String, Readiness.Check> seen = new java.util.HashMap<>();
        for (Readiness.Check c : readiness.report().checks()) seen.put(c.integration(), c);
        List<Entry> out = new ArrayList<>();
        for (Entry e : list()) {
            String key = e.kind().equals(GATEWAY_KIND) ? GatewayView.NAME : Readiness.key(IntegrationKind.valueOf(e.kind().toUpperCase(Locale.ROOT)), e.name());
            Readiness.Check c = e.status() == Status.READY ? seen.get(key) : null;
            if (c == null) {
                out.add(e);
                continue;
            }
            Status s = switch (c.status()) {
                case READY -> Status.READY;
                case DEGRADED -> Status.DEGRADED;
                case DOWN -> Status.ERROR;
            };
            String message = c.reason() == null ? "" : c.reason();
            if (e.kind().equals(GATEWAY_KIND)) message = gateway.get().describe() + (message.isEmpty() ? "; the spool answers" : "; " + message);
            out.add(new Entry(e.name(), e.kind(), true, s, message, c.latency(),
                    e.kind().equals(GATEWAY_KIND) ? e.breaker() : CIRCUITS.getOrDefault(e.name(), "closed"), e.degradation()));
        }
        return out;
    }

    private Entry configured(IntegrationFactory f) {
        String breaker = CIRCUITS.getOrDefault(f.name(), "closed");
        boolean enabled;
        try {
            enabled = registry.enabled(f);
        } catch (RuntimeException e) { // reading its settings failed (the secret store is down)
            return new Entry(f.name(), kind(f.kind()), false, Status.ERROR, message(e), null, breaker, f.degradation());
        }
        if (!enabled) {
            String why = registry.flag(f).isPresent() ? "disabled by " + Integrations.flagVariable(f.name()) + "=false"
                    : f.kind() == IntegrationKind.SECRET_STORE ? "not chosen (AZT3KNET_SECRETS)" : "not configured (docs/integrations.md)";
            return new Entry(f.name(), kind(f.kind()), false, Status.DISABLED, why, null, breaker, f.degradation());
        }
        List<String> problems;
        try {
            problems = registry.verify(f);
        } catch (RuntimeException e) {
            return new Entry(f.name(), kind(f.kind()), true, Status.ERROR, message(e), null, breaker, f.degradation());
        }
        if (!problems.isEmpty()) {
            return new Entry(f.name(), kind(f.kind()), true, Status.ERROR, String.join("; ", problems), null, breaker, f.degradation());
        }
        String note = "not checked";
        if (f.kind() == IntegrationKind.DNS_PROVIDER) {
            try {
                IntegrationFactory inUse = registry.dnsProvider();
                if (inUse != f) note = "configured, not in use: the DNS provider is " + inUse.name() + " (DNS_PROVIDER)";
            } catch (ConfigurationException e) {
                note = String.join("; ", e.problems());
            }
        }
        return new Entry(f.name(), kind(f.kind()), true, Status.READY, note, null, breaker, f.degradation());
    }

    private Entry gatewayConfigured() {
        GatewayView g;
        try {
            g = gateway.get();
            if (!g.enabled()) {
                return new Entry(GatewayView.NAME, GATEWAY_KIND, false, Status.DISABLED,
                        "off: AZT3KNET_SMTP is unset and no mail delivery is enabled (docs/smtp.md)", null, "none", GATEWAY_DEGRADATION);
            }
            return new Entry(GatewayView.NAME, GATEWAY_KIND, true, Status.READY, g.describe() + "; the spool not checked", null, "none",
                    GATEWAY_DEGRADATION);
        } catch (RuntimeException e) { // its settings are wrong
            return new Entry(GatewayView.NAME, GATEWAY_KIND, true, Status.ERROR, message(e), null, "none", GATEWAY_DEGRADATION);
        }
    }

    /** The spool answers (its depth by state), else ERROR. */
    private Entry gatewayChecked(Entry e) {
        GatewayView g = gateway.get();
        long start = System.nanoTime();
        try {
            String depth = GatewayView.depth(g.spoolDepth());
            return new Entry(e.name(), e.kind(), true, Status.READY, g.describe() + "; the spool answers: " + depth,
                    Duration.ofNanos(System.nanoTime() - start), e.breaker(), e.degradation());
        } catch (RuntimeException x) {
            return new Entry(e.name(), e.kind(), true, Status.ERROR, g.describe() + "; the spool does not answer: " + message(x),
                    Duration.ofNanos(System.nanoTime() - start), e.breaker(), e.degradation());
        }
    }

    private Entry checked(Entry e) {
        if (e.kind().equals(GATEWAY_KIND)) return gatewayChecked(e);
        IntegrationFactory f = registry.find(IntegrationKind.valueOf(e.kind().toUpperCase(Locale.ROOT)), e.name()).orElseThrow();
        long start = System.nanoTime();
        Status status;
        String message;
        try {
            String held = probe(f.kind(), registry.port(f, f.kind().port(), context));
            status = held == null ? Status.READY : Status.DEGRADED;
            message = held == null ? "" : held;
        } catch (RuntimeException x) {
            status = Status.ERROR;
            message = message(x);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Entry(e.name(), e.kind(), true, status, message, took, CIRCUITS.getOrDefault(f.name(), "closed"), e.degradation());
    }

    private static Entry with(Entry e, Status status, String message, Duration latency) {
        return new Entry(e.name(), e.kind(), e.enabled(), status, message, latency, e.breaker(), e.degradation());
    }

    /**
     * One cheap read of {@code port}: null when it works, the reason when it works but holds back (rate limited).
     *
     * @throws RuntimeException saying what failed when it does not work
     */
    static String probe(IntegrationKind kind, Object port) {
        try {
            switch (kind) {
                case MAIL_PROVIDER -> ((ProviderHealth) port).check();
                case MAIL_DELIVERY -> ((net.azt3knet.ports.out.email.EmailDelivery) port).check();
                case DNS_PROVIDER -> ((DnsRecords) port).check();
                case MODEL_SERVER -> ((TextGeneration) port).check();
                case SECRET_STORE -> ((SecretStore) port).check();
                case MAIL_INTAKE -> ((net.azt3knet.ports.out.mail.MailIntake) port).check(java.util.Optional.empty());
            }
            return null;
        } catch (MailboxProvisioningException e) {
            if (e.reason() == MailboxProvisioningException.Reason.RATE_LIMITED) return e.getMessage();
            throw e;
        } catch (DnsRecordsException e) {
            if (e.reason() == DnsRecordsException.Reason.RATE_LIMITED) return e.getMessage();
            throw e;
        } catch (TextGenerationException e) {
            if (e.reason() == TextGenerationException.Reason.RATE_LIMITED) return e.getMessage();
            throw e;
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
