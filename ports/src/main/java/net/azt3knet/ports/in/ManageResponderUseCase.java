package net.azt3knet.ports.in;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.azt3knet.domain.responder.ReplyPolicy;

/**
 * Driving port: the operator's controls over the AI responder — who answers and by which policy, the queue of
 * received mail, and the drafts awaiting review. Every change is audited; addresses of outside senders appear only
 * as hashes.
 */
public interface ManageResponderUseCase {

    /** The most a listing holds. */
    int MAX = 1000;

    /** A population's responder state. */
    record Status(UUID population, int enabledAgents, ReplyPolicy policy, Map<String, Long> queue, long drafts) {
    }

    /**
     * One received message in the queue, without content.
     *
     * @param outcome the filter decision's word once decided ({@code answer}, {@code mailing-list}, …)
     */
    record QueueItem(long id, String agent, String source, String state, int attempts, Optional<String> outcome,
                     Optional<String> detail, Instant receivedAt, Optional<Instant> nextAttemptAt) {
    }

    /** A reply, with its text when shown ({@code text} and {@code html} empty in listings). */
    record Draft(long id, long mailId, String agent, String to, String subject, String state, long tokens,
                 Optional<String> queueId, Instant createdAt, Optional<Instant> decidedAt, String text, String html) {
    }

    /** Enables the responder for the population's agents (all when {@code agents} is empty); returns how many. */
    int enable(UUID population, List<String> agents);

    int disable(UUID population, List<String> agents);

    Status status(UUID population);

    /** Replaces the population's policy; the old one is in the audit trail. */
    ReplyPolicy setPolicy(UUID population, ReplyPolicy policy);

    /** The newest entries (state {@code pending|processing|completed|failed} or all when empty), ids below {@code before}. */
    List<QueueItem> queue(Optional<String> state, Optional<String> agent, Optional<Long> before, int limit);

    /** Puts a failed or completed entry back in the queue; refused when there is none or it is being processed. */
    QueueItem retry(long id);

    /** Deletes an entry that is not being processed. */
    void drop(long id);

    /** Replies by state ({@code draft|rejected|sent}, all when empty), newest first. */
    List<Draft> drafts(Optional<String> state, Optional<String> agent, Optional<Long> before, int limit);

    /** One reply with its text and HTML, decrypted. */
    Optional<Draft> draft(long id);

    /** Sends a draft (hands it to the gateway's spool); refused when it is no longer a draft. */
    Draft approve(long id);

    Draft reject(long id);
}
