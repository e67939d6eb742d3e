package net.azt3knet.testkit.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.ports.out.access.ApiTokenStore;

/** {@link ApiTokenStore} in memory, ids and names unique as in the database. */
public final class InMemoryApiTokenStore implements ApiTokenStore {

    private final Map<String, StoredToken> byId = new LinkedHashMap<>();

    @Override
    public synchronized boolean add(StoredToken token) {
        if (byId.containsKey(token.id()) || byId.values().stream().anyMatch(t -> t.name().equals(token.name()))) return false;
        byId.put(token.id(), token);
        return true;
    }

    @Override
    public synchronized Optional<StoredToken> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<StoredToken> list() {
        List<StoredToken> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(StoredToken::createdAt).thenComparing(StoredToken::name));
        return all;
    }

    @Override
    public synchronized boolean revoke(String name, Instant at) {
        for (StoredToken t : byId.values()) {
            if (t.name().equals(name) && t.revokedAt() == null) {
                byId.put(t.id(), new StoredToken(t.id(), t.name(), t.role(), t.hash(), t.createdAt(), at));
                return true;
            }
        }
        return false;
    }
}
