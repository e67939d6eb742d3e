package net.azt3knet.ports.out.email;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What one delivery attempt came to. */
public sealed interface DeliveryResult {

    /** The provider took the message; {@code providerMessageId} is its id (for threading and reconciling). */
    record Sent(String providerMessageId) implements DeliveryResult {
        public Sent {
            Objects.requireNonNull(providerMessageId, "providerMessageId");
        }
    }

    /** Worth trying again (a timeout, 429, 5xx, 4xx SMTP reply); {@code retryAfter} when the provider said how long to wait. */
    record TransientFailure(String reason, Optional<Duration> retryAfter) implements DeliveryResult {
        public TransientFailure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** Never worth trying again (the recipient does not exist, the provider refused the content): the message bounces. */
    record PermanentFailure(String reason) implements DeliveryResult {
        public PermanentFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
