package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.azt3knet.ports.out.inbound.InboundMailbox;
import net.azt3knet.ports.out.inbound.InboundMailbox.Delivery;
import net.azt3knet.testkit.fakes.InMemoryAuditTrail;
import net.azt3knet.testkit.fixtures.SettableClock;
import org.junit.jupiter.api.Test;

/** Mail the gateway accepted for agents lands in their mailboxes the way webhook mail does. */
class DeliverLocalMailServiceTest {

    /** The mailbox store as the database keeps it: known addresses only, once per (recipient, Message-ID). */
    private static final class Mailboxes implements InboundMailbox {
        final Set<String> agents;
        final List<InboundMessage> kept = new ArrayList<>();

        Mailboxes(String... agents) {
            this.agents = Set.of(agents);
        }

        @Override
        public Delivery deliver(InboundMessage m) {
            if (!agents.contains(m.recipient())) return Delivery.UNKNOWN_RECIPIENT;
            if (kept.stream().anyMatch(k -> k.recipient().equals(m.recipient()) && k.messageId().equals(m.messageId()))) {
                return Delivery.DUPLICATE;
            }
            kept.add(m);
            return Delivery.STORED;
        }

        @Override
        public boolean knows(String address) {
            return agents.contains(address);
        }

        @Override
        public List<InboundMessage> messages(String recipient, int limit) {
            return kept.stream().filter(m -> m.recipient().equals(recipient)).limit(limit).toList();
        }
    }

    private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(clock);
    private final Mailboxes mailboxes = new Mailboxes("ada@pop.example.org", "bob@pop.example.org");
    private final DeliverLocalMailService local = new DeliverLocalMailService(mailboxes, new ReceiveInboundMailService(mailboxes, audit, clock));

    private static byte[] message(String headers) {
        return (headers + "\r\n\r\nHallo \u00e9\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anAgentsAddressIsLocalWhateverItsCaseAndOthersAreNot() {
        assertThat(local.isLocal("Ada@Pop.Example.org")).isTrue();
        assertThat(local.isLocal("eve@elsewhere.example")).isFalse();
        assertThat(local.isLocal(null)).isFalse();
    }

    @Test
    void eachRecipientGetsTheMessageOnceWithItsSubjectAndSenderAndAResendStoresNothing() {
        byte[] m = message("Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n and more\r\nMessage-ID: <1@client.example>\r\nFrom: x@example.net");

        assertThat(local.deliver("x@example.net", List.of("ada@pop.example.org", "BOB@pop.example.org"), m))
                .containsExactly(Delivery.STORED, Delivery.STORED);
        assertThat(local.deliver("x@example.net", List.of("ada@pop.example.org"), m)).containsExactly(Delivery.DUPLICATE);

        InboundMailbox.InboundMessage kept = mailboxes.messages("bob@pop.example.org", 10).getFirst();
        assertThat(kept.subject()).isEqualTo("=?utf-8?q?Gr=C3=BC=C3=9Fe?= and more");
        assertThat(kept.messageId()).isEqualTo("<1@client.example>");
        assertThat(kept.sender()).isEqualTo("x@example.net");
        assertThat(kept.source()).isEqualTo("smtp");
        assertThat(kept.payload()).isEqualTo(new String(m, StandardCharsets.UTF_8));
        List<String> actions = new ArrayList<>();
        audit.scan(e -> actions.add(e.event().action() + " " + e.event().target()));
        assertThat(actions).containsExactly("mail.inbound mailbox:ada@pop.example.org", "mail.inbound mailbox:bob@pop.example.org");
    }

    @Test
    void aMessageWithoutMessageIdIsKeptUnderItsDigestAndAHeaderInTheBodyIsNotRead() {
        byte[] m = ("From: x@example.net\r\n\r\nSubject: not a header\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(local.deliver("", List.of("ada@pop.example.org"), m)).containsExactly(Delivery.STORED);
        InboundMailbox.InboundMessage kept = mailboxes.messages("ada@pop.example.org", 1).getFirst();
        assertThat(kept.subject()).isNull();
        assertThat(kept.messageId()).startsWith("sha256:");
    }

    @Test
    void theAgentsMailIsReadBackByAddressAndByMessageIdAndAnUnknownAgentIsRefused() {
        local.deliver("x@example.net", List.of("ada@pop.example.org"), message("Subject: one\r\nMessage-ID: <1@x>"));
        local.deliver("x@example.net", List.of("ada@pop.example.org"), message("Subject: two\r\nMessage-ID: <2@x>"));

        assertThat(local.list("Ada@pop.example.org", 10)).extracting(InboundMailbox.InboundMessage::subject).containsExactly("one", "two");
        assertThat(local.show("ada@pop.example.org", "<2@x>").orElseThrow().subject()).isEqualTo("two");
        assertThat(local.show("ada@pop.example.org", "<3@x>")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> local.list("eve@elsewhere.example", 10))
                .hasMessage("--agent 'eve@elsewhere.example' is no stored agent's address; 'azt3knet agents list' shows them");
    }
}
