package net.azt3knet.domain.generation;

/**
 * The random numbers of one field of one agent: a SplitMix64 sequence started from (agent key, field key).
 * Mutable and reused by one worker to avoid allocation; never shared between threads.
 */
final class Draws {

    private long state;

    /** Starts the sequence of {@code field} for the agent with {@code agentKey}. */
    Draws of(long agentKey, long field) {
        state = Keys.mix(agentKey ^ field);
        return this;
    }

    long next() {
        state = Keys.next(state);
        return Keys.mix(state);
    }

    /** Uniform in [0, bound), bound ≤ 2^31 (multiply-shift, no modulo bias worth measuring at 32 bits). */
    int below(int bound) {
        return (int) (((next() >>> 32) * bound) >>> 32);
    }

    /** True with probability {@code p}. */
    boolean chance(double p) {
        return (next() >>> 11) * 0x1.0p-53 < p;
    }

    /** One draw from {@code table}. */
    int from(AliasTable table) {
        return table.draw(next());
    }
}
