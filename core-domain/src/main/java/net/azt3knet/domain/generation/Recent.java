package net.azt3knet.domain.generation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The values of the most recently used keys, for tables that are pure functions of their key: a hit returns what a
 * miss would build again. Thread-safe; a value is built outside the lock, so two threads may both build it once.
 */
final class Recent<K, V> {

    private final Map<K, V> values;

    Recent(int capacity) {
        this.values = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value for {@code key}, built by {@code build} if it is not among the recent ones; null values are not kept. */
    V get(K key, Function<K, V> build) {
        synchronized (values) {
            V v = values.get(key);
            if (v != null) return v;
        }
        V v = build.apply(key);
        if (v != null) {
            synchronized (values) {
                values.putIfAbsent(key, v);
            }
        }
        return v;
    }
}
