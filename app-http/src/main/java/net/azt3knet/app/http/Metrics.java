package net.azt3knet.app.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.azt3knet.adapters.http.ProviderCalls;
import net.azt3knet.adapters.smtp.SmtpEvents;
import net.azt3knet.app.wiring.IntegrationHealth;
import net.azt3knet.ports.in.ManageMailQueueUseCase;
import net.azt3knet.domain.responder.FilterReason;
import net.azt3knet.app.wiring.ResponderEvents;
import net.azt3knet.ports.out.responder.ReplyQueue;
import net.azt3knet.ports.out.spool.SpoolState;
import net.azt3knet.ports.out.store.JobState;

/**
 * The process's meters in Prometheus form: HTTP latency, jobs, provider calls and circuits, the SMTP gateway, the AI
 * responder, the JVM.
 */
final class Metrics implements ProviderCalls.Observer, SmtpEvents.Observer, ResponderEvents.Listener, AutoCloseable {

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicInteger> circuits = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<String, AtomicInteger> integrationStates = new ConcurrentHashMap<>();
    private volatile Supplier<List<IntegrationHealth.Entry>> integrations;

    Metrics(Jobs jobs) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        smtpMeters();
        responderMeters();
        for (JobState s : JobState.values()) {
            Gauge.builder("azt3knet.jobs", jobs, j -> counts(j).getOrDefault(s, 0L)).tag("state", Jobs.state(s))
                    .description("API jobs by state, across every process on the database").register(registry);
        }
    }

    // Known from the start, so a dashboard sees zeros before the first event, not a missing series.
    private void smtpMeters() {
        for (String o : List.of("accepted", "throttled", "per_client", "total")) smtp("azt3knet.smtp.connections", "outcome", o, 0);
        for (String o : List.of("queued", "empty")) smtp("azt3knet.smtp.sessions", "outcome", o, 0);
        for (String r : List.of("credentials", "throttled")) smtp("azt3knet.smtp.auth.failures", "reason", r, 0);
        for (String o : List.of("accepted", "relayed", "bounced", "deferred")) smtp("azt3knet.smtp.messages", "outcome", o, 0);
    }

    private void smtp(String name, String tag, String value, int increment) {
        Counter.builder(name).tag(tag, value).description(SMTP_DESCRIPTIONS.get(name)).register(registry).increment(increment);
    }

    private static final Map<String, String> SMTP_DESCRIPTIONS = Map.of(
            "azt3knet.smtp.connections", "SMTP gateway connections, accepted or refused (throttled, per_client, total)",
            "azt3knet.smtp.sessions", "Ended SMTP gateway sessions: queued (at least one message) or empty",
            "azt3knet.smtp.auth.failures", "Refused AUTH: wrong credentials, or throttled (too many failures from the address)",
            "azt3knet.smtp.messages", "SMTP gateway messages accepted (queued) and relay attempts ended relayed, bounced or deferred",
            "azt3knet.smtp.replies", "Replies the SMTP gateway decided (greeting, AUTH, MAIL, RCPT, DATA) by code");

    @Override
    public void connection(String outcome) {
        smtp("azt3knet.smtp.connections", "outcome", outcome, 1);
    }

    @Override
    public void session(String outcome) {
        smtp("azt3knet.smtp.sessions", "outcome", outcome, 1);
    }

    @Override
    public void authFailure(String reason) {
        smtp("azt3knet.smtp.auth.failures", "reason", reason, 1);
    }

    @Override
    public void reply(int code) {
        Counter.builder("azt3knet.smtp.replies").tag("class", code / 100 + "xx").tag("code", Integer.toString(code))
                .description(SMTP_DESCRIPTIONS.get("azt3knet.smtp.replies")).register(registry).increment();
    }

    @Override
    public void message(String outcome) {
        smtp("azt3knet.smtp.messages", "outcome", outcome, 1);
    }

    private Timer responseTime;
    private Timer modelTime;
    private Counter tokens;

    // Every reason and mode from the start, as for the gateway: a dashboard sees zeros, not missing series.
    private void responderMeters() {
        for (FilterReason r : FilterReason.values()) responderMessages(r).increment(0);
        for (String mode : List.of("draft", "sent")) responderReplies(mode).increment(0);
        // Summaries with their p50 and p95 computed here, as the reference reports them: Prometheus takes one of a
        // histogram or client-side quantiles per name, and the benchmark and dashboards read the quantile directly.
        responseTime = Timer.builder("azt3knet.responder.response").publishPercentiles(0.5, 0.95)
                .description("From a message's arrival to its reply stored as a draft or handed to the spool").register(registry);
        modelTime = Timer.builder("azt3knet.responder.model").publishPercentiles(0.5, 0.95)
                .description("The model call of each reply").register(registry);
        tokens = Counter.builder("azt3knet.responder.tokens").description("Model tokens the responder's replies spent").register(registry);
        Gauge.builder("azt3knet.responder.imap.mailboxes", this, m -> m.idling.getAsInt()).tag("mode", "idle")
                .description("Mailboxes the IMAP intake keeps in IDLE, one connection each").register(registry);
        Gauge.builder("azt3knet.responder.imap.mailboxes", this, m -> m.polled.getAsInt()).tag("mode", "polled")
                .description("Mailboxes the IMAP intake reads every EMAIL_CHECK_INTERVAL instead").register(registry);
    }

    private volatile IntSupplier idling = () -> 0;
    private volatile IntSupplier polled = () -> 0;

    @Override
    public void intake(IntSupplier idle, IntSupplier poll) {
        idling = idle;
        polled = poll;
    }

    private Counter responderMessages(FilterReason reason) {
        return Counter.builder("azt3knet.responder.messages").tag("outcome", reason.word())
                .description("Received messages decided, by the decision's reason (answer: a reply was written)").register(registry);
    }

    private Counter responderReplies(String mode) {
        return Counter.builder("azt3knet.responder.replies").tag("mode", mode)
                .description("Replies written: stored as drafts for review, or sent (handed to the spool)").register(registry);
    }

    @Override
    public void decided(FilterReason reason) {
        responderMessages(reason).increment();
    }

    @Override
    public void replied(Duration sinceArrival, Duration model, long spent, boolean sent) {
        responderReplies(sent ? "sent" : "draft").increment();
        responseTime.record(sinceArrival.isNegative() ? Duration.ZERO : sinceArrival);
        modelTime.record(model.isNegative() ? Duration.ZERO : model);
        if (spent > 0) tokens.increment(spent);
    }

    @Override
    public void failed(String stage, boolean retried) {
        Counter.builder("azt3knet.responder.errors").tag("stage", stage).tag("retried", Boolean.toString(retried))
                .description("Failed responder attempts by stage (model, store, spool); retried false: the last one").register(registry).increment();
    }

    private volatile Map<ReplyQueue.State, Long> replyDepth = Map.of();
    private volatile long replyReadAt;

    /** The responder's queue by state, read from the database at most once a second, as the gateway's queue. */
    void replyQueue(Supplier<Map<ReplyQueue.State, Long>> counts) {
        for (ReplyQueue.State s : ReplyQueue.State.values()) {
            Gauge.builder("azt3knet.responder.queue", counts, q -> replyRead(q).getOrDefault(s, 0L)).tag("state", s.name().toLowerCase(Locale.ROOT))
                    .description("Messages in the responder's queue by state, across every process on the database").register(registry);
        }
    }

    private Map<ReplyQueue.State, Long> replyRead(Supplier<Map<ReplyQueue.State, Long>> counts) {
        long now = System.nanoTime();
        if (now - replyReadAt > 1_000_000_000L) {
            try {
                replyDepth = counts.get();
            } catch (RuntimeException e) {
                // the last figures stand, and /readyz says why
            }
            replyReadAt = now;
        }
        return replyDepth;
    }

    private volatile java.util.Map<JobState, Long> lastCounts = java.util.Map.of();
    private volatile long countedAt;

    /** One query per scrape, not one per state: counts younger than a second are reused. */
    private java.util.Map<JobState, Long> counts(Jobs jobs) {
        long now = System.nanoTime();
        if (now - countedAt > 1_000_000_000L) {
            try {
                lastCounts = jobs.counts();
            } catch (RuntimeException e) {
                // the database is away: the last counts stand, and /readyz says why
            }
            countedAt = now;
        }
        return lastCounts;
    }

    private volatile Map<SpoolState, Long> queueDepth = Map.of();
    private volatile double oldestWaiting;
    private volatile long queueReadAt;

    /**
     * The SMTP gateway's queue, read from the database (so every process on it reports the same, gateway running here
     * or not): messages by state and how long the oldest queued or deferred one has waited.
     */
    void mailQueue(ManageMailQueueUseCase queue) {
        for (SpoolState s : SpoolState.values()) {
            Gauge.builder("azt3knet.smtp.queue", queue, q -> queueRead(q).getOrDefault(s, 0L)).tag("state", s.name().toLowerCase(Locale.ROOT))
                    .description("Messages in the SMTP gateway's queue by state").register(registry);
        }
        Gauge.builder("azt3knet.smtp.queue.oldest", queue, q -> {
            queueRead(q);
            return oldestWaiting;
        }).baseUnit("seconds").description("How long the oldest queued or deferred message has waited (0: none waits)").register(registry);
    }

    /** One read per scrape, as for the jobs: younger than a second is reused; a database that is away keeps the last figures. */
    private Map<SpoolState, Long> queueRead(ManageMailQueueUseCase queue) {
        long now = System.nanoTime();
        if (now - queueReadAt > 1_000_000_000L) {
            try {
                queueDepth = queue.depth();
                oldestWaiting = queue.oldestWaiting().map(d -> d.toMillis() / 1000.0).orElse(0.0);
            } catch (RuntimeException e) {
                // the last figures stand, and /readyz says why
            }
            queueReadAt = now;
        }
        return queueDepth;
    }

    void request(String method, String route, String status, long nanos) {
        Timer.builder("http.server.requests").tag("method", method).tag("route", route).tag("status", status)
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(30)).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void call(String provider, String method, String outcome, long nanos) {
        Timer.builder("azt3knet.provider.requests").tag("provider", provider).tag("method", method).tag("code", outcome)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        if (!outcome.startsWith("2") && !outcome.startsWith("3")) {
            Counter.builder("azt3knet.provider.errors").tag("provider", provider).tag("code", outcome).register(registry).increment();
        }
    }

    @Override
    public void circuit(String provider, String state) {
        AtomicInteger value = circuits.computeIfAbsent(provider, p -> {
            AtomicInteger v = new AtomicInteger();
            Gauge.builder("azt3knet.provider.circuit.state", v, AtomicInteger::get).tag("provider", p)
                    .description("0 closed, 1 half open, 2 open").register(registry);
            return v;
        });
        value.set(switch (state) {
            case "open" -> 2;
            case "half_open" -> 1;
            default -> 0;
        });
    }

    /**
     * Meters {@code azt3knet_integrations{kind,name,status}}: 1 for each integration's current status, 0 for the
     * others, read from {@code current} at each scrape.
     */
    void integrations(Supplier<List<IntegrationHealth.Entry>> current) {
        this.integrations = current;
    }

    private void refreshIntegrations() {
        if (integrations == null) return;
        List<IntegrationHealth.Entry> entries;
        try {
            entries = integrations.get();
        } catch (RuntimeException e) {
            return; // the scrape still answers; the gauges keep their last values
        }
        for (IntegrationHealth.Entry e : entries) {
            for (IntegrationHealth.Status s : IntegrationHealth.Status.values()) {
                String kind = e.kind();
                AtomicInteger v = integrationStates.computeIfAbsent(kind + "/" + e.name() + "/" + s, k -> {
                    AtomicInteger holder = new AtomicInteger();
                    Gauge.builder("azt3knet.integrations", holder, AtomicInteger::get).tag("kind", kind).tag("name", e.name())
                            .tag("status", s.name()).description("1 for the integration's current status").register(registry);
                    return holder;
                });
                v.set(e.status() == s ? 1 : 0);
            }
        }
    }

    String scrape() {
        refreshIntegrations();
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
