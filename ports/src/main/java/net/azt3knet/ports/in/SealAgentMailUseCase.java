package net.azt3knet.ports.in;

/** Driving port: seals the agents' mail that earlier releases kept in the clear ({@code serve} runs it at start). */
public interface SealAgentMailUseCase {

    /**
     * Seals every message still in the clear, in batches; each row is rewritten in place, so a pass cut short loses
     * nothing and the next one goes on.
     *
     * @return how many messages were sealed
     * @throws RejectedCommandException when there is mail to seal and no master key
     */
    long sealStored();
}
