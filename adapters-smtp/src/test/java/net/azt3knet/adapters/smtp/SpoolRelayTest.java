package net.azt3knet.adapters.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.azt3knet.ports.out.email.DeliveryResult;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpoolEntry;
import net.azt3knet.ports.out.spool.SpoolState;
import net.azt3knet.testkit.fakes.InMemoryMessageSpool;
import net.azt3knet.testkit.fakes.ScriptedEmailDelivery;
import net.azt3knet.testkit.fixtures.SettableClock;
import org.junit.jupiter.api.Test;

class SpoolRelayTest {

    private static final RelaySettings SETTINGS = new RelaySettings(10, Duration.ofMinutes(5), Duration.ofMinutes(1),
            Duration.ofHours(1), Duration.ofHours(48), Duration.ofSeconds(1));

    private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final InMemoryMessageSpool spool = new InMemoryMessageSpool(clock);
    private final ScriptedEmailDelivery delivery = new ScriptedEmailDelivery();
    private final SpoolRelay relay = new SpoolRelay(spool, delivery, SETTINGS, clock, new SplittableRandom(7));

    private QueueId spooled(String to) {
        return spool.store(new Envelope("agent@example.org", List.of(to), Optional.of("agent"), "127.0.0.1", "c"),
                ("Subject: to " + to + "\r\n\r\nx\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private SpoolEntry entry(QueueId id) {
        return spool.find(id).orElseThrow().entry();
    }

    @Test
    void eachDueMessageIsDeliveredOnceAndEndsSentWithTheProvidersId() {
        QueueId a = spooled("a@example.net");
        QueueId b = spooled("b@example.net");

        assertThat(relay.relayDue()).isEqualTo(2);
        assertThat(relay.relayDue()).isZero();

        assertThat(entry(a)).extracting(SpoolEntry::state, SpoolEntry::providerMessageId, SpoolEntry::attempts)
                .containsExactly(SpoolState.SENT, Optional.of("provider-" + a), 1);
        assertThat(entry(b).state()).isEqualTo(SpoolState.SENT);
        assertThat(delivery.attemptsFor(a)).isEqualTo(1);
        // the two go out in parallel, in either order
        assertThat(delivery.delivered().stream().filter(m -> m.id().equals(a)).findFirst().orElseThrow().content())
                .isEqualTo(spool.find(a).orElseThrow().content());
    }

    @Test
    void aTransientFailureIsDeferredWithinTheJitteredBackoffAndThenDelivered() {
        delivery.answer("t@example.net", new DeliveryResult.TransientFailure("451 busy", Optional.empty()),
                new DeliveryResult.TransientFailure("451 still busy", Optional.empty()));
        QueueId id = spooled("t@example.net");

        relay.relayDue();
        SpoolEntry first = entry(id);
        assertThat(first.state()).isEqualTo(SpoolState.DEFERRED);
        assertThat(first.lastError()).contains("451 busy");
        assertThat(Duration.between(clock.instant(), first.nextAttemptAt().orElseThrow()))
                .isBetween(Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertThat(relay.relayDue()).as("not due yet").isZero();

        clock.advance(Duration.ofMinutes(1));
        relay.relayDue();
        SpoolEntry second = entry(id);
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(Duration.between(clock.instant(), second.nextAttemptAt().orElseThrow()))
                .as("the ceiling doubles").isBetween(Duration.ofSeconds(1), Duration.ofMinutes(2));

        clock.advance(Duration.ofMinutes(2));
        relay.relayDue();
        assertThat(entry(id).state()).isEqualTo(SpoolState.SENT);
        assertThat(delivery.attemptsFor(id)).isEqualTo(3);
    }

    @Test
    void theProvidersRetryAfterIsHonouredAndAPermanentFailureBouncesAtOnce() {
        delivery.answer("slow@example.net", new DeliveryResult.TransientFailure("429", Optional.of(Duration.ofMinutes(17))));
        delivery.answer("gone@example.net", new DeliveryResult.PermanentFailure("550 5.1.1 no such user"));
        QueueId slow = spooled("slow@example.net");
        QueueId gone = spooled("gone@example.net");

        relay.relayDue();

        assertThat(entry(slow).nextAttemptAt()).contains(clock.instant().plus(Duration.ofMinutes(17)));
        assertThat(entry(gone)).extracting(SpoolEntry::state, SpoolEntry::lastError)
                .containsExactly(SpoolState.BOUNCED, Optional.of("550 5.1.1 no such user"));
        clock.advance(Duration.ofDays(3));
        relay.relayDue();
        assertThat(delivery.attemptsFor(gone)).as("never tried again").isEqualTo(1);
    }

    @Test
    void aMessageStillFailingWhenItsMaximumAgeWouldPassBouncesInsteadOfWaitingAgain() {
        DeliveryResult busy = new DeliveryResult.TransientFailure("421 down", Optional.of(Duration.ofHours(30)));
        delivery.answer("down@example.net", busy, busy);
        QueueId id = spooled("down@example.net");

        relay.relayDue();
        assertThat(entry(id).state()).isEqualTo(SpoolState.DEFERRED);
        clock.advance(Duration.ofHours(30));
        relay.relayDue();

        SpoolEntry e = entry(id);
        assertThat(e.state()).isEqualTo(SpoolState.BOUNCED);
        assertThat(e.lastError().orElseThrow()).startsWith("gave up after 2 attempts in 48 h: 421 down");
    }

    @Test
    void aMessageTakenOverByAnotherProcessIsNotMovedOnByThisOne() {
        QueueId id = spooled("x@example.net");
        assertThat(spool.process("other").claim(1, Duration.ofMinutes(10))).hasSize(1);

        assertThat(relay.relayDue()).isZero();
        assertThat(delivery.delivered()).isEmpty();
        assertThat(entry(id).state()).isEqualTo(SpoolState.QUEUED);
    }

    @Test
    void eachAttemptsEndIsReportedOnceRelayedBouncedOrDeferred() {
        DialogueLimitsIT.Recorder events = new DialogueLimitsIT.Recorder();
        SmtpEvents.observe(events);
        try {
            delivery.answer("t@example.net", new DeliveryResult.TransientFailure("451 busy", Optional.empty()));
            delivery.answer("gone@example.net", new DeliveryResult.PermanentFailure("550 5.1.1 no such user"));
            spooled("a@example.net");
            spooled("t@example.net");
            spooled("gone@example.net");
            relay.relayDue();
            assertThat(events.counts).containsExactlyInAnyOrderEntriesOf(
                    java.util.Map.of("message:relayed", 1, "message:deferred", 1, "message:bounced", 1));
            relay.relayDue(); // the bounce's notification to the sender
            clock.advance(Duration.ofHours(1));
            relay.relayDue(); // the deferred one, now sent
            assertThat(events.counts).containsExactlyInAnyOrderEntriesOf(
                    java.util.Map.of("message:relayed", 3, "message:deferred", 1, "message:bounced", 1));
        } finally {
            SmtpEvents.observe(null);
        }
    }
}
