package net.azt3knet.ports.in;

import java.util.Map;
import java.util.UUID;

/**
 * Deleting a population that still has mailboxes at providers, without keeping them: deleting would forget which
 * mailboxes are the population's. The message says what to run in the CLI; the fields let other surfaces say it
 * their way.
 */
public final class PopulationHasMailboxesException extends RejectedCommandException {

    private final UUID population;
    private final Map<String, Long> held;

    public PopulationHasMailboxesException(UUID population, Map<String, Long> held) {
        super(message(population, held));
        this.population = population;
        this.held = Map.copyOf(held);
    }

    public UUID population() {
        return population;
    }

    /** Mailboxes per provider name. */
    public Map<String, Long> held() {
        return held;
    }

    private static String message(UUID id, Map<String, Long> held) {
        StringBuilder teardown = new StringBuilder();
        held.forEach((provider, n) -> teardown.append(teardown.isEmpty() ? "" : "; ")
                .append("azt3knet mailboxes teardown --population ").append(id).append(" --provider ").append(provider).append(" --yes"));
        return "population " + id + " still has " + held.values().stream().mapToLong(Long::longValue).sum() + " mailboxes at "
                + held + ": remove them first (" + teardown + "), or add --keep-mailboxes to leave them at the provider"
                + " ('recreate' can adopt them later)";
    }
}
