package net.azt3knet.ports.out.responder;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.azt3knet.domain.responder.ReplyPolicy;

/** Driven port: which agents answer their mail, and each population's reply policy. Off unless enabled. */
public interface ResponderRoster {

    /** An agent that answers: its address (lower case) and population. */
    record Enabled(String agent, String population, Instant since) {
    }

    /** Enables {@code agents} of {@code population} (all of its agents when empty); returns how many were newly enabled. */
    int enable(String population, List<String> agents, Instant at);

    /** Disables {@code agents} of {@code population} (all when empty); returns how many were enabled before. */
    int disable(String population, List<String> agents);

    /** The enabled entry of {@code agent}, when it answers. */
    Optional<Enabled> enabled(String agent);

    /** Every enabled agent, ordered by address. */
    List<Enabled> enabledAgents();

    /** The population's policy once one was set (until then the configured defaults apply). */
    Optional<ReplyPolicy> policy(String population);

    void setPolicy(String population, ReplyPolicy policy);
}
