package net.azt3knet.app.wiring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.responder.ReplyQueue;

/**
 * Whether each integration answers: the database and every enabled integration of the registry (the same list as
 * {@code integrations check}). One cheap read each, run in parallel, answered from a short cache so that probes
 * every second do not become provider traffic; a check still running after the deadline counts as DOWN.
 */
public final class Readiness implements AutoCloseable {

    public enum Status { READY, DEGRADED, DOWN }

    /** One integration's state; {@code reason} says what failed (never a secret: the adapters' messages hold none). */
    public record Check(String integration, Status status, String reason, Instant checkedAt, Duration latency) {
    }

    /** The whole: DOWN when the database is, DEGRADED when anything else is not READY. */
    public record Report(Status status, List<Check> checks) {
    }

    /** One integration's check: null when it works, the reason when it works but is held back; throws when DOWN. */
    @FunctionalInterface
    interface Probe {
        String degradedBecause();
    }

    private final Map<String, Probe> integrations;
    /** The {@code delivery:} checks the gateway relays through: when every one is DOWN, the gateway's check is DEGRADED. */
    private final List<String> routes;
    /** The {@code model:} checks the responder writes with: when every one is DOWN, the responder's check is DEGRADED. */
    private final List<String> models;
    private final Duration maxAge;
    private final Duration deadline;
    private final Clock clock;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Future<Check>> running = new ConcurrentHashMap<>();
    private final Map<String, Check> last = new ConcurrentHashMap<>();
    private volatile Report cached;

    Readiness(Map<String, Probe> integrations, Duration maxAge, Duration deadline, Clock clock) {
        this(integrations, List.of(), maxAge, deadline, clock);
    }

    Readiness(Map<String, Probe> integrations, List<String> routes, Duration maxAge, Duration deadline, Clock clock) {
        this(integrations, routes, List.of(), maxAge, deadline, clock);
    }

    Readiness(Map<String, Probe> integrations, List<String> routes, List<String> models, Duration maxAge, Duration deadline,
              Clock clock) {
        this.integrations = integrations;
        this.routes = List.copyOf(routes);
        this.models = List.copyOf(models);
        this.maxAge = maxAge;
        this.deadline = deadline;
        this.clock = clock;
    }

    /**
     * The database, every enabled integration (of DNS providers the one in use), probed as {@link IntegrationHealth}
     * does, and the SMTP gateway when it listens or relays ({@code smtp}: its spool answers, and not every delivery it
     * relays through is down), and the AI responder when it runs ({@code responder}: its queue answers; DEGRADED while
     * the model server is down, the mail then waits in the queue).
     */
    static Readiness of(Integrations registry, IntegrationContext context, PostgresPersistence postgres, GatewayView gateway,
                        Optional<ReplyQueue> responder, Clock clock, Duration maxAge) {
        Map<String, Probe> checks = new LinkedHashMap<>();
        checks.put("database", () -> {
            postgres.ping();
            return null;
        });
        for (IntegrationFactory f : registry.all()) {
            boolean used = switch (f.kind()) {
                case DNS_PROVIDER -> registry.dnsProvider() == f;
                case SECRET_STORE -> registry.enabled(f) && !f.fallback();
                default -> registry.enabled(f);
            };
            if (used) checks.put(key(f.kind(), f.name()), () -> IntegrationHealth.probe(f.kind(), registry.port(f, f.kind().port(), context)));
        }
        List<String> routes = List.of();
        if (gateway.enabled()) {
            checks.put(GatewayView.NAME, () -> {
                try {
                    gateway.spoolDepth();
                } catch (RuntimeException e) {
                    throw new IllegalStateException("the spool does not answer: " + e.getMessage(), e);
                }
                return null;
            });
            routes = gateway.relayingThrough().stream().map(n -> key(IntegrationKind.MAIL_DELIVERY, n)).toList();
        }
        List<String> models = List.of();
        if (responder.isPresent()) {
            ReplyQueue queue = responder.get();
            checks.put(RESPONDER, () -> {
                try {
                    queue.counts();
                } catch (RuntimeException e) {
                    throw new IllegalStateException("the responder's queue does not answer: " + e.getMessage(), e);
                }
                return null;
            });
            models = checks.keySet().stream().filter(k -> k.startsWith(PREFIX.get(IntegrationKind.MODEL_SERVER))).toList();
        }
        return new Readiness(checks, routes, models, maxAge, Duration.ofSeconds(3), clock);
    }

    /** The responder's check. */
    static final String RESPONDER = "responder";

    /** The name of an integration's check: {@code provider:mailcow}, {@code dns:desec}, {@code model:llm}, {@code secrets:vault}. */
    static String key(IntegrationKind kind, String name) {
        return PREFIX.get(kind) + name;
    }

    private static final Map<IntegrationKind, String> PREFIX = Map.of(IntegrationKind.MAIL_PROVIDER, "provider:",
            IntegrationKind.DNS_PROVIDER, "dns:", IntegrationKind.MODEL_SERVER, "model:", IntegrationKind.SECRET_STORE, "secrets:",
            IntegrationKind.MAIL_DELIVERY, "delivery:", IntegrationKind.MAIL_INTAKE, "intake:");

    /** The current report, at most {@code maxAge} old. */
    public synchronized Report report() {
        Report r = cached;
        Instant now = clock.instant();
        if (r != null && !r.checks().isEmpty() && r.checks().get(0).checkedAt().plus(maxAge).isAfter(now)) return r;
        for (Map.Entry<String, Probe> e : integrations.entrySet()) {
            running.compute(e.getKey(), (name, f) -> f != null && !f.isDone() ? f : threads.submit(() -> run(name, e.getValue())));
        }
        long until = System.nanoTime() + deadline.toNanos();
        List<Check> checks = new ArrayList<>();
        for (String name : integrations.keySet()) {
            Future<Check> f = running.get(name);
            Check c;
            try {
                c = f.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                last.put(name, c);
            } catch (TimeoutException e) {
                c = new Check(name, Status.DOWN, "no answer within " + deadline.toSeconds() + " s", now, deadline);
            } catch (ExecutionException e) {
                c = new Check(name, Status.DOWN, String.valueOf(e.getCause().getMessage()), now, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c = new Check(name, Status.DOWN, "interrupted", now, null);
            }
            checks.add(c);
        }
        gatewayRoutes(checks);
        responderModels(checks);
        Status overall = Status.READY;
        for (Check c : checks) {
            if (c.status() == Status.READY) continue;
            if (c.integration().equals("database")) overall = Status.DOWN;
            else if (overall == Status.READY) overall = Status.DEGRADED;
        }
        cached = new Report(overall, List.copyOf(checks));
        return cached;
    }

    /** The gateway's check is DEGRADED when it answers but every delivery it relays through is DOWN. */
    private void gatewayRoutes(List<Check> checks) {
        if (routes.isEmpty()) return;
        List<String> down = new ArrayList<>();
        int gateway = -1;
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            if (c.integration().equals(GatewayView.NAME)) gateway = i;
            if (routes.contains(c.integration()) && c.status() == Status.DOWN) down.add(c.integration() + ": " + c.reason());
        }
        if (gateway < 0 || down.size() < routes.size() || checks.get(gateway).status() != Status.READY) return;
        Check g = checks.get(gateway);
        checks.set(gateway, new Check(g.integration(), Status.DEGRADED, "every mail delivery route is down (" + String.join("; ", down)
                + "): accepted mail waits in the spool", g.checkedAt(), g.latency()));
    }

    /** The responder's check is DEGRADED when its queue answers but no model server does (or none is enabled). */
    private void responderModels(List<Check> checks) {
        int responder = -1;
        List<String> down = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            if (c.integration().equals(RESPONDER)) responder = i;
            if (models.contains(c.integration()) && c.status() == Status.DOWN) down.add(c.integration() + ": " + c.reason());
        }
        if (responder < 0 || checks.get(responder).status() != Status.READY || (!models.isEmpty() && down.size() < models.size())) return;
        Check r = checks.get(responder);
        String why = models.isEmpty() ? "no model server is enabled" : "the model server is down (" + String.join("; ", down) + ")";
        checks.set(responder, new Check(r.integration(), Status.DEGRADED, why + ": received mail waits in the queue", r.checkedAt(), r.latency()));
    }

    private Check run(String name, Probe check) {
        Instant at = clock.instant();
        long start = System.nanoTime();
        try {
            String held = check.degradedBecause();
            return new Check(name, held == null ? Status.READY : Status.DEGRADED, held, at, // rate limited: slow, not broken
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            return new Check(name, Status.DOWN, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), at,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
