package net.azt3knet.testkit.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import net.azt3knet.ports.out.access.HashedSecretStore;

/** A {@link HashedSecretStore} in memory, keys and names unique as in the database. */
public class InMemoryHashedSecretStore<S extends HashedSecretStore.Stored> implements HashedSecretStore<S> {

    private final Map<String, S> byKey = new LinkedHashMap<>();
    private final BiFunction<S, Instant, S> revoked;

    /** @param revoked the same credential, revoked at that time */
    protected InMemoryHashedSecretStore(BiFunction<S, Instant, S> revoked) {
        this.revoked = revoked;
    }

    @Override
    public synchronized boolean add(S credential) {
        if (byKey.containsKey(credential.key()) || byKey.values().stream().anyMatch(s -> s.name().equals(credential.name()))) return false;
        byKey.put(credential.key(), credential);
        return true;
    }

    @Override
    public synchronized Optional<S> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    @Override
    public synchronized List<S> list() {
        List<S> all = new ArrayList<>(byKey.values());
        all.sort(Comparator.comparing(S::createdAt).thenComparing(S::name));
        return all;
    }

    @Override
    public synchronized boolean revoke(String name, Instant at) {
        for (S s : byKey.values()) {
            if (s.name().equals(name) && s.revokedAt() == null) {
                byKey.put(s.key(), revoked.apply(s, at));
                return true;
            }
        }
        return false;
    }
}
