package net.azt3knet.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.agent.ByteBuilder;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.enrichment.EnrichableField;
import net.azt3knet.domain.enrichment.EnrichedAgent;
import net.azt3knet.domain.enrichment.FieldPrompt;
import net.azt3knet.domain.enrichment.FieldPrompts;
import net.azt3knet.domain.enrichment.ReplyCheck;
import net.azt3knet.ports.in.EnrichPopulationUseCase.EnrichmentReport;
import net.azt3knet.ports.in.EnrichmentFailedException;
import net.azt3knet.ports.in.EnrichmentOptions;
import net.azt3knet.ports.in.EnrichmentOptions.Fallback;
import net.azt3knet.ports.in.EnrichmentOptions.Mode;
import net.azt3knet.ports.out.audit.AuditTrail;
import net.azt3knet.ports.out.text.CachedText;
import net.azt3knet.ports.out.text.GeneratedText;
import net.azt3knet.ports.out.text.GeneratedTextCache;
import net.azt3knet.ports.out.text.TextGeneration;
import net.azt3knet.ports.out.text.TextGenerationException;
import net.azt3knet.ports.out.text.TextPrompt;

/**
 * {@code generate_field} for whole chunks of agents: prompt from the versioned template, answer from the replay cache
 * or the model, check, retry with a derived sub-seed, fall back to the offline value. Everything that decides an
 * agent's text is in the cache key, so a replay walks the same path and gives the same bytes.
 */
public final class Enrichment {

    /** Attempts per field: the first seed and two derived sub-seeds. */
    static final int ATTEMPTS = 3;
    /** Temperature 0: the most repeatable answers a server gives (still not guaranteed: hence the cache). */
    static final double TEMPERATURE = 0;
    /** Agent indexes named in one fallback audit entry; the count is always complete. */
    private static final int NAMED_AGENTS = 50;

    private final Supplier<TextGeneration> model;
    private final GeneratedTextCache cache;
    private final AuditTrail audit;
    private final Clock clock;

    /**
     * @param model the model, asked for only when a run may call it (a replay never does, and needs no server)
     */
    public Enrichment(Supplier<TextGeneration> model, GeneratedTextCache cache, AuditTrail audit, Clock clock) {
        this.model = model;
        this.cache = cache;
        this.audit = audit;
        this.clock = clock;
    }

    /** Starts a run for one population; close it to release its request threads. */
    public Run open(EnrichmentOptions options, UUID population) {
        TextGeneration llm = options.mode() == Mode.REPLAY ? null : model.get();
        return new Run(options, population, llm);
    }

    /** One enrichment run: thread-safe, so the generator's workers enrich their chunks at the same time. */
    public final class Run implements AutoCloseable {

        private final EnrichmentOptions options;
        private final UUID population;
        private final TextGeneration llm;
        private final ExecutorService requests;
        private final AtomicLong requested = new AtomicLong();
        private final AtomicLong hits = new AtomicLong();
        private final AtomicLong calls = new AtomicLong();
        private final AtomicLong fallbacks = new AtomicLong();

        private Run(EnrichmentOptions options, UUID population, TextGeneration llm) {
            this.options = options;
            this.population = population;
            this.llm = llm;
            this.requests = llm == null ? null : Executors.newFixedThreadPool(options.concurrency(), r -> {
                Thread t = new Thread(r, "azt3knet-llm");
                t.setDaemon(true);
                return t;
            });
        }

        /** One field of one agent, at one attempt. */
        private final class Task {
            final AgentProfile agent;
            final EnrichableField field;
            final int attempt;
            final FieldPrompt prompt;
            final long seed;
            final String parameters;
            final String key;

            Task(AgentProfile agent, EnrichableField field, int attempt) {
                this.agent = agent;
                this.field = field;
                this.attempt = attempt;
                this.prompt = FieldPrompts.prompt(field, agent);
                this.seed = FieldPrompts.seed(agent, field, attempt);
                this.parameters = parameters(prompt, options.model(), seed, maxTokens(field));
                this.key = Digests.sha256Hex(parameters);
            }

            TextPrompt request() {
                return new TextPrompt(options.model(), prompt.system(), prompt.user(), seed, TEMPERATURE, maxTokens(field), true);
            }

            Task retry() {
                return new Task(agent, field, attempt + 1);
            }
        }

        /** Enriches one chunk; the agents come back in the same order. */
        public List<EnrichedAgent> enrich(List<AgentProfile> agents) {
            Map<Long, Map<EnrichableField, Object>> values = new HashMap<>();
            Map<EnrichableField, List<Fallen>> fallen = new EnumMap<>(EnrichableField.class);
            List<Task> pending = new ArrayList<>();
            for (AgentProfile a : agents) for (EnrichableField f : options.orderedFields()) pending.add(new Task(a, f, 0));
            requested.addAndGet(pending.size());
            try {
                while (!pending.isEmpty()) pending = round(pending, values, fallen);
            } finally {
                if (!fallen.isEmpty()) auditFallbacks(fallen);
                report();
            }
            List<EnrichedAgent> out = new ArrayList<>(agents.size());
            for (AgentProfile a : agents) {
                AgentProfile p = a;
                Map<EnrichableField, Boolean> marks = new EnumMap<>(EnrichableField.class);
                Map<EnrichableField, Object> mine = values.getOrDefault(a.index(), Map.of());
                for (EnrichableField f : options.orderedFields()) {
                    Object v = mine.get(f);
                    marks.put(f, v != null);
                    if (v != null) p = f.apply(p, v);
                }
                out.add(new EnrichedAgent(p, marks));
            }
            return out;
        }

        /** Answers every pending task from the cache or the model; returns the retries. */
        private List<Task> round(List<Task> pending, Map<Long, Map<EnrichableField, Object>> values,
                                 Map<EnrichableField, List<Fallen>> fallen) {
            Map<String, CachedText> cached = options.mode() == Mode.REFRESH ? Map.of()
                    : cache.find(pending.stream().map(t -> t.key).toList());
            List<Task> retries = new ArrayList<>();
            List<Task> misses = new ArrayList<>();
            for (Task t : pending) {
                CachedText c = cached.get(t.key);
                if (c == null) {
                    misses.add(t);
                    continue;
                }
                hits.incrementAndGet();
                judge(t, c.response(), values, fallen, retries);
            }
            if (misses.isEmpty()) return retries;
            if (llm == null) {
                Task t = misses.get(0);
                throw new EnrichmentFailedException("agent " + t.agent.index() + " (" + t.agent.id() + ") field " + t.field.code()
                        + ": no cached answer for model " + options.model() + " and template " + t.prompt.template()
                        + (misses.size() > 1 ? " (and " + (misses.size() - 1) + " more fields in this chunk)" : "")
                        + "; --offline replays only what an earlier run cached: run once without --offline, or import the"
                        + " cache with 'azt3knet llm-cache import'");
            }
            List<Future<GeneratedText>> answers = new ArrayList<>(misses.size());
            for (Task t : misses) answers.add(requests.submit(() -> llm.generate(t.request())));
            List<CachedText> fresh = new ArrayList<>();
            EnrichmentFailedException failure = null;
            for (int i = 0; i < misses.size(); i++) {
                Task t = misses.get(i);
                try {
                    GeneratedText answer = await(answers.get(i));
                    calls.incrementAndGet();
                    fresh.add(new CachedText(t.key, options.model(), withFingerprint(t.parameters, answer.fingerprint()),
                            answer.content(), clock.instant()));
                    judge(t, answer.content(), values, fallen, retries);
                } catch (TextGenerationException e) {
                    calls.incrementAndGet();
                    if (options.fallback() == Fallback.OFFLINE) {
                        fall(t, e.getMessage(), fallen);
                    } else if (failure == null) {
                        failure = new EnrichmentFailedException("agent " + t.agent.index() + " (" + t.agent.id() + ") field "
                                + t.field.code() + ": " + e.getMessage()
                                + "; with --llm-fallback offline the offline values are kept and marked \"enriched\": false");
                    }
                }
            }
            // What was answered is kept even when the run stops, so the next run does not pay for it again.
            if (!fresh.isEmpty()) cache.put(fresh);
            if (failure != null) throw failure;
            return retries;
        }

        private void judge(Task t, String reply, Map<Long, Map<EnrichableField, Object>> values,
                           Map<EnrichableField, List<Fallen>> fallen, List<Task> retries) {
            ReplyCheck.Verdict verdict = ReplyCheck.check(t.field, t.agent, reply);
            if (verdict.accepted()) {
                values.computeIfAbsent(t.agent.index(), k -> new EnumMap<>(EnrichableField.class)).put(t.field, verdict.value());
            } else if (t.attempt + 1 < ATTEMPTS) {
                retries.add(t.retry());
            } else {
                fall(t, "rejected " + ATTEMPTS + " answers, the last because " + verdict.rejection(), fallen);
            }
        }

        private void fall(Task t, String reason, Map<EnrichableField, List<Fallen>> fallen) {
            fallbacks.incrementAndGet();
            fallen.computeIfAbsent(t.field, k -> new ArrayList<>()).add(new Fallen(t.agent.index(), reason));
        }

        private void auditFallbacks(Map<EnrichableField, List<Fallen>> fallen) {
            for (Map.Entry<EnrichableField, List<Fallen>> e : fallen.entrySet()) {
                List<Fallen> list = e.getValue();
                Map<String, String> details = new LinkedHashMap<>();
                details.put("field", e.getKey().code());
                details.put("model", options.model());
                details.put("count", Integer.toString(list.size()));
                details.put("agents", list.stream().limit(NAMED_AGENTS).map(f -> Long.toString(f.index()))
                        .collect(Collectors.joining(",")) + (list.size() > NAMED_AGENTS ? ",…" : ""));
                details.put("reason", list.get(0).reason());
                audit.append(new AuditEvent(options.actor(), "llm.fallback", "population:" + population, "offline", details));
            }
        }

        private void report() {
            options.progress().update(requested.get(), hits.get(), calls.get(), fallbacks.get());
        }

        /** The totals so far, for {@code agents} agents. */
        public EnrichmentReport report(long agents) {
            return new EnrichmentReport(agents, requested.get(), hits.get(), calls.get(), fallbacks.get());
        }

        /** Records the run in the audit trail: one entry, whatever its length. */
        public void audit(String outcome, long agents) {
            Map<String, String> details = new TreeMap<>();
            details.put("agents", Long.toString(agents));
            details.put("fields", options.orderedFields().stream().map(EnrichableField::code).collect(Collectors.joining(",")));
            details.put("model", options.model());
            details.put("server", llm == null ? "replay cache only" : llm.describe());
            details.put("mode", options.mode().name().toLowerCase(java.util.Locale.ROOT));
            details.put("requests", Long.toString(requested.get()));
            details.put("cache_hits", Long.toString(hits.get()));
            details.put("calls", Long.toString(calls.get()));
            details.put("fallbacks", Long.toString(fallbacks.get()));
            audit.append(new AuditEvent(options.actor(), "population.enrich", "population:" + population, outcome, details));
        }

        @Override
        public void close() {
            if (requests != null) requests.shutdownNow();
        }
    }

    private record Fallen(long index, String reason) {
    }

    /** Longer fields get more room; a reply that hits the limit is cut and then rejected as malformed. */
    static int maxTokens(EnrichableField field) {
        return field == EnrichableField.BIO ? 200 : 100;
    }

    /** The request's identity as canonical JSON: members sorted, no spaces. The cache key is its SHA-256. */
    static String parameters(FieldPrompt prompt, String model, long seed, int maxTokens) {
        ByteBuilder b = new ByteBuilder(256);
        b.ascii("{\"format\":\"json\",\"max_tokens\":").number(maxTokens)
         .ascii(",\"model\":").jsonString(model)
         .ascii(",\"prompt_sha256\":\"").ascii(prompt.hash())
         .ascii("\",\"seed\":").number(seed)
         .ascii(",\"temperature\":0,\"template\":").jsonString(prompt.template()).append('}');
        return new String(b.array(), 0, b.length(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The stored parameters: the identity plus the answering backend's fingerprint, which is not part of the key. */
    static String withFingerprint(String parameters, String fingerprint) {
        if (fingerprint == null) return parameters;
        ByteBuilder b = new ByteBuilder(parameters.length() + 64);
        b.utf8(parameters.substring(0, parameters.length() - 1)).ascii(",\"fingerprint\":").jsonString(fingerprint).append('}');
        return new String(b.array(), 0, b.length(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static <V> V await(Future<V> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnrichmentFailedException("enrichment interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }
}
