package net.azt3knet.testkit.fakes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import net.azt3knet.ports.out.text.CachedText;
import net.azt3knet.ports.out.text.GeneratedTextCache;

/** {@link GeneratedTextCache} in a sorted map; counts lookups so tests can see that a replay asked nobody else. */
public final class InMemoryGeneratedTextCache implements GeneratedTextCache {

    private final TreeMap<String, CachedText> entries = new TreeMap<>();
    private long lookups;

    @Override
    public synchronized Map<String, CachedText> find(Collection<String> keys) {
        lookups += keys.size();
        Map<String, CachedText> found = new HashMap<>();
        for (String k : keys) {
            CachedText e = entries.get(k);
            if (e != null) found.put(k, e);
        }
        return found;
    }

    @Override
    public synchronized void put(Collection<CachedText> more) {
        for (CachedText e : more) entries.put(e.key(), e);
    }

    @Override
    public void each(Consumer<CachedText> each) {
        List<CachedText> copy;
        synchronized (this) {
            copy = new ArrayList<>(entries.values());
        }
        copy.forEach(each);
    }

    @Override
    public synchronized ImportReport importEntries(Collection<CachedText> incoming, boolean replace) {
        Map<String, CachedText> byKey = new HashMap<>();
        for (CachedText e : incoming) byKey.put(e.key(), e);
        long added = 0;
        long unchanged = 0;
        List<CachedText> conflicting = new ArrayList<>();
        for (CachedText e : byKey.values()) {
            CachedText old = entries.get(e.key());
            if (old == null) {
                entries.put(e.key(), e);
                added++;
            } else if (old.response().equals(e.response())) {
                unchanged++;
            } else {
                conflicting.add(e);
            }
        }
        if (replace) for (CachedText e : conflicting) entries.put(e.key(), e);
        return new ImportReport(added, unchanged, conflicting.size(), replace && !conflicting.isEmpty());
    }

    @Override
    public synchronized long size() {
        return entries.size();
    }

    /** How many keys were looked up so far. */
    public synchronized long lookups() {
        return lookups;
    }
}
