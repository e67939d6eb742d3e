package net.azt3knet.ports.in;

/** Enrichment stopped: the message names the agent and field, what failed, and what to do. */
public final class EnrichmentFailedException extends RuntimeException {

    public EnrichmentFailedException(String message) {
        super(message);
    }
}
