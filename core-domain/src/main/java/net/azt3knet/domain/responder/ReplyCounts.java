package net.azt3knet.domain.responder;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the stateful filters need to know, read from the reply store before the filters run (drafts count: a reply
 * written is a reply spent, approved or not).
 *
 * @param senderLastHour   replies to this sender, by any agent, in the last hour
 * @param allLastHour      replies by every agent in the last hour
 * @param lastToSender     when this agent last answered this sender
 * @param threadReplies    replies in this thread by any agent
 * @param tokensToday      model tokens spent since midnight UTC
 */
public record ReplyCounts(long senderLastHour, long allLastHour, Optional<Instant> lastToSender, long threadReplies,
                          long tokensToday) {
    public static final ReplyCounts NONE = new ReplyCounts(0, 0, Optional.empty(), 0, 0);

    public ReplyCounts {
        Objects.requireNonNull(lastToSender, "lastToSender");
    }
}
