package net.azt3knet.ports.out.text;

import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Driven port: the replay cache of model answers, keyed by everything that shaped the request. It is what makes
 * enrichment reproducible: the same keys give the same answers without asking the model again.
 *
 * <p>Failures of the underlying store surface as {@code net.azt3knet.ports.out.store.PopulationStoreException}.
 */
public interface GeneratedTextCache {

    /** The entries stored under any of {@code keys}, by key; keys not stored are absent. */
    Map<String, CachedText> find(Collection<String> keys);

    /** Stores {@code entries}, replacing entries with the same key. */
    void put(Collection<CachedText> entries);

    /** Hands every entry to {@code each}, in key order. */
    void each(Consumer<CachedText> each);

    /**
     * Adds {@code entries} in one transaction. An entry whose key is stored with the same answer is left alone; one
     * whose key is stored with a different answer is a conflict, replaced only when {@code replace} is true.
     */
    ImportReport importEntries(Collection<CachedText> entries, boolean replace);

    /** How many entries are stored. */
    long size();

    /** What an import did. */
    record ImportReport(long added, long unchanged, long conflicting, boolean replaced) {
    }
}
