package net.azt3knet.domain.responder;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * The checks every message passes before any model call, cheapest first, each failing with its {@link FilterReason}:
 * RFC 3834 (auto-submitted, precedence, lists, null return path, reports, suppression), addressing, own agents and
 * thread caps, allow and block lists, forged or failed authentication, a rule-based spam score, attachments, then the
 * hourly caps, once-per-period and the token budget. Pure and allocation-light: it runs in well under a millisecond.
 */
public final class ReplyFilters {

    private ReplyFilters() {
    }

    /**
     * The decision for {@code mail} received by {@code agent}.
     *
     * @param ownAgent true for an address of one of our agents
     * @param counts   what the store knows about earlier replies
     * @param now      the current time (for once-per-period)
     */
    public static FilterDecision screen(IncomingMail mail, String agent, ReplyPolicy policy, Predicate<String> ownAgent,
                                        ReplyCounts counts, Instant now) {
        throw new UnsupportedOperationException("skeleton: ReplyFilters.screen");
    }

    /** The rule-based spam score of {@code mail} (0 for clean mail; 5 and up is spam by default). */
    public static double spamScore(IncomingMail mail) {
        throw new UnsupportedOperationException("skeleton: ReplyFilters.spamScore");
    }
}
