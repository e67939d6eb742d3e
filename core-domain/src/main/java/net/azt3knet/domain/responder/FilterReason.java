package net.azt3knet.domain.responder;

import java.util.Locale;

/**
 * Why the responder answered a message or not; every decision is recorded with one of these and a detail. The word
 * ({@link #word()}) is what the queue, the CLI, the API and the metrics show.
 */
public enum FilterReason {
    /** Every filter passed: the message is answered. */
    ANSWER,
    /** {@code Auto-Submitted} other than {@code no} (RFC 3834 5). */
    AUTO_SUBMITTED,
    /** {@code Precedence: bulk|list|junk}. */
    PRECEDENCE,
    /** A {@code List-*} header: mailing-list traffic. */
    MAILING_LIST,
    /** Empty or null Return-Path: a bounce or other automatic mail. */
    NULL_RETURN_PATH,
    /** A delivery status notification or a message disposition notification. */
    DELIVERY_REPORT,
    /** {@code X-Auto-Response-Suppress} asks for no automatic reply. */
    AUTO_RESPONSE_SUPPRESSED,
    /** The agent is not among To or Cc (a Bcc, a list, a forward). */
    NOT_ADDRESSED,
    /** From one of our own agents while the policy does not allow agent-to-agent threads. */
    OWN_AGENT,
    /** The thread has had the policy's most replies. */
    THREAD_CAP,
    /** The sender is on the block list. */
    BLOCKED_SENDER,
    /** An allow list is set and the sender is not on it. */
    NOT_ALLOWED_SENDER,
    /** {@code Authentication-Results} says SPF, DKIM or DMARC failed. */
    AUTHENTICATION_FAILED,
    /** The spam score reached the policy's threshold. */
    SPAM,
    /** An attachment of a refused type (executables, scripts, archives of them). */
    ATTACHMENT_TYPE,
    /** An attachment above {@code MAX_ATTACHMENT_SIZE}. */
    ATTACHMENT_SIZE,
    /** This sender had the most replies per hour. */
    SENDER_HOURLY_CAP,
    /** All agents together had the most replies per hour ({@code MAX_EMAILS_PER_HOUR}). */
    GLOBAL_HOURLY_CAP,
    /** This sender was answered by this agent within the once-per period (Sieve vacation {@code :days}). */
    ANSWERED_RECENTLY,
    /** The day's model-token budget is spent. */
    TOKEN_BUDGET,
    /** The model's answer was refused by the safety check (leaks, foreign URLs, secrets). */
    UNSAFE_REPLY;

    /** Lower case with dashes: {@code auto-submitted}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The reason a word names. */
    public static FilterReason of(String word) {
        return valueOf(word.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
