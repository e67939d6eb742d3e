package net.azt3knet.ports.out.spool;

import java.time.Instant;
import java.util.Optional;

/**
 * One spooled message without its content: what the queue commands list.
 *
 * @param size              the message's length in bytes, in the clear (also when it is stored sealed)
 * @param attempts          delivery attempts recorded so far ({@link MessageSpool#markSending})
 * @param nextAttemptAt     when a deferred message is due again
 * @param providerMessageId the provider's id once sent
 * @param lastError         why the last attempt failed (deferred or bounced)
 * @param holder            the process that holds or last held its lease ({@code host/pid})
 */
public record SpoolEntry(QueueId id, Envelope envelope, SpoolState state, int size, int attempts, Instant createdAt,
                         Instant updatedAt, Optional<Instant> nextAttemptAt, Optional<String> providerMessageId,
                         Optional<String> lastError, Optional<String> holder) {
}
