package net.azt3knet.testkit.fakes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import net.azt3knet.domain.audit.AuditEvent;
import net.azt3knet.domain.credential.CredentialRef;
import net.azt3knet.ports.out.store.AgentFeed;
import net.azt3knet.ports.out.store.AgentRecord;
import net.azt3knet.ports.out.store.CredentialStore;
import net.azt3knet.ports.out.store.PopulationConflictException;
import net.azt3knet.ports.out.store.PopulationRecord;
import net.azt3knet.ports.out.store.PopulationStore;
import net.azt3knet.ports.out.store.PopulationStoreException;
import net.azt3knet.ports.out.store.StoredCredential;

/** {@link PopulationStore} and {@link CredentialStore} in memory: a save builds aside and swaps in, so it is atomic. */
public final class InMemoryPopulationStore implements PopulationStore, CredentialStore {

    private final InMemoryAuditTrail audit;
    private final Map<UUID, PopulationRecord> populations = new LinkedHashMap<>();
    private final Map<UUID, List<AgentRecord>> agents = new HashMap<>();
    private final Map<String, UUID> addresses = new HashMap<>();

    public InMemoryPopulationStore(InMemoryAuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public synchronized void save(PopulationRecord p, AgentFeed feed, AuditEvent event) {
        if (populations.containsKey(p.id())) {
            throw new PopulationConflictException("population " + p.id() + " is already stored (same spec and seed)");
        }
        List<AgentRecord> pending = new ArrayList<>();
        feed.feed(pending::addAll);
        if (pending.size() != p.agents()) {
            throw new PopulationStoreException("the population announced " + p.agents() + " agents but " + pending.size()
                    + " were produced; nothing was stored");
        }
        for (AgentRecord a : pending) {
            UUID owner = addresses.get(a.email());
            if (owner != null) {
                throw new PopulationConflictException("an address of population " + p.id() + " already belongs to a stored"
                        + " population (" + a.email() + " in " + owner + "); nothing was stored");
            }
        }
        populations.put(p.id(), p);
        agents.put(p.id(), pending);
        for (AgentRecord a : pending) addresses.put(a.email(), p.id());
        audit.append(event);
    }

    @Override
    public synchronized Optional<PopulationRecord> find(UUID id) {
        return Optional.ofNullable(populations.get(id));
    }

    @Override
    public synchronized List<PopulationRecord> list() {
        return populations.values().stream()
                .sorted(java.util.Comparator.comparing(PopulationRecord::createdAt).thenComparing(PopulationRecord::id))
                .toList();
    }

    @Override
    public synchronized long agents(UUID population, long offset, long limit, boolean withCredentials, Consumer<AgentRecord> each) {
        long n = 0;
        for (AgentRecord a : agents.getOrDefault(population, List.of())) {
            if (a.index() < offset || n >= limit) continue;
            each.accept(withCredentials ? a : new AgentRecord(a.index(), a.agentId(), a.username(), a.email(), a.profileJson(), null, 0));
            n++;
        }
        return n;
    }

    @Override
    public synchronized boolean delete(UUID id, AuditEvent event) {
        if (populations.remove(id) == null) return false;
        for (AgentRecord a : agents.remove(id)) addresses.remove(a.email());
        audit.append(event);
        return true;
    }

    @Override
    public synchronized long credentials(UUID population, Consumer<StoredCredential> each) {
        long n = 0;
        for (AgentRecord a : agents.getOrDefault(population, List.of())) {
            if (a.credential() == null) continue;
            each.accept(stored(population, a));
            n++;
        }
        return n;
    }

    @Override
    public synchronized long reseal(String newKeyId, UnaryOperator<StoredCredential> reseal, AuditEvent event) {
        Map<UUID, List<AgentRecord>> next = new HashMap<>();
        long count = 0;
        for (Map.Entry<UUID, List<AgentRecord>> e : agents.entrySet()) {
            List<AgentRecord> list = new ArrayList<>();
            for (AgentRecord a : e.getValue()) {
                if (a.credential() != null && !a.credential().keyId().equals(newKeyId)) {
                    StoredCredential s = reseal.apply(stored(e.getKey(), a));
                    a = new AgentRecord(a.index(), a.agentId(), a.username(), a.email(), a.profileJson(), s.sealed(), a.rotation());
                    count++;
                }
                list.add(a);
            }
            next.put(e.getKey(), list);
        }
        agents.putAll(next); // only after every credential was resealed: all or nothing
        audit.append(event.withDetail("credentials", Long.toString(count)));
        return count;
    }

    @Override
    public synchronized List<String> keyIds() {
        // as the port says: one credential of each population (its first agent's)
        return agents.values().stream().flatMap(list -> list.stream().filter(a -> a.credential() != null).limit(1))
                .map(a -> a.credential().keyId()).distinct().sorted().toList();
    }

    @Override
    public synchronized long countNotUnder(String keyId) {
        return agents.values().stream().flatMap(List::stream)
                .filter(a -> a.credential() != null && !a.credential().keyId().equals(keyId)).count();
    }

    @Override
    public synchronized void replace(StoredCredential next, AuditEvent event) {
        List<AgentRecord> list = agents.get(next.ref().populationId());
        long index = next.ref().agentIndex();
        if (list == null || index >= list.size() || list.get((int) index).credential() == null) {
            throw new PopulationStoreException("agent " + index + " of population " + next.ref().populationId() + " has no stored credential");
        }
        AgentRecord a = list.get((int) index);
        list.set((int) index, new AgentRecord(a.index(), a.agentId(), a.username(), a.email(), a.profileJson(), next.sealed(),
                next.ref().rotation()));
        audit.append(event);
    }

    @Override
    public synchronized java.util.Optional<StoredCredential> mailboxOf(String email) {
        for (Map.Entry<UUID, List<AgentRecord>> e : agents.entrySet()) {
            for (AgentRecord a : e.getValue()) {
                if (a.credential() != null && a.email().equalsIgnoreCase(email)) return java.util.Optional.of(stored(e.getKey(), a));
            }
        }
        return java.util.Optional.empty();
    }

    private static StoredCredential stored(UUID population, AgentRecord a) {
        return new StoredCredential(new CredentialRef(population, a.index(), a.rotation()), a.email(), a.username(), a.credential());
    }
}
