package net.azt3knet.domain.responder;

/** What happens to a reply once written. */
public enum ReplyMode {
    /** Stored as a draft until an operator approves it (the default for a new population). */
    REVIEW,
    /** Sent at once. */
    AUTO
}
