package net.azt3knet.ports.out.responder;

import java.time.Instant;

/** Driven port: deleting stored mail for privacy — by age (retention) and by outside address (a GDPR request). */
public interface MailErasure {

    /** How many rows went from each store. */
    record Erased(long inbound, long queued, long replies) {
        public long total() {
            return inbound + queued + replies;
        }
    }

    /**
     * Deletes the population's kept mail, queue entries and replies older than {@code cutoff} (the inbound store's
     * messages for its agents included).
     */
    Erased olderThan(String population, Instant cutoff);

    /**
     * Deletes every stored message, queue entry and reply from or to {@code address} (lower case; matched in the
     * clear in the inbound store, by {@code addressHash} in the responder's tables).
     */
    Erased address(String address, String addressHash);
}
