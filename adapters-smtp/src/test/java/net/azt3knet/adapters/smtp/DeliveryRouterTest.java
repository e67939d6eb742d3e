package net.azt3knet.adapters.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import net.azt3knet.ports.out.email.DeliveryResult;
import net.azt3knet.ports.out.email.DeliveryRoute;
import net.azt3knet.ports.out.email.EmailDelivery;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpoolState;
import net.azt3knet.ports.out.spool.SpooledMessage;
import net.azt3knet.testkit.fakes.InMemoryMessageSpool;
import net.azt3knet.testkit.fakes.ScriptedEmailDelivery;
import net.azt3knet.testkit.fixtures.SettableClock;
import org.junit.jupiter.api.Test;

class DeliveryRouterTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final InMemoryMessageSpool spool = new InMemoryMessageSpool(clock);
    private final ScriptedEmailDelivery primary = new ScriptedEmailDelivery();
    private final ScriptedEmailDelivery backup = new ScriptedEmailDelivery();
    private final ScriptedEmailDelivery users = new ScriptedEmailDelivery();

    /** A scripted delivery with a route and a batch size, as an HTTP delivery has. */
    private static EmailDelivery routed(ScriptedEmailDelivery d, DeliveryRoute route, int batch) {
        return new EmailDelivery() {
            @Override public DeliveryResult deliver(SpooledMessage m) { return d.deliver(m); }
            @Override public void check() { d.check(); }
            @Override public boolean available() { return d.available(); }
            @Override public DeliveryRoute route() { return route; }
            @Override public int batchLimit() { return batch; }
        };
    }

    private DeliveryRouter router() {
        Map<String, EmailDelivery> all = new LinkedHashMap<>();
        all.put("primary", routed(primary, new DeliveryRoute(List.of("example.org"), List.of(), Optional.of("backup")), 50));
        all.put("users", routed(users, new DeliveryRoute(List.of(), List.of("billing"), Optional.empty()), 1));
        all.put("backup", routed(backup, new DeliveryRoute(List.of("*"), List.of(), Optional.empty()), 1));
        return new DeliveryRouter(all);
    }

    private QueueId spooled(String from, String user) {
        return spool.store(new Envelope(from, List.of("r@example.net"), Optional.ofNullable(user), "127.0.0.1", "c"),
                "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aMessageGoesByItsUserThenItsSenderDomainThenTheCatchAll() {
        SpoolRelay relay = new SpoolRelay(spool, router(), RelaySettings.defaults(), clock, new SplittableRandom(1));
        QueueId byDomain = spooled("agent@EXAMPLE.org", "someone");
        QueueId byUser = spooled("invoices@example.org", "billing");
        QueueId other = spooled("x@elsewhere.test", null);

        assertThat(relay.relayDue()).isEqualTo(3);

        assertThat(primary.attemptsFor(byDomain)).isEqualTo(1);
        assertThat(users.attemptsFor(byUser)).isEqualTo(1);
        assertThat(backup.attemptsFor(other)).isEqualTo(1);
        assertThat(primary.delivered()).hasSize(1);
        assertThat(spool.counts()).containsEntry(SpoolState.SENT, 3L);
    }

    @Test
    void whileThePrimarysBreakerIsOpenItsFallbackTakesTheMessagesAndAfterwardsThePrimaryAgain() {
        SpoolRelay relay = new SpoolRelay(spool, router(), RelaySettings.defaults(), clock, new SplittableRandom(1));
        primary.available(false);
        QueueId during = spooled("agent@example.org", null);
        relay.relayDue();
        assertThat(backup.attemptsFor(during)).isEqualTo(1);
        assertThat(primary.delivered()).isEmpty();

        primary.available(true);
        QueueId after = spooled("agent@example.org", null);
        relay.relayDue();
        assertThat(primary.attemptsFor(after)).isEqualTo(1);
        assertThat(backup.attemptsFor(after)).isZero();
    }

    @Test
    void whenTheFallbackIsDownTooThePrimaryKeepsItAndAFailureDefersIt() {
        primary.available(false);
        backup.available(false);
        primary.answer("r@example.net", new DeliveryResult.TransientFailure("circuit breaker open", Optional.empty()));
        SpoolRelay relay = new SpoolRelay(spool, router(), RelaySettings.defaults(), clock, new SplittableRandom(1));
        QueueId id = spooled("agent@example.org", null);
        relay.relayDue();
        assertThat(primary.attemptsFor(id)).isEqualTo(1);
        assertThat(spool.find(id).orElseThrow().entry().state()).isEqualTo(SpoolState.DEFERRED);
    }

    @Test
    void aSenderNoRouteTakesBouncesNamingTheSettingAndAFallbackMustBeAnotherDelivery() {
        Map<String, EmailDelivery> only = Map.of("primary", routed(primary, new DeliveryRoute(List.of("example.org"), List.of(), Optional.empty()), 1));
        SpoolRelay relay = new SpoolRelay(spool, new DeliveryRouter(only), RelaySettings.defaults(), clock, new SplittableRandom(1));
        QueueId id = spooled("x@elsewhere.test", null);
        relay.relayDue();
        assertThat(spool.find(id).orElseThrow().entry().lastError()).hasValueSatisfying(e -> assertThat(e).contains("_SEND_DOMAINS"));
        assertThat(spool.find(id).orElseThrow().entry().state()).isEqualTo(SpoolState.BOUNCED);

        assertThatThrownBy(() -> new DeliveryRouter(Map.of("a", routed(primary, new DeliveryRoute(List.of("*"), List.of(), Optional.of("b")), 1)))
        ).hasMessageContaining("fallback 'b' is not another configured mail delivery");
    }

    @Test
    void aBatchingDeliveryGetsTheRoundsMessagesInOneCall() {
        int[] calls = {0};
        EmailDelivery batching = new EmailDelivery() {
            @Override public DeliveryResult deliver(SpooledMessage m) { throw new AssertionError("one by one"); }
            @Override public List<DeliveryResult> deliverAll(List<SpooledMessage> ms) {
                calls[0]++;
                return ms.stream().map(m -> (DeliveryResult) new DeliveryResult.Sent("b-" + m.id())).toList();
            }
            @Override public void check() { }
            @Override public int batchLimit() { return 50; }
        };
        SpoolRelay relay = new SpoolRelay(spool, new DeliveryRouter(Map.of("b", batching)), RelaySettings.defaults(), clock, new SplittableRandom(1));
        for (int i = 0; i < 5; i++) spooled("a@example.org", null);
        assertThat(relay.relayDue()).isEqualTo(5);
        assertThat(calls[0]).isEqualTo(1);
        assertThat(spool.counts()).containsEntry(SpoolState.SENT, 5L);
        assertThat(spool.find(new QueueId(3)).orElseThrow().entry().providerMessageId()).contains("b-3");
    }
}
