package net.azt3knet.domain.mailbox;

import java.util.Objects;

/**
 * The mailbox (or sender identity) one agent should have.
 *
 * @param agentIndex  the agent's index in its population
 * @param address     the agent's address, on the population's domain
 * @param displayName the name shown in mail headers
 * @param rotation    the rotation of the agent's current password
 */
public record DesiredMailbox(long agentIndex, String address, String displayName, int rotation) {

    public DesiredMailbox {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(displayName, "displayName");
    }
}
