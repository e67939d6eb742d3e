package net.azt3knet.ports.out.email;

import java.time.Duration;
import java.util.List;
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

    /**
     * Never worth trying again (the recipient does not exist, the provider refused the content): the message bounces.
     *
     * @param unknownRecipients the recipients the provider said do not exist (hard bounces): they are suppressed
     */
    record PermanentFailure(String reason, List<String> unknownRecipients) implements DeliveryResult {
        public PermanentFailure {
            Objects.requireNonNull(reason, "reason");
            unknownRecipients = List.copyOf(unknownRecipients);
        }

        public PermanentFailure(String reason) {
            this(reason, List.of());
        }
    }
}
