package net.azt3knet.domain.generation;

/**
 * Uniqueness by construction, in index order: the n-th agent whose name gives the base {@code maria.garcia}
 * gets {@code maria.garcia}, then {@code maria.garcia2}, {@code maria.garcia3}, …
 *
 * <p>Bases never end in a digit, so (base, n) ↦ username is injective and no two agents can collide. The index
 * keeps only a 64-bit hash and a counter per base (12 bytes at most 3/4 load), which keeps 10 million agents well
 * within memory; two bases sharing a hash merely share a counter, which changes suffixes but never uniqueness.
 */
final class UsernameRegistry {

    private long[] keys;
    private int[] counts;
    private int size;

    UsernameRegistry(long expectedAgents) {
        int capacity = Integer.highestOneBit((int) Math.min(1 << 22, Math.max(16, expectedAgents * 4 / 3))) << 1;
        keys = new long[capacity];
        counts = new int[capacity];
    }

    /**
     * Counts one more agent whose username base has 64-bit hash {@code hash}: 1 for the first, 2 for the second, …
     * The username is the base for 1, else the base followed by the number.
     */
    int next(long hash) {
        long k = hash == 0 ? 1 : hash;
        int mask = keys.length - 1;
        for (int i = (int) (k ^ (k >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == k) return ++counts[i];
            if (keys[i] == 0) {
                keys[i] = k;
                counts[i] = 1;
                if (++size * 4L > keys.length * 3L) grow();
                return 1;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long k = oldKeys[j];
            if (k == 0) continue;
            int i = (int) (k ^ (k >>> 32)) & mask;
            while (keys[i] != 0) i = (i + 1) & mask;
            keys[i] = k;
            counts[i] = oldCounts[j];
        }
    }
}
