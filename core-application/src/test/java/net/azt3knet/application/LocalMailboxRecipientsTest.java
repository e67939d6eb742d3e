package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.azt3knet.ports.in.DeliverLocalMailUseCase;
import net.azt3knet.ports.out.inbound.InboundMailbox.Delivery;
import net.azt3knet.ports.out.mailbox.MailboxDirectory;
import net.azt3knet.ports.out.submission.LocalRecipients.Kind;
import org.junit.jupiter.api.Test;

/** Which recipients the gateway keeps mail for: agents with a mailbox on the embedded provider, nobody else. */
class LocalMailboxRecipientsTest {

    /** The embedded provider's mailboxes: ada and a leftover mailbox no agent owns, on pop.example.org. */
    private final MailboxDirectory directory = new MailboxDirectory() {
        @Override
        public boolean hasMailbox(String address) {
            return Set.of("ada@pop.example.org", "left@pop.example.org").contains(address.toLowerCase(Locale.ROOT));
        }

        @Override
        public boolean hasDomain(String domain) {
            return domain.equalsIgnoreCase("pop.example.org");
        }
    };

    /** Stored agents: ada (local) and cy, whose mailbox is on another provider. */
    private final List<List<String>> delivered = new ArrayList<>();
    private final DeliverLocalMailUseCase agents = new DeliverLocalMailUseCase() {
        @Override
        public boolean isLocal(String address) {
            return Set.of("ada@pop.example.org", "cy@hosted.example.org").contains(address);
        }

        @Override
        public List<Delivery> deliver(String sender, List<String> recipients, byte[] content) {
            delivered.add(recipients);
            return recipients.stream().map(r -> Delivery.STORED).toList();
        }
    };

    private final LocalMailboxRecipients local = new LocalMailboxRecipients(directory, agents);

    @Test
    void anAgentWithALocalMailboxIsLocalAndAnAgentOnAnotherProviderIsRemote() {
        assertThat(local.kind("Ada@POP.example.org ")).isEqualTo(Kind.LOCAL);
        assertThat(local.kind("cy@hosted.example.org")).as("provisioned elsewhere: not ours to keep").isEqualTo(Kind.REMOTE);
        assertThat(local.kind("someone@elsewhere.example")).isEqualTo(Kind.REMOTE);
    }

    @Test
    void anyOtherAddressOnALocalDomainIsUnknownAMailboxWithoutItsAgentToo() {
        assertThat(local.kind("nobody@pop.example.org")).isEqualTo(Kind.UNKNOWN);
        assertThat(local.kind("left@pop.example.org")).isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void deliveryGoesThroughTheAgentsMailboxesAndNothingIsAskedForNoRecipient() {
        local.deliver("x@elsewhere.example", List.of("ada@pop.example.org"), "Subject: hi\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        local.deliver("x@elsewhere.example", List.of(), new byte[0]);
        assertThat(delivered).containsExactly(List.of("ada@pop.example.org"));
    }
}
