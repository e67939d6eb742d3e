package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import net.azt3knet.domain.responder.ReplyCounts;
import net.azt3knet.domain.responder.ReplyMode;
import net.azt3knet.domain.responder.ReplyPolicy;
import net.azt3knet.ports.out.inbound.InboundMailbox.InboundMessage;
import net.azt3knet.ports.out.responder.MailErasure;
import net.azt3knet.ports.out.responder.ReplyQueue;
import net.azt3knet.ports.out.responder.ReplyQueue.Claimed;
import net.azt3knet.ports.out.responder.ReplyQueue.NewMail;
import net.azt3knet.ports.out.responder.ReplyQueue.State;
import net.azt3knet.ports.out.responder.ReplyStore;
import net.azt3knet.ports.out.responder.ReplyStore.NewReply;
import net.azt3knet.ports.out.responder.ResponderRoster;
import net.azt3knet.ports.out.responder.UidCheckpoints;
import net.azt3knet.ports.out.responder.UidCheckpoints.Checkpoint;
import net.azt3knet.testkit.fixtures.SettableClock;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the responder's stores ({@link ReplyQueue}, {@link ReplyStore}, {@link ResponderRoster},
 * {@link UidCheckpoints}, {@link MailErasure}) must do. Each test starts on empty stores and one stored population,
 * {@link #population()}, with the agents {@link #agents()} (at least three).
 */
public interface ResponderStoresContract {

    Duration LEASE = Duration.ofSeconds(60);
    String SENDER = "a".repeat(64);
    String OTHER = "b".repeat(64);

    /** The queue as seen by the process named {@code name}; every process shares the storage and {@link #clock()}. */
    ReplyQueue queue(String name);

    ReplyStore replies();

    ResponderRoster roster();

    UidCheckpoints checkpoints();

    MailErasure erasure();

    /** Keeps {@code message} in the inbound store the erasure reaches. */
    void keepInbound(InboundMessage message);

    /** The inbound messages still kept for {@code recipient}. */
    List<InboundMessage> inbound(String recipient);

    SettableClock clock();

    /** The stored population's id. */
    String population();

    /** Its agents' addresses, lower case. */
    List<String> agents();

    private NewMail mail(String agent, String messageId, String thread, String senderHash, Instant at) {
        return new NewMail(agent, population(), messageId, "imap", thread, senderHash,
                ("raw " + messageId + "\r\n\u00e9").getBytes(StandardCharsets.ISO_8859_1), at);
    }

    private NewMail mail(String messageId) {
        return mail(agents().get(0), messageId, messageId, SENDER, clock().instant());
    }

    private NewReply reply(String agent, String recipientHash, String thread, ReplyStore.State state, long tokens, Instant at) {
        return new NewReply(1, agent, population(), recipientHash, thread, "Re: hello", state, tokens,
                "reply".getBytes(StandardCharsets.UTF_8), Optional.empty(), at);
    }

    // --- the queue

    @Test
    default void aMessageIsQueuedOncePerAgentAndMessageIdAndComesBackByteIdentical() {
        ReplyQueue q = queue("a");
        NewMail m = mail("m1@example.net");
        ReplyQueue.Entry e = q.enqueue(m).orElseThrow();
        assertThat(e.state()).isEqualTo(State.PENDING);
        assertThat(e.attempts()).isZero();
        assertThat(e).extracting(ReplyQueue.Entry::agent, ReplyQueue.Entry::population, ReplyQueue.Entry::messageId,
                ReplyQueue.Entry::senderHash, ReplyQueue.Entry::receivedAt)
                .containsExactly(m.agent(), population(), "m1@example.net", SENDER, m.receivedAt());
        assertThat(q.enqueue(m)).as("a duplicate").isEmpty();
        assertThat(q.enqueue(mail(agents().get(1), "m1@example.net", "t", SENDER, clock().instant())))
                .as("the same message to another agent").isPresent();
        assertThat(q.find(e.id())).contains(e);
        assertThat(q.claim(1, LEASE).get(0).content()).isEqualTo(m.content());
        assertThat(q.find(e.id() + 1000)).isEmpty();
    }

    @Test
    default void aClaimLeasesDueEntriesOldestFirstAndOnlyTheHolderEndsThem() {
        ReplyQueue a = queue("a");
        ReplyQueue b = queue("b");
        long first = a.enqueue(mail("1")).orElseThrow().id();
        long second = a.enqueue(mail("2")).orElseThrow().id();
        long third = a.enqueue(mail("3")).orElseThrow().id();

        List<Claimed> claimed = a.claim(2, LEASE);
        assertThat(claimed).extracting(c -> c.entry().id()).containsExactly(first, second);
        assertThat(claimed.get(0).entry().state()).isEqualTo(State.PROCESSING);
        assertThat(claimed.get(0).entry().attempts()).isEqualTo(1);
        assertThat(claimed.get(0).entry().lastAttemptAt()).contains(clock().instant());
        assertThat(b.claim(10, LEASE)).extracting(c -> c.entry().id()).containsExactly(third);
        assertThat(a.claim(10, LEASE)).isEmpty();

        assertThat(b.complete(first, "answer", "stolen")).as("not b's").isFalse();
        assertThat(a.complete(first, "answer", "replied")).isTrue();
        assertThat(a.complete(first, "answer", "again")).as("ended").isFalse();
        ReplyQueue.Entry done = a.find(first).orElseThrow();
        assertThat(done.state()).isEqualTo(State.COMPLETED);
        assertThat(done.outcome()).contains("answer");
        assertThat(done.detail()).contains("replied");
    }

    @Test
    default void aFailureIsRetriedWhenDueOrEndsFailedAndOnlyTheOperatorSendsItBack() {
        ReplyQueue a = queue("a");
        long retried = a.enqueue(mail("r")).orElseThrow().id();
        long failed = a.enqueue(mail("f")).orElseThrow().id();
        a.claim(2, LEASE);
        Instant later = clock().instant().plus(Duration.ofMinutes(5));
        assertThat(a.fail(retried, "model timed out", Optional.of(later))).isTrue();
        assertThat(a.fail(failed, "unreadable", Optional.empty())).isTrue();
        assertThat(a.find(retried).orElseThrow()).extracting(ReplyQueue.Entry::state, ReplyQueue.Entry::nextAttemptAt,
                ReplyQueue.Entry::detail).containsExactly(State.PENDING, Optional.of(later), Optional.of("model timed out"));
        assertThat(a.find(failed).orElseThrow().state()).isEqualTo(State.FAILED);

        clock().advance(Duration.ofMinutes(4));
        assertThat(queue("b").claim(10, LEASE)).isEmpty();
        clock().advance(Duration.ofMinutes(1));
        List<Claimed> due = queue("b").claim(10, LEASE);
        assertThat(due).extracting(c -> c.entry().id()).containsExactly(retried);
        assertThat(due.get(0).entry().attempts()).isEqualTo(2);

        assertThat(a.retry(retried)).as("being processed").isFalse();
        assertThat(a.drop(retried)).as("being processed").isFalse();
        assertThat(a.retry(failed)).isTrue();
        assertThat(a.find(failed).orElseThrow()).extracting(ReplyQueue.Entry::state, ReplyQueue.Entry::nextAttemptAt)
                .containsExactly(State.PENDING, Optional.empty());
        assertThat(a.drop(failed)).isTrue();
        assertThat(a.find(failed)).isEmpty();
        assertThat(a.retry(failed)).as("gone").isFalse();
        assertThat(a.drop(failed)).isFalse();
    }

    @Test
    default void anEntryWhoseHolderStoppedIsClaimedAgainAfterItsLease() {
        ReplyQueue a = queue("a");
        ReplyQueue b = queue("b");
        long id = a.enqueue(mail("x")).orElseThrow().id();
        a.claim(1, LEASE);
        clock().advance(LEASE.minusSeconds(1));
        assertThat(b.claim(1, LEASE)).isEmpty();
        clock().advance(Duration.ofSeconds(2));
        List<Claimed> again = b.claim(1, LEASE);
        assertThat(again).extracting(c -> c.entry().id()).containsExactly(id);
        assertThat(again.get(0).entry().attempts()).isEqualTo(2);
        assertThat(a.complete(id, "answer", "late")).as("a lost its lease").isFalse();
        assertThat(b.complete(id, "answer", "done")).isTrue();
    }

    @Test
    default void processesClaimingAtOnceNeverGetTheSameEntry() throws Exception {
        int entries = 30;
        for (int i = 0; i < entries; i++) queue("a").enqueue(mail("c" + i));
        int workers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                ReplyQueue q = queue("w" + w);
                Callable<List<Long>> work = () -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    for (List<Claimed> batch; !(batch = q.claim(3, LEASE)).isEmpty(); ) batch.forEach(c -> mine.add(c.entry().id()));
                    return mine;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            List<Long> all = Collections.synchronizedList(new ArrayList<>());
            for (Future<List<Long>> f : results) all.addAll(f.get());
            assertThat(all).hasSize(entries).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void listingFiltersAndPagesNewestFirstAndThreadsComeOldestFirstAndCountsCoverEveryState() {
        ReplyQueue q = queue("a");
        String agent = agents().get(0);
        Instant t0 = clock().instant();
        long one = q.enqueue(mail(agent, "t1", "root", SENDER, t0.plusSeconds(2))).orElseThrow().id();
        long two = q.enqueue(mail(agent, "t2", "root", SENDER, t0.plusSeconds(1))).orElseThrow().id();
        long other = q.enqueue(mail(agents().get(1), "t3", "root", SENDER, t0)).orElseThrow().id();
        q.claim(1, LEASE);
        q.complete(one, "answer", "ok");

        assertThat(q.list(new ReplyQueue.Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10)))
                .extracting(ReplyQueue.Entry::id).containsExactly(other, two, one);
        assertThat(q.list(new ReplyQueue.Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(other), 1)))
                .extracting(ReplyQueue.Entry::id).containsExactly(two);
        assertThat(q.list(new ReplyQueue.Filter(Optional.of(State.COMPLETED), Optional.empty(), Optional.of(population()),
                Optional.empty(), 10))).extracting(ReplyQueue.Entry::id).containsExactly(one);
        assertThat(q.list(new ReplyQueue.Filter(Optional.empty(), Optional.of(agents().get(1)), Optional.empty(),
                Optional.empty(), 10))).extracting(ReplyQueue.Entry::id).containsExactly(other);
        assertThat(q.thread(agent, "root", 10)).as("by arrival, this agent only").extracting(c -> c.entry().id())
                .containsExactly(two, one);
        assertThat(q.thread(agent, "root", 1)).hasSize(1);
        assertThat(q.counts()).containsEntry(State.PENDING, 2L).containsEntry(State.COMPLETED, 1L)
                .containsEntry(State.PROCESSING, 0L).containsEntry(State.FAILED, 0L).hasSize(State.values().length);
    }

    // --- the replies

    @Test
    default void aDraftIsDecidedOnceAndAReplyComesBackAsStored() {
        ReplyStore s = replies();
        Instant at = clock().instant();
        ReplyStore.Reply draft = s.add(reply(agents().get(0), SENDER, "t", ReplyStore.State.DRAFT, 120, at));
        assertThat(s.find(draft.id()).orElseThrow()).usingRecursiveComparison().isEqualTo(draft);
        assertThat(draft.decidedAt()).isEmpty();
        assertThat(draft.content()).isEqualTo("reply".getBytes(StandardCharsets.UTF_8));

        Instant later = at.plusSeconds(30);
        assertThat(s.decide(draft.id(), ReplyStore.State.SENT, Optional.of("q-7"), later)).isTrue();
        assertThat(s.decide(draft.id(), ReplyStore.State.REJECTED, Optional.empty(), later)).as("decided already").isFalse();
        ReplyStore.Reply sent = s.find(draft.id()).orElseThrow();
        assertThat(sent).extracting(ReplyStore.Reply::state, ReplyStore.Reply::queueId, ReplyStore.Reply::decidedAt)
                .containsExactly(ReplyStore.State.SENT, Optional.of("q-7"), Optional.of(later));
        assertThatThrownBy(() -> s.decide(draft.id(), ReplyStore.State.DRAFT, Optional.empty(), later))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(s.decide(draft.id() + 1000, ReplyStore.State.SENT, Optional.empty(), later)).isFalse();

        ReplyStore.Reply rejected = s.add(reply(agents().get(1), OTHER, "u", ReplyStore.State.DRAFT, 5, at));
        s.decide(rejected.id(), ReplyStore.State.REJECTED, Optional.empty(), later);
        assertThat(s.list(new ReplyStore.Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10)))
                .extracting(ReplyStore.Reply::id).containsExactly(rejected.id(), draft.id());
        assertThat(s.list(new ReplyStore.Filter(Optional.of(ReplyStore.State.REJECTED), Optional.empty(), Optional.of(population()),
                Optional.empty(), 10))).extracting(ReplyStore.Reply::id).containsExactly(rejected.id());
        assertThat(s.list(new ReplyStore.Filter(Optional.empty(), Optional.of(agents().get(0)), Optional.empty(),
                Optional.of(rejected.id()), 10))).extracting(ReplyStore.Reply::id).containsExactly(draft.id());
    }

    @Test
    default void countsTakeDraftsAndSentButNotRejectedAndTokensSinceMidnightUtc() {
        ReplyStore s = replies();
        Instant now = Instant.parse("2026-06-02T00:30:00Z");
        String agent = agents().get(0);
        s.add(reply(agent, SENDER, "t", ReplyStore.State.DRAFT, 100, now.minus(Duration.ofMinutes(10))));
        s.add(reply(agents().get(1), SENDER, "t", ReplyStore.State.SENT, 200, now.minus(Duration.ofMinutes(20))));
        s.add(reply(agent, OTHER, "u", ReplyStore.State.SENT, 400, now.minus(Duration.ofMinutes(59))));
        s.add(reply(agent, SENDER, "t", ReplyStore.State.SENT, 800, now.minus(Duration.ofHours(1)))); // exactly an hour: out
        ReplyStore.Reply rejected = s.add(reply(agent, SENDER, "t", ReplyStore.State.DRAFT, 1600, now.minusSeconds(5)));
        s.decide(rejected.id(), ReplyStore.State.REJECTED, Optional.empty(), now);

        ReplyCounts c = s.counts(agent, SENDER, "t", now);
        assertThat(c.senderLastHour()).isEqualTo(2);
        assertThat(c.allLastHour()).isEqualTo(3);
        assertThat(c.threadReplies()).as("the hour-old one counts in its thread").isEqualTo(3);
        assertThat(c.lastToSender()).as("not the rejected one").contains(now.minus(Duration.ofMinutes(10)));
        // since 00:00: 100 + 200 + the rejected draft's 1600 (tokens spent all the same); 23:31 and 23:30 yesterday are out
        assertThat(c.tokensToday()).isEqualTo(1900);
        assertThat(s.counts(agents().get(2), OTHER, "none", now).lastToSender()).isEmpty();
    }

    // --- the roster

    @Test
    default void enablingCountsNewAgentsAndDisablingCountsThoseThatWereEnabled() {
        ResponderRoster r = roster();
        Instant at = clock().instant();
        assertThat(r.enable(population(), List.of(agents().get(1)), at)).isEqualTo(1);
        assertThat(r.enable(population(), List.of(), at.plusSeconds(5))).isEqualTo(agents().size() - 1);
        assertThat(r.enabled(agents().get(1))).contains(new ResponderRoster.Enabled(agents().get(1), population(), at));
        assertThat(r.enabledAgents()).extracting(ResponderRoster.Enabled::agent)
                .containsExactlyElementsOf(agents().stream().sorted().toList());
        assertThatThrownBy(() -> r.enable(population(), List.of(agents().get(0), "stranger@example.net"), at))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stranger@example.net");

        assertThat(r.disable(population(), List.of(agents().get(0)))).isEqualTo(1);
        assertThat(r.disable(population(), List.of(agents().get(0)))).isZero();
        assertThat(r.enabled(agents().get(0))).isEmpty();
        assertThat(r.disable(population(), List.of())).isEqualTo(agents().size() - 1);
        assertThat(r.enabledAgents()).isEmpty();
    }

    @Test
    default void aPolicyIsKeptAsSetAndReplacedWhenSetAgain() {
        ResponderRoster r = roster();
        assertThat(r.policy(population())).isEmpty();
        ReplyPolicy p = new ReplyPolicy(ReplyMode.AUTO, List.of("@partner.example"), List.of("spam@x.example", "*"), true, 7,
                2048, 3, 50, Duration.ofHours(36), 5000, 4.5);
        r.setPolicy(population(), p);
        assertThat(r.policy(population())).contains(p);
        r.setPolicy(population(), ReplyPolicy.DEFAULT);
        assertThat(r.policy(population())).contains(ReplyPolicy.DEFAULT);
    }

    // --- the checkpoints

    @Test
    default void aCheckpointNeverGoesBackUnderTheSameUidValidityAndANewOneReplacesIt() {
        UidCheckpoints c = checkpoints();
        assertThat(c.get("INBOX")).isEmpty();
        c.save("INBOX", new Checkpoint(7, 100));
        c.save("INBOX", new Checkpoint(7, 90));
        assertThat(c.get("INBOX")).contains(new Checkpoint(7, 100));
        c.save("INBOX", new Checkpoint(7, 120));
        assertThat(c.get("INBOX")).contains(new Checkpoint(7, 120));
        c.save("INBOX", new Checkpoint(8, 3));
        assertThat(c.get("INBOX")).as("the mailbox was recreated").contains(new Checkpoint(8, 3));
        assertThat(c.get("Other")).isEmpty();
    }

    // --- erasure

    private InboundMessage inboundFor(String recipient, String id, String sender, Instant at) {
        return new InboundMessage(id, recipient, sender, "hi", "mailjet", "{}", at);
    }

    @Test
    default void retentionDeletesWhatIsOlderThanTheCutoffAndKeepsWhatIsAtIt() {
        Instant cutoff = clock().instant();
        String agent = agents().get(0);
        ReplyQueue q = queue("a");
        long old = q.enqueue(mail(agent, "old", "t", SENDER, cutoff.minusMillis(1))).orElseThrow().id();
        long atCutoff = q.enqueue(mail(agent, "at", "t", SENDER, cutoff)).orElseThrow().id();
        ReplyStore.Reply oldReply = replies().add(reply(agent, SENDER, "t", ReplyStore.State.SENT, 1, cutoff.minusSeconds(60)));
        ReplyStore.Reply keptReply = replies().add(reply(agent, SENDER, "t", ReplyStore.State.SENT, 1, cutoff));
        keepInbound(inboundFor(agent, "<old@x>", "someone@example.net", cutoff.minusSeconds(1)));
        keepInbound(inboundFor(agent, "<new@x>", "someone@example.net", cutoff));

        MailErasure.Erased erased = erasure().olderThan(population(), cutoff);
        assertThat(erased).isEqualTo(new MailErasure.Erased(1, 1, 1));
        assertThat(q.find(old)).isEmpty();
        assertThat(q.find(atCutoff)).isPresent();
        assertThat(replies().find(oldReply.id())).isEmpty();
        assertThat(replies().find(keptReply.id())).isPresent();
        assertThat(inbound(agent)).extracting(InboundMessage::messageId).containsExactly("<new@x>");
    }

    @Test
    default void erasingAnAddressLeavesNothingFromOrToItAndTouchesNoOneElse() {
        String agent = agents().get(0);
        Instant at = clock().instant();
        ReplyQueue q = queue("a");
        long theirs = q.enqueue(mail(agent, "theirs", "t", SENDER, at)).orElseThrow().id();
        q.claim(1, LEASE); // even one being processed goes
        long others = q.enqueue(mail(agent, "others", "u", OTHER, at)).orElseThrow().id();
        replies().add(reply(agent, SENDER, "t", ReplyStore.State.DRAFT, 1, at));
        ReplyStore.Reply kept = replies().add(reply(agent, OTHER, "u", ReplyStore.State.SENT, 1, at));
        keepInbound(inboundFor(agent, "<from@x>", "Person@Example.NET", at));
        keepInbound(inboundFor(agent, "<else@x>", "else@example.net", at));
        keepInbound(inboundFor(agents().get(1), "<to@x>", agent, at));

        assertThat(erasure().address("person@example.net", SENDER)).isEqualTo(new MailErasure.Erased(1, 1, 1));
        assertThat(q.find(theirs)).isEmpty();
        assertThat(q.find(others)).isPresent();
        assertThat(replies().list(new ReplyStore.Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10)))
                .extracting(ReplyStore.Reply::id).containsExactly(kept.id());
        assertThat(replies().counts(agent, SENDER, "t", at).lastToSender()).isEmpty();
        assertThat(inbound(agent)).extracting(InboundMessage::messageId).containsExactly("<else@x>");

        // an address that received mail (here an agent's, as a sender elsewhere) goes as recipient and as sender
        assertThat(erasure().address(agent.toUpperCase(java.util.Locale.ROOT), "c".repeat(64)).inbound()).isEqualTo(2);
        assertThat(inbound(agent)).isEmpty();
        assertThat(inbound(agents().get(1))).isEmpty();
    }
}
