package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.inbound.InboundMailbox.Delivery;
import net.azt3knet.ports.out.inbound.InboundMailbox.InboundMessage;
import net.azt3knet.ports.out.inbound.InboundMessageStore.Box;
import net.azt3knet.ports.out.inbound.InboundMessageStore.Kept;
import net.azt3knet.testkit.fakes.InMemoryInboundMessageStore;
import net.azt3knet.testkit.fakes.TransparentCredentialCipher;
import org.junit.jupiter.api.Test;

class SealedInboundMailboxTest {

    private static final String ADA = "ada@pop.example.org";
    private static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");

    private final InMemoryInboundMessageStore store = new InMemoryInboundMessageStore(ADA);
    private final TransparentCredentialCipher key = new TransparentCredentialCipher();
    private final SealedInboundMailbox mailbox = new SealedInboundMailbox(store, () -> key);

    private static InboundMessage message(String id, String subject, String payload) {
        return new InboundMessage(id, ADA, "ana@outside.example", subject, "smtp", payload, AT);
    }

    private static CredentialCipher noKey() {
        throw new IllegalStateException("SECRET_KEY_FOR_KV_ENC is not set; create one with 'azt3knet keys generate'");
    }

    @Test
    void aMessageIsStoredAsOneBoxUnderTheMailboxContextAndReadsBackAsDelivered() {
        InboundMessage m = message("<1@x>", "hola, ¿qué tal?", "Subject: hola\r\n\r\nbody ünïcode\r\n");
        assertThat(mailbox.deliver(m)).isEqualTo(Delivery.STORED);
        assertThat(mailbox.deliver(m)).isEqualTo(Delivery.DUPLICATE);

        Kept row = store.rows().getFirst();
        byte[] box = ((Box) row.content()).sealed();
        assertThat(new String(box, StandardCharsets.UTF_8)).startsWith("mailbox.message:k-test:");
        assertThat(row.sender()).isEqualTo("ana@outside.example");
        assertThat(mailbox.messages(ADA, 10)).containsExactly(m);
    }

    @Test
    void aMessageWithoutSubjectOrWithAnEmptyOneKeepsTheDifference() {
        mailbox.deliver(message("<none@x>", null, "no subject"));
        mailbox.deliver(message("<empty@x>", "", ""));
        assertThat(mailbox.messages(ADA, 10)).extracting(InboundMessage::subject).containsExactly(null, "");
        assertThat(mailbox.messages(ADA, 10)).extracting(InboundMessage::payload).containsExactly("no subject", "");
    }

    @Test
    void rowsOfAnEarlierReleaseReadAsTheyWereAndThePassSealsEachOnceWithoutChangingWhatReads() {
        store.keepClear("<old@x>", ADA, "ana@outside.example", "old", "the old body", AT);
        store.keepClear("<older@x>", ADA, null, null, "no subject", AT);
        mailbox.deliver(message("<new@x>", "new", "new body"));
        var before = mailbox.messages(ADA, 10);
        assertThat(before).extracting(InboundMessage::subject).containsExactly("old", null, "new");

        assertThat(mailbox.sealStored()).isEqualTo(2);
        assertThat(store.rows()).allSatisfy(r -> assertThat(r.content()).isInstanceOf(Box.class));
        assertThat(mailbox.messages(ADA, 10)).isEqualTo(before);
        assertThat(mailbox.sealStored()).as("nothing left").isZero();
    }

    @Test
    void withoutAMasterKeyStoringAndReadingSealedMailIsRefusedNamingTheSettingWhileNothingElseNeedsIt() {
        AtomicInteger asked = new AtomicInteger();
        SealedInboundMailbox keyless = new SealedInboundMailbox(store, () -> {
            asked.incrementAndGet();
            return noKey();
        });
        assertThat(keyless.knows(ADA)).isTrue();
        assertThat(keyless.sealStored()).as("nothing in the clear: no key needed").isZero();
        store.keepClear("<old@x>", ADA, "ana@outside.example", "old", "the old body", AT);
        assertThat(keyless.messages(ADA, 10)).extracting(InboundMessage::subject).as("clear rows read without it").containsExactly("old");
        assertThat(asked).hasValue(0);

        assertThatThrownBy(() -> keyless.deliver(message("<1@x>", "s", "p"))).isInstanceOf(RejectedCommandException.class)
                .hasMessageContaining("needs the master key").hasMessageContaining("SECRET_KEY_FOR_KV_ENC is not set");
        assertThatThrownBy(keyless::sealStored).isInstanceOf(RejectedCommandException.class)
                .hasMessageContaining("SECRET_KEY_FOR_KV_ENC");
        assertThat(store.rows()).hasSize(1).allSatisfy(r -> assertThat(r.messageId()).isEqualTo("<old@x>"));
        mailbox.deliver(message("<1@x>", "s", "p"));
        assertThatThrownBy(() -> keyless.messages(ADA, 10)).isInstanceOf(RejectedCommandException.class)
                .hasMessageContaining("SECRET_KEY_FOR_KV_ENC");
    }

    @Test
    void aMessageSealedUnderAnotherKeyIsReportedNamingTheKeySettingAndStaysStored() {
        new SealedInboundMailbox(store, () -> new TransparentCredentialCipher("k-old")).deliver(message("<1@x>", "secret subject", "secret body"));

        assertThatThrownBy(() -> mailbox.messages(ADA, 10)).isInstanceOf(RejectedCommandException.class)
                .hasMessageContaining("cannot be opened with the master key in use (key k-test)")
                .hasMessageContaining("SECRET_KEY_FOR_KV_ENC")
                .message().doesNotContain("secret").doesNotContain("ana@outside");
        assertThat(store.rows()).hasSize(1);
    }
}
