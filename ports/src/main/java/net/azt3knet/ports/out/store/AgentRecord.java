package net.azt3knet.ports.out.store;

import java.util.Objects;
import java.util.UUID;
import net.azt3knet.domain.credential.SealedCredential;

/**
 * One agent as stored: its canonical JSON profile plus the columns looked up by, and its mailbox credential.
 *
 * @param index       index in the population
 * @param agentId     the agent's id
 * @param username    unique username
 * @param email       address, unique across the store
 * @param profileJson the canonical JSON of the profile (UTF-8), byte-identical to {@code populate}'s output
 * @param credential  the mailbox password, encrypted; {@code null} when read without credentials
 * @param rotation    rotation counter of the credential
 */
public record AgentRecord(long index, UUID agentId, String username, String email, byte[] profileJson,
                          SealedCredential credential, int rotation) {

    public AgentRecord {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(profileJson, "profileJson");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentRecord a && index == a.index && agentId.equals(a.agentId) && username.equals(a.username)
                && email.equals(a.email) && java.util.Arrays.equals(profileJson, a.profileJson)
                && Objects.equals(credential, a.credential) && rotation == a.rotation;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + agentId.hashCode();
    }

    @Override
    public String toString() {
        return "AgentRecord[index=" + index + ", email=" + email + "]";
    }
}
