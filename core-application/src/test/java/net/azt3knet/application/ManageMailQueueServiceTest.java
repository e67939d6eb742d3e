package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.azt3knet.ports.in.ManageMailQueueUseCase;
import net.azt3knet.ports.in.ManageMailQueueUseCase.Page;
import net.azt3knet.ports.in.ManageMailQueueUseCase.Purge;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpoolEntry;
import net.azt3knet.ports.out.spool.SpoolQuery;
import net.azt3knet.ports.out.spool.SpoolState;
import net.azt3knet.testkit.fakes.InMemoryAuditTrail;
import net.azt3knet.testkit.fakes.InMemoryMessageSpool;
import net.azt3knet.testkit.fixtures.SettableClock;
import org.junit.jupiter.api.Test;

class ManageMailQueueServiceTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final InMemoryMessageSpool spool = new InMemoryMessageSpool(clock);
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(clock);
    private final ManageMailQueueService queue = new ManageMailQueueService(spool, audit, clock);

    private QueueId store(String from, String to) {
        return spool.store(new Envelope(from, List.of(to), Optional.empty(), "192.0.2.1", "client"),
                "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private List<String> audited() {
        List<String> out = new java.util.ArrayList<>();
        audit.scan(e -> out.add(e.event().actor() + " " + e.event().action() + " " + e.event().target() + " " + e.event().sortedDetails()));
        return out;
    }

    @Test
    void holdReleaseAndRetryMoveTheMessageAndAreAuditedAndAHeldMessageIsNotClaimed() {
        QueueId id = store("a@example.org", "b@example.net");

        assertThat(queue.hold(id, "cli:ops").orElseThrow().state()).isEqualTo(SpoolState.HELD);
        assertThat(spool.claim(5, Duration.ofMinutes(1))).isEmpty();
        assertThat(queue.release(id, "cli:ops").orElseThrow().state()).isEqualTo(SpoolState.QUEUED);
        assertThat(queue.retry(id, "api:ci").orElseThrow().state()).isEqualTo(SpoolState.QUEUED);

        assertThat(audited()).containsExactly(
                "cli:ops queue.hold queue:" + id + " {from=queued, to=held}",
                "cli:ops queue.release queue:" + id + " {from=held, to=queued}",
                "api:ci queue.retry queue:" + id + " {from=queued, to=queued}");
    }

    @Test
    void aChangeThatDoesNotApplyIsRefusedSayingWhyAndAnUnknownIdIsEmpty() {
        QueueId id = store("a@example.org", "b@example.net");
        spool.claim(1, Duration.ofMinutes(1));
        spool.markSending(id);

        assertThatThrownBy(() -> queue.hold(id, "cli:ops")).isInstanceOf(RejectedCommandException.class)
                .hasMessage("message " + id + " is sending: only a queued or deferred message can be held (an attempt is in flight; wait for it to end)");
        assertThatThrownBy(() -> queue.delete(id, "cli:ops")).isInstanceOf(RejectedCommandException.class).hasMessageContaining("in flight");
        spool.markSent(id, "mj-1");
        assertThatThrownBy(() -> queue.release(id, "cli:ops")).hasMessage("message " + id + " is sent: only a held message can be released");
        assertThat(queue.hold(new QueueId(999), "cli:ops")).isEmpty();
        assertThat(queue.delete(new QueueId(999), "cli:ops")).isFalse();
        assertThat(audited()).isEmpty();
    }

    @Test
    void listingPagesNewestFirstAndSaysWhereTheNextPageStarts() {
        QueueId first = store("a@example.org", "b@example.net");
        QueueId second = store("a@example.org", "b@example.net");
        QueueId third = store("a@example.org", "b@example.net");

        Page page = queue.list(SpoolQuery.ALL, null, 2);
        assertThat(page.entries()).extracting(SpoolEntry::id).containsExactly(third, second);
        assertThat(page.next()).contains(second);
        Page last = queue.list(SpoolQuery.ALL, page.next().get(), 2);
        assertThat(last.entries()).extracting(SpoolEntry::id).containsExactly(first);
        assertThat(last.next()).isEmpty();
        assertThatThrownBy(() -> queue.list(SpoolQuery.ALL, null, 0)).hasMessage("--limit 0 is not a page size: give 1 to 1000");
    }

    @Test
    void aPurgeWithoutConfirmationOnlyCountsAndAConfirmedOneRemovesTheMatchesAndIsAudited() {
        store("spam@example.org", "b@example.net");
        store("spam@example.org", "c@example.net");
        QueueId kept = store("a@example.org", "b@example.net");
        SpoolQuery spam = new SpoolQuery(Optional.empty(), Optional.of("spam@example.org"), Optional.empty(), Optional.empty());

        assertThat(queue.purge(spam, false, "cli:ops")).isEqualTo(new Purge(2, 0));
        assertThat(spool.count(SpoolQuery.ALL)).isEqualTo(3);
        assertThat(queue.purge(spam, true, "cli:ops")).isEqualTo(new Purge(2, 2));
        assertThat(spool.list(SpoolQuery.ALL, null, 10)).extracting(SpoolEntry::id).containsExactly(kept);
        assertThat(queue.delete(kept, "cli:ops")).isTrue();
        assertThat(audited()).containsExactly("cli:ops queue.purge queue {removed=2, sender=spam@example.org}",
                "cli:ops queue.delete queue:" + kept + " {state=queued}");
    }

    @Test
    void depthCountsEveryStateAndTheOldestWaitingAgeCountsQueuedAndDeferredOnly() {
        assertThat(queue.oldestWaiting()).isEmpty();
        QueueId held = store("a@example.org", "b@example.net");
        queue.hold(held, "cli:ops");
        clock.advance(Duration.ofMinutes(5));
        store("a@example.org", "b@example.net");
        clock.advance(Duration.ofMinutes(2));

        assertThat(queue.oldestWaiting()).contains(Duration.ofMinutes(2));
        assertThat(queue.depth()).containsEntry(SpoolState.QUEUED, 1L).containsEntry(SpoolState.HELD, 1L)
                .containsEntry(SpoolState.SENT, 0L);
    }

    @Test
    void aPurgeWithoutAnyFilterIsRefusedEvenConfirmed() {
        store("a@example.org", "b@example.net");
        assertThatThrownBy(() -> queue.purge(SpoolQuery.ALL, true, "cli:ops")).isInstanceOf(RejectedCommandException.class)
                .hasMessageStartingWith("a purge needs at least one filter");
        assertThat(spool.count(SpoolQuery.ALL)).isEqualTo(1);
    }

    @Test
    void theFiltersAreReadFromTheirFlagsAndBadOnesAreNamedWithTheFix() {
        Instant now = clock.instant();
        assertThat(ManageMailQueueUseCase.query("Held", "<>", "Ops@Example.org", "90m", now)).isEqualTo(new SpoolQuery(
                Optional.of(SpoolState.HELD), Optional.of(""), Optional.of("Ops@Example.org"), Optional.of(now.minus(Duration.ofMinutes(90)))));
        assertThat(ManageMailQueueUseCase.query(null, null, null, null, now)).isEqualTo(SpoolQuery.ALL);
        assertThatThrownBy(() -> ManageMailQueueUseCase.query("stuck", null, null, null, now))
                .hasMessage("--state 'stuck' is not a queue state; use one of queued, sending, deferred, sent, bounced, held");
        assertThatThrownBy(() -> ManageMailQueueUseCase.query(null, null, "nobody", null, now))
                .hasMessage("--recipient 'nobody' is not an email address; give one such as agent@example.org");
        assertThatThrownBy(() -> ManageMailQueueUseCase.query(null, null, null, "2 weeks", now))
                .hasMessage("--older-than '2 weeks' is not an age; give minutes, hours or days, e.g. 90m, 24h or 7d");
    }
}
