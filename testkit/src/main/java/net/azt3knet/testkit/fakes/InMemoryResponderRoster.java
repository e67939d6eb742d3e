package net.azt3knet.testkit.fakes;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import net.azt3knet.domain.responder.ReplyPolicy;
import net.azt3knet.ports.out.responder.ResponderRoster;

/**
 * {@link ResponderRoster} in memory. {@code agentsOf} gives a population's agent addresses (empty for an unknown
 * population), as the stored population does for the PostgreSQL roster.
 */
public final class InMemoryResponderRoster implements ResponderRoster {

    private final Function<String, List<String>> agentsOf;
    private final TreeMap<String, Enabled> enabled = new TreeMap<>();
    private final Map<String, ReplyPolicy> policies = new HashMap<>();

    public InMemoryResponderRoster(Function<String, List<String>> agentsOf) {
        this.agentsOf = agentsOf;
    }

    private List<String> chosen(String population, List<String> agents) {
        List<String> all = agentsOf.apply(population);
        if (agents.isEmpty()) return all;
        for (String a : agents) {
            if (!all.contains(a)) {
                throw new IllegalArgumentException("agent " + a + " is not an agent of population " + population
                        + "; nothing was changed");
            }
        }
        return agents;
    }

    @Override
    public synchronized int enable(String population, List<String> agents, Instant at) {
        int added = 0;
        for (String a : chosen(population, agents)) {
            if (enabled.putIfAbsent(a, new Enabled(a, population, at)) == null) added++;
        }
        return added;
    }

    @Override
    public synchronized int disable(String population, List<String> agents) {
        int removed = 0;
        for (String a : chosen(population, agents)) {
            if (enabled.remove(a) != null) removed++;
        }
        return removed;
    }

    @Override
    public synchronized Optional<Enabled> enabled(String agent) {
        return Optional.ofNullable(enabled.get(agent));
    }

    @Override
    public synchronized List<Enabled> enabledAgents() {
        return List.copyOf(enabled.values());
    }

    @Override
    public synchronized Optional<ReplyPolicy> policy(String population) {
        return Optional.ofNullable(policies.get(population));
    }

    @Override
    public synchronized void setPolicy(String population, ReplyPolicy policy) {
        policies.put(population, policy);
    }
}
