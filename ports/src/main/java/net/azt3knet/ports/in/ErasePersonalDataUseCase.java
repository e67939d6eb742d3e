package net.azt3knet.ports.in;

import java.util.UUID;

/** Driving port: privacy — a GDPR erasure by address, and retention per population. */
public interface ErasePersonalDataUseCase {

    /** What was removed, per store. */
    record Erasure(String addressHash, long inbound, long queued, long replies) {
        public long total() {
            return inbound + queued + replies;
        }
    }

    /**
     * Deletes every stored message, queue entry and draft from or to {@code address}; the audit trail records only the
     * address's hash. Refused for an address of one of our agents (that is {@code mailboxes teardown}'s work).
     */
    Erasure eraseAddress(String address);

    /** Deletes the population's stored mail older than its retention ({@code AZT3KNET_MAIL_RETENTION_DAYS}). */
    Erasure applyRetention(UUID population, int days);
}
