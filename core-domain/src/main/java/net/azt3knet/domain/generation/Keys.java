package net.azt3knet.domain.generation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Keyed derivation: every random value is a function of (population key, agent index, field key), never of a
 * shared stream, so adding a field, changing the thread count or growing the count leaves other values alone.
 */
final class Keys {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Keys() {
    }

    /** 64 bits of SHA-256 over the epoch and seed: the root of every value in a population. */
    static long population(int epoch, String seed) {
        byte[] digest = sha256(("azt3knet/epoch/" + epoch + "/seed/" + seed).getBytes(StandardCharsets.UTF_8));
        long key = 0;
        for (int i = 0; i < 8; i++) key = (key << 8) | (digest[i] & 0xFF);
        return key;
    }

    /** The key of agent {@code index}: a bijection of the index for a given population key. */
    static long agent(long populationKey, long index) {
        return mix(populationKey + (index + 1) * GOLDEN);
    }

    /** An agent's key within its country (epoch 2 on): a bijection of the agent key for a given country key. */
    static long country(long agentKey, long countryKey) {
        return mix(agentKey ^ countryKey);
    }

    /** The key of a country, from its ISO code: stable as long as the code is. */
    static long countryOf(String code) {
        return field("country/" + code);
    }

    /** The key of a field, from its name (FNV-1a, then mixed): stable as long as the name is. */
    static long field(String name) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001B3L;
        }
        return mix(h);
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * 64-bit hash of the first {@code n} bytes of {@code s} (username bases), eight bytes at a time. The bytes of
     * {@code s} from {@code n} up to the next multiple of eight must be zero (drafts' buffers are).
     */
    static long text(byte[] s, int n) {
        long h = n * GOLDEN;
        for (int i = 0; i < n; i += 8) h = mix(h ^ (long) LONGS.get(s, i)) + GOLDEN;
        return mix(h);
    }

    /** SplitMix64's finaliser (Stafford variant 13): a bijective avalanche mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long next(long state) {
        return state + GOLDEN;
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
