package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.MessageSpool.Change;
import net.azt3knet.ports.out.spool.SpoolEntry;
import net.azt3knet.ports.out.spool.SpoolQuery;
import net.azt3knet.ports.out.spool.SpoolState;
import net.azt3knet.ports.out.spool.SpooledMessage;
import net.azt3knet.testkit.fixtures.SettableClock;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageSpool} must do. Each test starts on an empty spool; {@link #process(String)} is the spool
 * as another process on the same storage sees it.
 */
public interface MessageSpoolContract {

    Duration LEASE = Duration.ofSeconds(60);

    /** The spool as seen by the process named {@code name}; every process shares the storage and {@link #clock()}. */
    MessageSpool process(String name);

    /** The clock leases and attempt times are measured on. */
    SettableClock clock();

    static Envelope anEnvelope(String to) {
        return new Envelope("agent@example.org", List.of(to), Optional.of("agent@example.org"), "192.0.2.7", "client.example.org");
    }

    static byte[] aMessage(String subject) {
        // CRLF, a NUL-free 8-bit byte and a lone dot line: bytes must come back exactly, not as text
        return ("Subject: " + subject + "\r\nFrom: agent@example.org\r\n\r\nbody \u00e9\r\n.\r\nend\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    default void aStoredMessageComesBackByteIdenticalWithItsEnvelopeQueued() {
        MessageSpool a = process("a");
        byte[] content = aMessage("hello");
        Envelope envelope = new Envelope("", List.of("one@example.net", "two@example.net"), Optional.empty(), "198.51.100.1", "mx.example.net");

        QueueId id = a.store(envelope, content);

        SpooledMessage found = process("b").find(id).orElseThrow();
        assertThat(found.content()).isEqualTo(content);
        assertThat(found.envelope()).isEqualTo(envelope);
        SpoolEntry e = found.entry();
        assertThat(e.state()).isEqualTo(SpoolState.QUEUED);
        assertThat(e.size()).isEqualTo(content.length);
        assertThat(e.attempts()).isZero();
        assertThat(e.createdAt()).isEqualTo(clock().instant());
        assertThat(e.providerMessageId()).isEmpty();
        assertThat(a.store(anEnvelope("x@example.net"), aMessage("second")).value()).as("ids grow").isGreaterThan(id.value());
        assertThat(a.find(new QueueId(id.value() + 1000))).isEmpty();
    }

    @Test
    default void sealedContentIsKeptAsGivenMarkedSealedAndCountedAtItsSizeInTheClear() {
        MessageSpool a = process("a");
        byte[] box = {0, 1, 2, (byte) 0xff, 'x'};
        QueueId sealed = a.storeSealed(anEnvelope("s@example.net"), box, 1000);
        QueueId plain = a.store(anEnvelope("p@example.net"), aMessage("plain"));

        SpooledMessage found = process("b").find(sealed).orElseThrow();
        assertThat(found.sealed()).isTrue();
        assertThat(found.content()).isEqualTo(box);
        assertThat(found.entry().size()).isEqualTo(1000);
        assertThat(a.find(plain).orElseThrow().sealed()).isFalse();
        assertThat(a.list(SpoolQuery.ALL, null, 10)).extracting(SpoolEntry::size).containsExactly(aMessage("plain").length, 1000);
        assertThat(a.waiting().bytes()).isEqualTo(1000L + aMessage("plain").length);
    }

    @Test
    default void aClaimLeasesDueMessagesOldestFirstAndAnotherProcessGetsNoneOfThemWhileTheLeaseLives() {
        MessageSpool a = process("a");
        MessageSpool b = process("b");
        QueueId first = a.store(anEnvelope("1@example.net"), aMessage("1"));
        QueueId second = a.store(anEnvelope("2@example.net"), aMessage("2"));
        QueueId third = a.store(anEnvelope("3@example.net"), aMessage("3"));

        List<SpooledMessage> claimed = a.claim(2, LEASE);
        assertThat(claimed).extracting(SpooledMessage::id).containsExactly(first, second);
        assertThat(claimed.get(0).content()).isEqualTo(aMessage("1"));
        assertThat(claimed.get(0).entry().holder()).isPresent();
        assertThat(b.claim(10, LEASE)).extracting(SpooledMessage::id).containsExactly(third);
        assertThat(a.claim(10, LEASE)).as("all leased").isEmpty();
    }

    @Test
    default void aMessageWhoseHolderStoppedIsClaimedAgainAfterItsLeaseAndTheOldHolderCanNoLongerMoveIt() {
        MessageSpool a = process("a");
        MessageSpool b = process("b");
        QueueId id = a.store(anEnvelope("x@example.net"), aMessage("x"));
        a.claim(1, LEASE);
        assertThat(b.markSent(id, "stolen")).as("only the holder moves a message on").isFalse();
        clock().advance(LEASE.minusSeconds(1));
        assertThat(b.claim(1, LEASE)).isEmpty();
        clock().advance(Duration.ofSeconds(2));

        assertThat(b.claim(1, LEASE)).extracting(SpooledMessage::id).containsExactly(id);
        assertThat(a.markSending(id)).isFalse();
        assertThat(a.markSent(id, "late")).isFalse();
        assertThat(b.markSending(id)).isTrue();
        assertThat(b.find(id).orElseThrow().entry().attempts()).isEqualTo(1);
    }

    @Test
    default void anAttemptInterruptedWhileSendingIsClaimedAgainStillSendingSoTheNextHolderKnowsToReconcile() {
        MessageSpool a = process("a");
        QueueId id = a.store(anEnvelope("x@example.net"), aMessage("x"));
        a.claim(1, LEASE);
        assertThat(a.markSending(id)).isTrue();
        clock().advance(LEASE.plusSeconds(1)); // a died mid-call

        SpooledMessage again = process("b").claim(1, LEASE).get(0);
        assertThat(again.entry().state()).isEqualTo(SpoolState.SENDING);
        assertThat(again.entry().attempts()).isEqualTo(1);
    }

    @Test
    default void aDeferredMessageWaitsForItsNextAttemptAndSentAndBouncedOnesAreNeverClaimedAgain() {
        MessageSpool a = process("a");
        QueueId deferred = a.store(anEnvelope("d@example.net"), aMessage("d"));
        QueueId sent = a.store(anEnvelope("s@example.net"), aMessage("s"));
        QueueId bounced = a.store(anEnvelope("b@example.net"), aMessage("b"));
        assertThat(a.claim(3, LEASE)).hasSize(3);
        for (QueueId id : List.of(deferred, sent, bounced)) assertThat(a.markSending(id)).isTrue();

        assertThat(a.markDeferred(deferred, clock().instant().plus(Duration.ofMinutes(5)), "421 try later")).isTrue();
        assertThat(a.markSent(sent, "provider-42")).isTrue();
        assertThat(a.markBounced(bounced, "550 no such user")).isTrue();

        SpoolEntry d = a.find(deferred).orElseThrow().entry();
        assertThat(d.state()).isEqualTo(SpoolState.DEFERRED);
        assertThat(d.lastError()).contains("421 try later");
        assertThat(d.nextAttemptAt()).contains(clock().instant().plus(Duration.ofMinutes(5)));
        assertThat(a.find(sent).orElseThrow().entry()).extracting(SpoolEntry::state, SpoolEntry::providerMessageId)
                .containsExactly(SpoolState.SENT, Optional.of("provider-42"));
        assertThat(a.find(bounced).orElseThrow().entry()).extracting(SpoolEntry::state, SpoolEntry::lastError)
                .containsExactly(SpoolState.BOUNCED, Optional.of("550 no such user"));
        assertThat(a.markSent(bounced, "again")).as("an ended message stays ended").isFalse();

        clock().advance(Duration.ofMinutes(4));
        assertThat(process("b").claim(10, LEASE)).isEmpty();
        clock().advance(Duration.ofMinutes(2));
        List<SpooledMessage> due = process("b").claim(10, LEASE);
        assertThat(due).extracting(SpooledMessage::id).containsExactly(deferred);
        assertThat(due.get(0).entry().attempts()).isEqualTo(1);
    }

    @Test
    default void listingFiltersByStateAndPagesNewestFirstAndCountsEveryState() {
        MessageSpool a = process("a");
        List<QueueId> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) ids.add(a.store(anEnvelope(i + "@example.net"), aMessage("m" + i)));
        a.claim(1, LEASE);
        a.markSending(ids.get(0));
        a.markSent(ids.get(0), "p");

        assertThat(a.list(Optional.empty(), null, 10)).extracting(SpoolEntry::id)
                .containsExactly(ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        assertThat(a.list(Optional.empty(), ids.get(2), 1)).extracting(SpoolEntry::id).containsExactly(ids.get(1));
        assertThat(a.list(Optional.of(SpoolState.SENT), null, 10)).extracting(SpoolEntry::id).containsExactly(ids.get(0));
        assertThat(a.list(Optional.empty(), null, 10).get(0).size()).isEqualTo(aMessage("m3").length);
        assertThat(a.counts()).containsEntry(SpoolState.QUEUED, 3L).containsEntry(SpoolState.SENT, 1L)
                .containsEntry(SpoolState.BOUNCED, 0L).hasSize(SpoolState.values().length);
        assertThat(a.waiting()).as("the sent one no longer counts")
                .isEqualTo(new MessageSpool.Waiting(3, aMessage("m1").length + aMessage("m2").length + aMessage("m3").length));
    }

    @Test
    default void processesClaimingAtOnceNeverGetTheSameMessage() throws Exception {
        int messages = 40;
        for (int i = 0; i < messages; i++) process("a").store(anEnvelope(i + "@example.net"), aMessage("m" + i));
        int workers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<QueueId>>> results = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                MessageSpool spool = process("w" + w);
                Callable<List<QueueId>> work = () -> {
                    start.await();
                    List<QueueId> mine = new ArrayList<>();
                    for (List<SpooledMessage> batch; !(batch = spool.claim(3, LEASE)).isEmpty(); ) {
                        batch.forEach(m -> mine.add(m.id()));
                    }
                    return mine;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            List<QueueId> all = Collections.synchronizedList(new ArrayList<>());
            for (Future<List<QueueId>> f : results) all.addAll(f.get());
            assertThat(all).hasSize(messages).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void aHeldMessageIsNeverClaimedAndAWorkerThatClaimedItBeforeTheHoldLosesItsLease() {
        MessageSpool a = process("a");
        MessageSpool operator = process("operator");
        QueueId claimedThenHeld = a.store(anEnvelope("1@example.net"), aMessage("1"));
        QueueId held = a.store(anEnvelope("2@example.net"), aMessage("2"));
        a.claim(1, LEASE);

        assertThat(operator.change(claimedThenHeld, Change.HOLD).orElseThrow().state()).isEqualTo(SpoolState.HELD);
        assertThat(operator.change(held, Change.HOLD).orElseThrow().state()).isEqualTo(SpoolState.HELD);
        assertThat(a.markSending(claimedThenHeld)).as("the hold took the message from its holder").isFalse();
        clock().advance(LEASE.plusSeconds(1));
        assertThat(a.claim(10, LEASE)).isEmpty();
        assertThat(process("b").claim(10, LEASE)).isEmpty();
        assertThat(a.counts()).containsEntry(SpoolState.HELD, 2L);

        assertThat(operator.change(held, Change.RELEASE).orElseThrow().state()).isEqualTo(SpoolState.QUEUED);
        assertThat(a.claim(10, LEASE)).extracting(SpooledMessage::id).containsExactly(held);
    }

    @Test
    default void aRetryMakesADeferredMessageDueNowAndChangesThatDoNotApplyLeaveTheMessageAsItWas() {
        MessageSpool a = process("a");
        QueueId id = a.store(anEnvelope("x@example.net"), aMessage("x"));
        a.claim(1, LEASE);
        a.markSending(id);
        assertThat(process("operator").change(id, Change.HOLD).orElseThrow().state()).as("in flight: not held").isEqualTo(SpoolState.SENDING);
        a.markDeferred(id, clock().instant().plus(Duration.ofHours(1)), "421 try later");
        assertThat(a.claim(1, LEASE)).isEmpty();

        SpoolEntry retried = process("operator").change(id, Change.RETRY).orElseThrow();
        assertThat(retried.state()).isEqualTo(SpoolState.QUEUED);
        assertThat(retried.nextAttemptAt()).isEmpty();
        assertThat(retried.attempts()).as("attempts are kept").isEqualTo(1);
        assertThat(process("operator").change(id, Change.RELEASE).orElseThrow().state()).as("not held: unchanged").isEqualTo(SpoolState.QUEUED);
        assertThat(a.claim(1, LEASE)).extracting(SpooledMessage::id).containsExactly(id);
        assertThat(a.change(new QueueId(id.value() + 1000), Change.HOLD)).isEmpty();
    }

    @Test
    default void listingsAndPurgesFilterBySenderRecipientStateAndAgeAndNeverRemoveAMessageInFlight() {
        MessageSpool a = process("a");
        QueueId old = a.store(new Envelope("Ops@Example.org", List.of("one@example.net"), Optional.empty(), "192.0.2.1", "h"), aMessage("1"));
        clock().advance(Duration.ofHours(2));
        Instant cut = clock().instant();
        QueueId toTwo = a.store(new Envelope("ops@example.org", List.of("x@example.net", "Two@Example.net"), Optional.empty(), "192.0.2.1", "h"), aMessage("2"));
        QueueId other = a.store(anEnvelope("two@example.net"), aMessage("3"));
        QueueId inFlight = a.store(new Envelope("ops@example.org", List.of("z@example.net"), Optional.empty(), "192.0.2.1", "h"), aMessage("4"));
        a.claim(10, LEASE);
        a.markSending(inFlight);

        SpoolQuery fromOps = new SpoolQuery(Optional.empty(), Optional.of("ops@example.org"), Optional.empty(), Optional.empty());
        assertThat(a.list(fromOps, null, 10)).extracting(SpoolEntry::id).containsExactly(inFlight, toTwo, old);
        SpoolQuery toTwoQuery = new SpoolQuery(Optional.empty(), Optional.empty(), Optional.of("two@example.net"), Optional.empty());
        assertThat(a.list(toTwoQuery, null, 10)).extracting(SpoolEntry::id).containsExactly(other, toTwo);
        SpoolQuery wildcard = new SpoolQuery(Optional.empty(), Optional.empty(), Optional.of("tw_@example.net"), Optional.empty());
        assertThat(a.list(wildcard, null, 10)).as("_ is a character, not a wildcard").isEmpty();
        SpoolQuery older = new SpoolQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(cut));
        assertThat(a.list(older, null, 10)).extracting(SpoolEntry::id).containsExactly(old);
        assertThat(a.list(SpoolQuery.in(Optional.of(SpoolState.SENDING)), null, 10)).extracting(SpoolEntry::id).containsExactly(inFlight);
        assertThat(a.list(fromOps, inFlight, 1)).extracting(SpoolEntry::id).as("paged").containsExactly(toTwo);
        assertThat(a.count(fromOps)).isEqualTo(3);
        assertThat(a.oldest(SpoolState.QUEUED)).contains(a.find(old).orElseThrow().entry().createdAt());
        assertThat(a.oldest(SpoolState.HELD)).isEmpty();

        assertThat(a.delete(inFlight)).as("in flight").isFalse();
        assertThat(a.purge(fromOps)).isEqualTo(2);
        assertThat(a.list(SpoolQuery.ALL, null, 10)).extracting(SpoolEntry::id).containsExactly(inFlight, other);
        assertThat(a.delete(other)).isTrue();
        assertThat(a.delete(other)).isFalse();
        assertThat(a.find(other)).isEmpty();
    }
}
