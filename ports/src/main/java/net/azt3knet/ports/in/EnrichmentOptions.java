package net.azt3knet.ports.in;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import net.azt3knet.domain.enrichment.EnrichableField;

/**
 * How to enrich a population's free-text fields with a language model.
 *
 * @param fields      the fields to rewrite (at least one)
 * @param model       the model's name; part of every cache key, so replay needs it too
 * @param mode        how the replay cache is used
 * @param fallback    what a failing model means for the run
 * @param concurrency most requests in flight, 1 … {@value #MAX_CONCURRENCY}
 * @param actor       who asks, for the audit trail
 * @param progress    told of the counts as work is done (on any thread)
 */
public record EnrichmentOptions(Set<EnrichableField> fields, String model, Mode mode, Fallback fallback, int concurrency,
                                String actor, Progress progress) {

    public static final int MAX_CONCURRENCY = 256;

    /** Replay cache use. */
    public enum Mode {
        /** Use cached answers; ask the model on a miss and cache its answer. */
        LIVE,
        /** Cached answers only ({@code --offline}); a miss fails and names the agent and field. */
        REPLAY,
        /** Ask the model for every field and overwrite the cache. */
        REFRESH
    }

    /** When the model cannot answer (unreachable, unknown model, retries exhausted). */
    public enum Fallback {
        /** Stop with a message saying what failed. */
        FAIL,
        /** Keep the offline value, mark the field {@code enriched: false}, record it in the audit trail. */
        OFFLINE
    }

    /** Running totals: field requests, answered from cache, sent to the model, kept offline. */
    @FunctionalInterface
    public interface Progress {
        void update(long requests, long cacheHits, long calls, long fallbacks);
    }

    public EnrichmentOptions {
        fields = fields == null || fields.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fields));
        if (fields.isEmpty()) throw new IllegalArgumentException("choose at least one field to enrich");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(actor, "actor");
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be 1 to " + MAX_CONCURRENCY + ", was " + concurrency);
        }
        progress = progress != null ? progress : (r, h, c, f) -> { };
    }

    /** The fields in canonical (output) order. */
    public EnumSet<EnrichableField> orderedFields() {
        return EnumSet.copyOf(fields);
    }
}
