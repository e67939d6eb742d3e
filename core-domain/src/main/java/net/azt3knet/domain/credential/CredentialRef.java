package net.azt3knet.domain.credential;

import java.util.Objects;
import java.util.UUID;

/**
 * Which credential: an agent of a population, at a rotation counter. It is the input of password derivation and
 * the associated data of the credential's encryption, so a ciphertext cannot be moved to another row.
 *
 * @param populationId the population
 * @param agentIndex   the agent's index in it
 * @param rotation     0 for the first password, +1 for each rotation
 */
public record CredentialRef(UUID populationId, long agentIndex, int rotation) {

    public CredentialRef {
        Objects.requireNonNull(populationId, "populationId");
        if (agentIndex < 0) throw new IllegalArgumentException("agentIndex must be >= 0, was " + agentIndex);
        if (rotation < 0) throw new IllegalArgumentException("rotation must be >= 0, was " + rotation);
    }

    /** 28 bytes: population id, index and rotation, big-endian. */
    public byte[] bytes() {
        byte[] b = new byte[28];
        put(b, 0, populationId.getMostSignificantBits(), 8);
        put(b, 8, populationId.getLeastSignificantBits(), 8);
        put(b, 16, agentIndex, 8);
        put(b, 24, rotation, 4);
        return b;
    }

    private static void put(byte[] b, int at, long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
