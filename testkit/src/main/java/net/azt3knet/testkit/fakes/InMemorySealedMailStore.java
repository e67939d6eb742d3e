package net.azt3knet.testkit.fakes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.azt3knet.ports.out.store.SealedMailStore;

/** {@link SealedMailStore} in memory: one map of rows a place, a row holding a box or (as kept by an earlier release) none. */
public final class InMemorySealedMailStore implements SealedMailStore {

    private final Map<Place, TreeMap<Long, byte[]>> places = new EnumMap<>(Place.class);
    private long next = 1;

    public InMemorySealedMailStore() {
        for (Place p : Place.values()) places.put(p, new TreeMap<>());
    }

    /** Keeps a box in {@code place}; returns its row's id. */
    public synchronized long keep(Place place, byte[] box) {
        long id = next++;
        places.get(place).put(id, box.clone());
        return id;
    }

    /** Keeps a row without a box, as an earlier release kept mail in the clear. */
    public synchronized long keepClear(Place place) {
        long id = next++;
        places.get(place).put(id, null);
        return id;
    }

    public synchronized void delete(Place place, long id) {
        places.get(place).remove(id);
    }

    /** The box row {@code id} of {@code place} holds now. */
    public synchronized byte[] box(Place place, long id) {
        byte[] b = places.get(place).get(id);
        return b == null ? null : b.clone();
    }

    @Override
    public synchronized List<Box> boxes(Place place, long after, int limit, long maxBytes) {
        if (limit < 1 || maxBytes < 1) throw new IllegalArgumentException("a page holds at least one box of at least one byte");
        List<Box> page = new ArrayList<>();
        long bytes = 0;
        for (Map.Entry<Long, byte[]> e : places.get(place).tailMap(after, false).entrySet()) {
            if (e.getValue() == null) continue;
            if (page.size() == limit || bytes >= maxBytes) break;
            page.add(new Box(e.getKey(), e.getValue().clone()));
            bytes += e.getValue().length;
        }
        return page;
    }

    @Override
    public synchronized int replace(Place place, List<Replacement> replacements) {
        TreeMap<Long, byte[]> rows = places.get(place);
        int replaced = 0;
        for (Replacement r : replacements) {
            byte[] now = rows.get(r.id());
            if (now != null && Arrays.equals(now, r.was())) {
                rows.put(r.id(), r.next().clone());
                replaced++;
            }
        }
        return replaced;
    }
}
