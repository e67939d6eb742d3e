package net.azt3knet.adapters.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import net.azt3knet.adapters.smtp.SmtpServerSettings.Rate;
import net.azt3knet.testkit.fakes.InMemoryMessageSpool;
import net.azt3knet.testkit.fakes.InMemorySubmissionUsers;
import net.azt3knet.testkit.fixtures.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dialogue's limits over real sockets (rates per user and per sender, connections per client and in total, the
 * silence timeout) and what the gateway reports of its dialogues to {@link SmtpEvents}.
 */
class DialogueLimitsIT {

    private static final String AGENT = "ana.garcia@pop.example.org";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final InMemoryMessageSpool spool = new InMemoryMessageSpool(clock);
    private final InMemorySubmissionUsers users = new InMemorySubmissionUsers()
            .add("agent", "agent-pw", Set.of(AGENT), Set.of())
            .add("agent2", "agent2-pw", Set.of(AGENT), Set.of())
            .add("app", "app-pw", Set.of(), Set.of("apps.example.org"));
    private SubethaSmtpServer server;

    private void start(UnaryOperator<SmtpServerSettings> tune) {
        SmtpServerSettings s = tune.apply(SmtpServerSettings.submission("127.0.0.1", 0, "gw.example.org", TestCertificates.pkcs12()));
        server = SubethaSmtpServer.start(s, spool, users, net.azt3knet.ports.out.submission.LocalRecipients.NONE, clock);
    }

    private static SmtpServerSettings connections(SmtpServerSettings s, int total, int perClient, Duration timeout) {
        return new SmtpServerSettings(s.bindHost(), s.port(), s.hostName(), s.tls(), s.plaintextOnLoopback(), s.maxMessageBytes(),
                s.maxRecipients(), s.maxMessagesPerSession(), total, perClient, timeout, s.implicitTls(), s.ratePerUser(), s.ratePerSender(),
                s.trustLoopback());
    }

    @AfterEach
    void stop() {
        SmtpEvents.observe(null);
        if (server != null) server.close();
    }

    private SmtpDialogue authenticated(String user, String password) throws IOException {
        SmtpDialogue d = new SmtpDialogue(server.port());
        assertThat(d.reply()).startsWith("220 gw.example.org");
        d.send("EHLO client.example");
        d.startTls(TestCertificates.clientTrust(), "client.example");
        assertThat(d.authPlain(user, password)).startsWith("235");
        return d;
    }

    /** MAIL, then RSET so the next MAIL starts a new transaction; returns MAIL's reply. */
    private static String mail(SmtpDialogue d, String from) throws IOException {
        String reply = d.send("MAIL FROM:<" + from + ">");
        d.send("RSET");
        return reply;
    }

    private static long retryHint(String reply) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("try again in (\\d+) s$").matcher(reply);
        assertThat(m.find()).as(reply).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void aUserOverItsRateIsRefused451WithWhenToTryAgainAndOtherUsersAreNot() throws IOException {
        start(s -> s.withRates(Optional.of(new Rate(2, Duration.ofHours(1))), Optional.empty()));
        try (SmtpDialogue d = authenticated("agent", "agent-pw")) {
            assertThat(mail(d, AGENT)).startsWith("250");
            assertThat(mail(d, AGENT)).startsWith("250");
            String refused = mail(d, AGENT);
            assertThat(refused).startsWith("451 4.7.1 Too many messages from user agent (at most 2/h); try again in ");
            assertThat(retryHint(refused)).isBetween(3590L, 3600L);
        }
        try (SmtpDialogue again = authenticated("agent", "agent-pw")) {
            assertThat(mail(again, AGENT)).as("the rate is the user's, not the connection's").startsWith("451 4.7.1");
        }
        try (SmtpDialogue other = authenticated("agent2", "agent2-pw")) {
            assertThat(mail(other, AGENT)).as("another user, same address, no sender rate").startsWith("250");
        }
    }

    @Test
    void aSenderOverItsRateIsRefused452WhateverTheUserAndItsWindowRenews() throws IOException, InterruptedException {
        start(s -> s.withRates(Optional.empty(), Optional.of(new Rate(2, Duration.ofSeconds(2)))));
        try (SmtpDialogue d = authenticated("app", "app-pw"); SmtpDialogue other = authenticated("agent", "agent-pw")) {
            assertThat(mail(d, "news@apps.example.org")).startsWith("250");
            assertThat(mail(d, "NEWS@apps.example.org")).as("addresses compare without case").startsWith("250");
            String refused = mail(d, "news@apps.example.org");
            assertThat(refused).startsWith("452 4.4.5 Too many messages from <news@apps.example.org> (at most 2/2s); try again in ");
            assertThat(retryHint(refused)).isBetween(1L, 2L);
            assertThat(mail(d, "billing@apps.example.org")).as("another sender").startsWith("250");
            assertThat(mail(other, AGENT)).startsWith("250");
            Thread.sleep(2_100);
            assertThat(mail(d, "news@apps.example.org")).as("a new window").startsWith("250");
        }
        assertThat(spool.counts().values()).as("MAIL alone queues nothing").containsOnly(0L);
    }

    @Test
    void connectionsPerClientAndInTotalAreLimitedAndFreedWhenASessionEnds() throws IOException {
        start(s -> connections(s, 10, 2, s.timeout()));
        try (SmtpDialogue a = new SmtpDialogue(server.port()); SmtpDialogue b = new SmtpDialogue(server.port())) {
            assertThat(a.reply()).startsWith("220");
            assertThat(b.reply()).startsWith("220");
            try (SmtpDialogue c = new SmtpDialogue(server.port())) {
                assertThat(c.reply()).startsWith("421");
            }
            a.send("QUIT");
        }
        server.close();
        start(s -> connections(s, 2, 10, s.timeout()));
        try (SmtpDialogue a = new SmtpDialogue(server.port()); SmtpDialogue b = new SmtpDialogue(server.port())) {
            assertThat(a.reply()).startsWith("220");
            assertThat(b.reply()).startsWith("220");
            try (SmtpDialogue c = new SmtpDialogue(server.port())) {
                assertThat(c.reply()).isEqualTo("421 4.7.0 Too many connections; try again later");
            }
            assertThat(a.send("QUIT")).startsWith("221");
        }
        awaitSessionsEnded();
        try (SmtpDialogue again = new SmtpDialogue(server.port())) {
            assertThat(again.reply()).as("the ended sessions no longer count").startsWith("220");
        }
    }

    /** The server sees the close a moment after the client. */
    private void awaitSessionsEnded() throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (SmtpDialogue probe = new SmtpDialogue(server.port())) {
                if (probe.reply().startsWith("220")) return;
            }
        }
    }

    @Test
    void aSilentClientIsDisconnectedAfterTheTimeout() throws IOException {
        start(s -> connections(s, 10, 10, Duration.ofMillis(500)));
        long before = System.nanoTime();
        try (SmtpDialogue d = new SmtpDialogue(server.port())) {
            assertThat(d.reply()).startsWith("220");
            assertThat(d.reply()).isEqualTo("421 Timeout waiting for data from client.");
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isBetween(Duration.ofMillis(400), Duration.ofSeconds(5));
        }
    }

    /** Counts what the gateway reports, by kind and value. */
    static final class Recorder implements SmtpEvents.Observer {
        final Map<String, Integer> counts = new ConcurrentHashMap<>();
        final List<Integer> replies = new CopyOnWriteArrayList<>();

        private void add(String key) {
            counts.merge(key, 1, Integer::sum);
        }

        @Override
        public void connection(String outcome) {
            add("connection:" + outcome);
        }

        @Override
        public void session(String outcome) {
            add("session:" + outcome);
        }

        @Override
        public void authFailure(String reason) {
            add("auth:" + reason);
        }

        @Override
        public void reply(int code) {
            replies.add(code);
        }

        @Override
        public void message(String outcome) {
            add("message:" + outcome);
        }
    }

    @Test
    void theDialogueIsReportedToTheObserver() throws IOException {
        Recorder events = new Recorder();
        SmtpEvents.observe(events);
        start(s -> connections(s, 10, 1, s.timeout()).withRates(Optional.of(new Rate(1, Duration.ofHours(1))), Optional.empty()));
        try (SmtpDialogue d = new SmtpDialogue(server.port())) {
            d.reply();
            d.send("EHLO client.example");
            d.startTls(TestCertificates.clientTrust(), "client.example");
            assertThat(d.authPlain("agent", "wrong")).startsWith("535");
            assertThat(d.authPlain("agent", "agent-pw")).startsWith("235");
            try (SmtpDialogue second = new SmtpDialogue(server.port())) {
                assertThat(second.reply()).startsWith("421");
            }
            d.send("MAIL FROM:<" + AGENT + ">");
            assertThat(d.send("RCPT TO:<to@example.net>")).startsWith("250");
            assertThat(d.send("RCPT TO:<not an address>")).startsWith("501");
            assertThat(d.data("Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII))).startsWith("250 2.0.0 Ok: queued as");
            assertThat(d.send("MAIL FROM:<" + AGENT + ">")).startsWith("451 4.7.1");
            d.send("QUIT");
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!events.counts.containsKey("session:queued") && System.nanoTime() < deadline) Thread.onSpinWait();
        assertThat(events.counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                "connection:accepted", 1, "connection:per_client", 1, "auth:credentials", 1, "message:accepted", 1, "session:queued", 1));
        assertThat(events.replies).containsExactly(220, 535, 235, 421, 250, 250, 501, 250, 451);
    }
}
