package net.azt3knet.domain.responder;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The rules one population's agents answer by. Sender patterns are an address ({@code a@b.example}), a domain
 * ({@code @b.example}, also matching its subdomains) or {@code *}.
 *
 * @param mode               review (drafts) or auto (send)
 * @param allowedSenders     when not empty, only these senders are answered ({@code ALLOWED_SENDERS})
 * @param blockedSenders     never answered ({@code BLOCKED_SENDERS})
 * @param agentToAgent       whether an agent answers another of our agents
 * @param threadCap          most replies in one thread, by all agents together
 * @param maxAttachmentBytes largest attachment answered ({@code MAX_ATTACHMENT_SIZE}, 10 MB)
 * @param senderPerHour      most replies to one sender per hour
 * @param perHour            most replies by all agents per hour ({@code MAX_EMAILS_PER_HOUR})
 * @param oncePer            one reply per sender and agent in this period (Sieve vacation {@code :days}); zero: no limit
 * @param dailyTokens        most model tokens per day, all agents together
 * @param spamThreshold      the spam score at which a message is not answered
 */
public record ReplyPolicy(ReplyMode mode, List<String> allowedSenders, List<String> blockedSenders, boolean agentToAgent,
                          int threadCap, long maxAttachmentBytes, int senderPerHour, int perHour, Duration oncePer,
                          long dailyTokens, double spamThreshold) {

    /** A new population's policy: review mode, no agent-to-agent threads, the reference's limits. */
    public static final ReplyPolicy DEFAULT = new ReplyPolicy(ReplyMode.REVIEW, List.of(), List.of(), false, 4,
            10L * 1024 * 1024, 5, 100, Duration.ofDays(1), 1_000_000, 5.0);

    public ReplyPolicy {
        Objects.requireNonNull(mode, "mode");
        allowedSenders = List.copyOf(allowedSenders);
        blockedSenders = List.copyOf(blockedSenders);
        Objects.requireNonNull(oncePer, "oncePer");
        if (threadCap < 0 || senderPerHour < 0 || perHour < 0 || maxAttachmentBytes < 0 || dailyTokens < 0) {
            throw new IllegalArgumentException("responder limits cannot be negative");
        }
    }
}
