package net.azt3knet.domain.responder;

import java.util.Objects;

/**
 * What the filters decided about one message.
 *
 * @param reason {@link FilterReason#ANSWER} when the message is to be answered, else why not
 * @param detail a short explanation without addresses or body text, e.g. {@code Auto-Submitted: auto-replied}
 */
public record FilterDecision(FilterReason reason, String detail) {
    public static final FilterDecision ANSWER = new FilterDecision(FilterReason.ANSWER, "every filter passed");

    public FilterDecision {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean answer() {
        return reason == FilterReason.ANSWER;
    }
}
