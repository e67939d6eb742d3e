package net.azt3knet.application;

import static net.azt3knet.testkit.contracts.MessageSpoolContract.aMessage;
import static net.azt3knet.testkit.contracts.MessageSpoolContract.anEnvelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import net.azt3knet.ports.out.crypto.CredentialCipher;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.MessageSpool.Change;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpoolEntry;
import net.azt3knet.ports.out.spool.SpoolQuery;
import net.azt3knet.ports.out.spool.SpoolState;
import net.azt3knet.ports.out.spool.SpooledMessage;
import net.azt3knet.testkit.contracts.MessageSpoolContract;
import net.azt3knet.testkit.fakes.InMemoryMessageSpool;
import net.azt3knet.testkit.fakes.TransparentCredentialCipher;
import net.azt3knet.testkit.fixtures.SettableClock;
import org.junit.jupiter.api.Test;

/** The sealing spool keeps the spool's contract, and what lies under it holds only sealed content. */
class SealedMessageSpoolTest implements MessageSpoolContract {

    private static final Duration LEASE = Duration.ofSeconds(60);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryMessageSpool stored = new InMemoryMessageSpool(clock);
    private final CredentialCipher key = new TransparentCredentialCipher("k-current");
    private final AtomicInteger keyAsked = new AtomicInteger();
    private final Supplier<CredentialCipher> current = () -> {
        keyAsked.incrementAndGet();
        return key;
    };
    private final MessageSpool spool = new SealedMessageSpool(stored, current, clock);

    @Override
    public MessageSpool process(String name) {
        return new SealedMessageSpool(stored.process(name), current, clock);
    }

    @Override
    public SettableClock clock() {
        return clock;
    }

    @Test
    void aMessageIsStoredSealedForTheSpoolAtItsSizeInTheClearAndComesBackAsAccepted() {
        byte[] mail = aMessage("sealed one");
        QueueId id = spool.store(anEnvelope("x@example.net"), mail);

        SpooledMessage underneath = stored.find(id).orElseThrow();
        assertThat(underneath.sealed()).isTrue();
        assertThat(underneath.content()).isEqualTo(key.sealContent(SealedMessageSpool.CONTEXT, mail));
        assertThat(underneath.entry().size()).isEqualTo(mail.length);
        assertThat(underneath.envelope()).as("the envelope stays queryable").isEqualTo(anEnvelope("x@example.net"));

        SpooledMessage found = spool.find(id).orElseThrow();
        assertThat(found.sealed()).isFalse();
        assertThat(found.content()).isEqualTo(mail);
        SpooledMessage claimed = spool.claim(1, LEASE).get(0);
        assertThat(claimed.content()).isEqualTo(mail);
        assertThat(claimed.sealed()).isFalse();
    }

    @Test
    void aMessageSpooledInTheClearByAnEarlierReleaseIsReadAsItIsWithoutTheKey() {
        byte[] legacy = aMessage("from before");
        QueueId id = stored.store(anEnvelope("old@example.net"), legacy);
        keyAsked.set(0);

        assertThat(spool.find(id).orElseThrow().content()).isEqualTo(legacy);
        SpooledMessage claimed = spool.claim(1, LEASE).get(0);
        assertThat(claimed.id()).isEqualTo(id);
        assertThat(claimed.content()).isEqualTo(legacy);
        assertThat(keyAsked).as("nothing to open").hasValue(0);
    }

    @Test
    void aMessageSealedUnderAnotherKeyIsDeferredNamingTheVariableNeverSentNorBouncedAndRelaysOnceTheKeyIsBack() {
        MessageSpool before = new SealedMessageSpool(stored, () -> new TransparentCredentialCipher("k-old"), clock);
        QueueId old = before.store(anEnvelope("kept@example.net"), aMessage("under the old key"));
        QueueId fresh = spool.store(anEnvelope("new@example.net"), aMessage("under the current key"));

        assertThat(spool.claim(10, LEASE)).extracting(SpooledMessage::id).containsExactly(fresh);

        SpoolEntry waiting = stored.find(old).orElseThrow().entry();
        assertThat(waiting.state()).isEqualTo(SpoolState.DEFERRED);
        assertThat(waiting.attempts()).as("no attempt was made").isZero();
        assertThat(waiting.nextAttemptAt()).contains(clock.instant().plus(SealedMessageSpool.UNOPENED_WAIT));
        assertThat(waiting.lastError().orElseThrow()).contains("SECRET_KEY_FOR_KV_ENC").contains("queue retry")
                .doesNotContain("under the old key").doesNotContain("kept@example.net");
        SpooledMessage shown = spool.find(old).orElseThrow();
        assertThat(shown.sealed()).as("found, still sealed: its entry is readable").isTrue();
        assertThat(spool.change(old, Change.RETRY).orElseThrow().state()).isEqualTo(SpoolState.QUEUED);

        SpooledMessage relayed = before.claim(10, LEASE).get(0);
        assertThat(relayed.id()).isEqualTo(old);
        assertThat(relayed.content()).isEqualTo(aMessage("under the old key"));
    }

    @Test
    void listingsCountsAndPurgesNeverAskForTheKey() {
        MessageSpool keyless = new SealedMessageSpool(stored, () -> {
            throw new IllegalStateException("SECRET_KEY_FOR_KV_ENC is not set");
        }, clock);
        spool.store(anEnvelope("a@example.net"), aMessage("a"));

        assertThat(keyless.list(SpoolQuery.ALL, null, 10)).hasSize(1);
        assertThat(keyless.count(SpoolQuery.ALL)).isEqualTo(1);
        assertThat(keyless.counts()).containsEntry(SpoolState.QUEUED, 1L);
        assertThat(keyless.waiting().bytes()).isEqualTo(aMessage("a").length);
        assertThatThrownBy(() -> keyless.store(anEnvelope("b@example.net"), aMessage("b")))
                .hasMessageContaining("SECRET_KEY_FOR_KV_ENC");
        assertThat(keyless.purge(SpoolQuery.in(java.util.Optional.of(SpoolState.QUEUED)))).isEqualTo(1);
    }

    @Test
    void aMessageIsSealedOnceAndItsBoxIsWhatTheSpoolKeeps() {
        byte[] mail = "Subject: big\r\n\r\n".concat("x".repeat(100_000)).getBytes(StandardCharsets.US_ASCII);
        keyAsked.set(0);
        QueueId id = spool.store(anEnvelope("big@example.net"), mail);
        assertThat(keyAsked).hasValue(1);
        assertThat(stored.find(id).orElseThrow().content()).hasSize(mail.length + (SealedMessageSpool.CONTEXT + ":k-current:").length());
    }
}
