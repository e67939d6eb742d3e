package net.azt3knet.ports.out.responder;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.azt3knet.domain.responder.ReplyCounts;

/**
 * Driven port: the replies the responder wrote, drafts and sent alike; what the caps count. The content (the complete
 * RFC 5322 reply) is stored as given: the caller encrypts it.
 */
public interface ReplyStore {

    /** A reply's life: a draft waits for review; approved and auto replies are {@code SENT} (handed to the spool). */
    enum State { DRAFT, REJECTED, SENT }

    /**
     * @param mailId        the queue entry answered
     * @param recipientHash SHA-256 hex of the lower-case address answered
     * @param tokens        model tokens spent on it
     * @param queueId       the SMTP spool's queue id once handed over
     */
    record NewReply(long mailId, String agent, String population, String recipientHash, String threadId, String subject,
                    State state, long tokens, byte[] content, Optional<String> queueId, Instant createdAt) {
        public NewReply {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(population, "population");
            Objects.requireNonNull(recipientHash, "recipientHash");
            Objects.requireNonNull(threadId, "threadId");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(queueId, "queueId");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    record Reply(long id, long mailId, String agent, String population, String recipientHash, String threadId,
                 String subject, State state, long tokens, byte[] content, Optional<String> queueId, Instant createdAt,
                 Optional<Instant> decidedAt) {
    }

    /** Which replies a listing shows (newest first, ids below {@code before}); empty fields match all. */
    record Filter(Optional<State> state, Optional<String> agent, Optional<String> population, Optional<Long> before, int limit) {
    }

    Reply add(NewReply reply);

    Optional<Reply> find(long id);

    List<Reply> list(Filter filter);

    /**
     * Moves a {@code DRAFT} to {@code REJECTED} or {@code SENT} (with its queue id); false when it is not a draft
     * (someone decided first).
     */
    boolean decide(long id, State to, Optional<String> queueId, Instant at);

    /** The counts the filters need for a message from {@code senderHash} to {@code agent} in {@code threadId}. */
    ReplyCounts counts(String agent, String senderHash, String threadId, Instant now);
}
