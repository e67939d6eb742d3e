package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.azt3knet.ports.out.inbound.InboundMailbox.Delivery;
import net.azt3knet.ports.out.inbound.InboundMessageStore;
import net.azt3knet.ports.out.inbound.InboundMessageStore.Box;
import net.azt3knet.ports.out.inbound.InboundMessageStore.Clear;
import net.azt3knet.ports.out.inbound.InboundMessageStore.Kept;
import net.azt3knet.ports.out.inbound.InboundMessageStore.Sealed;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InboundMessageStore} must do: keep a sealed box once per recipient and Message-ID for stored agents
 * only, give rows of earlier releases back in the clear, and seal those in place exactly once.
 */
public interface InboundMessageStoreContract {

    /** The store, empty, with {@link #agent()} among its stored agents. */
    InboundMessageStore store();

    /** A stored agent's address (lower case). */
    String agent();

    /** Puts a row as an earlier release wrote it: subject and payload in the clear. */
    void keepClear(String messageId, String recipient, String sender, String subject, String payload, Instant receivedAt);

    Instant AT = Instant.parse("2026-06-01T12:00:00Z");

    private static byte[] box(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    default void aBoxIsKeptOncePerRecipientAndMessageIdAndOnlyForAStoredAgent() {
        InboundMessageStore s = store();
        Sealed first = new Sealed("<1@x>", agent(), "ana@outside.example", "smtp", AT, box("one"));
        assertThat(s.deliver(first)).isEqualTo(Delivery.STORED);
        assertThat(s.deliver(new Sealed("<1@x>", agent(), "ana@outside.example", "smtp", AT, box("again"))))
                .isEqualTo(Delivery.DUPLICATE);
        assertThat(s.deliver(new Sealed("<2@x>", "nobody@elsewhere.example", "ana@outside.example", "smtp", AT, box("two"))))
                .isEqualTo(Delivery.UNKNOWN_RECIPIENT);
        assertThat(s.deliver(new Sealed("<3@x>", agent(), null, "mailjet", AT.plusSeconds(1), box("three"))))
                .isEqualTo(Delivery.STORED);
        assertThat(s.knows(agent())).isTrue();
        assertThat(s.knows("nobody@elsewhere.example")).isFalse();

        List<Kept> kept = s.messages(agent(), 10);
        assertThat(kept).extracting(Kept::messageId).containsExactly("<1@x>", "<3@x>");
        assertThat(((Box) kept.get(0).content()).sealed()).isEqualTo(box("one"));
        assertThat(kept.get(0).sender()).isEqualTo("ana@outside.example");
        assertThat(kept.get(0).receivedAt()).isEqualTo(AT);
        assertThat(kept.get(1).sender()).isNull();
        assertThat(s.messages(agent(), 1)).extracting(Kept::messageId).as("the newest").containsExactly("<3@x>");
        assertThat(s.clear(10)).isEmpty();
    }

    @Test
    default void aRowOfAnEarlierReleaseReadsInTheClearUntilItIsSealedInPlaceOnce() {
        InboundMessageStore s = store();
        keepClear("<old@x>", agent(), "ana@outside.example", "hello", "the old body", AT);
        keepClear("<nosubject@x>", agent(), null, null, "no subject", AT.plusSeconds(1));
        s.deliver(new Sealed("<new@x>", agent(), "ana@outside.example", "smtp", AT.plusSeconds(2), box("new")));

        List<Kept> clear = s.clear(10);
        assertThat(clear).extracting(Kept::messageId).containsExactly("<old@x>", "<nosubject@x>");
        assertThat(clear.get(0).content()).isEqualTo(new Clear("hello", "the old body"));
        assertThat(clear.get(1).content()).isEqualTo(new Clear(null, "no subject"));
        assertThat(s.clear(1)).extracting(Kept::messageId).containsExactly("<old@x>");

        assertThat(s.seal(clear.get(0).id(), box("sealed old"))).isTrue();
        assertThat(s.seal(clear.get(0).id(), box("twice"))).as("already sealed").isFalse();
        assertThat(s.seal(Long.MAX_VALUE, box("gone"))).isFalse();
        List<Kept> kept = s.messages(agent(), 10);
        assertThat(kept).extracting(Kept::messageId).containsExactly("<old@x>", "<nosubject@x>", "<new@x>");
        assertThat(((Box) kept.get(0).content()).sealed()).isEqualTo(box("sealed old"));
        assertThat(kept.get(0).sender()).isEqualTo("ana@outside.example");
        assertThat(kept.get(0).receivedAt()).isEqualTo(AT);
        assertThat(s.clear(10)).extracting(Kept::messageId).containsExactly("<nosubject@x>");
    }
}
