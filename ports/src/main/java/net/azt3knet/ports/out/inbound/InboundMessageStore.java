package net.azt3knet.ports.out.inbound;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import net.azt3knet.ports.out.inbound.InboundMailbox.Delivery;

/**
 * Driven port: the rows of the agents' mailbox store, whose subject and payload the caller seals. Sender and
 * recipient stay in the clear: listing selects by recipient, erasure by sender and recipient.
 */
public interface InboundMessageStore {

    /**
     * A message to keep: its envelope and its subject and payload as one sealed box.
     *
     * @param messageId  the idempotence key (see {@link InboundMailbox.InboundMessage})
     * @param recipient  the agent's address (lower case)
     * @param sender     envelope sender
     * @param source     the way it came
     * @param receivedAt when it arrived
     * @param box        subject and payload, sealed
     */
    record Sealed(String messageId, String recipient, String sender, String source, Instant receivedAt, byte[] box) {
        public Sealed {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(receivedAt, "receivedAt");
            Objects.requireNonNull(box, "box");
        }
    }

    /** What a stored row holds: a sealed box, or (rows written before content was sealed) subject and payload in the clear. */
    sealed interface Content permits Box, Clear {
    }

    /** Subject and payload, sealed. */
    record Box(byte[] sealed) implements Content {
    }

    /** Subject and payload as an earlier release stored them. */
    record Clear(String subject, String payload) implements Content {
    }

    /** One stored row; {@code id} names it for {@link #seal}. */
    record Kept(long id, String messageId, String recipient, String sender, String source, Instant receivedAt, Content content) {
    }

    /** Keeps {@code message} for a stored agent, once per recipient and Message-ID. */
    Delivery deliver(Sealed message);

    /** True when a stored agent has {@code address} (lower case). */
    boolean knows(String address);

    /** Rows kept for an address, newest last. */
    List<Kept> messages(String recipient, int limit);

    /** Up to {@code limit} rows still in the clear, oldest first. */
    List<Kept> clear(int limit);

    /** Replaces the clear subject and payload of row {@code id} with {@code box}; false when the row is gone or already sealed. */
    boolean seal(long id, byte[] box);
}
