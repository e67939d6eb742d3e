package net.azt3knet.adapters.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.azt3knet.ports.out.email.DeliveryResult;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpoolState;
import net.azt3knet.ports.out.spool.SpooledMessage;
import net.azt3knet.ports.out.submission.LocalRecipients;
import net.azt3knet.testkit.fakes.InMemoryLocalRecipients;
import net.azt3knet.testkit.fakes.InMemoryMessageSpool;
import net.azt3knet.testkit.fakes.InMemorySubmissionUsers;
import net.azt3knet.testkit.fixtures.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The smarthost client against GreenMail (a real SMTP server) and against the gateway itself refusing or failing. */
class SmarthostEmailDeliveryIT {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final InMemoryMessageSpool spool = new InMemoryMessageSpool(clock);
    private GreenMail greenMail;
    private SubethaSmtpServer gateway;

    @BeforeEach
    void startGreenMail() {
        greenMail = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withUser("relay@example.org", "relay", "relay-pw"));
        greenMail.start();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
        if (gateway != null) gateway.close();
    }

    private SmarthostSettings smarthost(int port, String user, String password) {
        return new SmarthostSettings("127.0.0.1", port, SmarthostSettings.Security.NONE, Optional.ofNullable(user),
                Optional.ofNullable(password), "gw.example.org", Duration.ofSeconds(5));
    }

    private SpooledMessage spooled(String from, List<String> to, String body) {
        byte[] content = ("Received: from c ([127.0.0.1])\r\n\tby gw.example.org with ESMTPSA id X;\r\n\tMon, 1 Jun 2026 12:00:00 +0000\r\n"
                + "From: <agent@example.org>\r\nSubject: relayed\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
        QueueId id = spool.store(new Envelope(from, to, Optional.of("agent"), "127.0.0.1", "c"), content);
        return spool.find(id).orElseThrow();
    }

    /** GreenMail keeps a message without the CRLF that ends its last line (it takes it for part of the end mark). */
    private static String asGreenMailKeepsIt(byte[] sent) {
        String s = new String(sent, StandardCharsets.UTF_8);
        return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s;
    }

    private static byte[] bytes(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void theSpooledBytesGoToEveryEnvelopeRecipientWithAuthAndTheEnvelopeSender() throws Exception {
        SpooledMessage m = spooled("agent@example.org", List.of("one@example.net", "two@example.com"), "line one\r\n.dot line\r\n");

        DeliveryResult r = new SmarthostEmailDelivery(smarthost(greenMail.getSmtp().getPort(), "relay", "relay-pw")).deliver(m);

        assertThat(r).isInstanceOf(DeliveryResult.Sent.class);
        assertThat(((DeliveryResult.Sent) r).providerMessageId()).isNotBlank();
        MimeMessage[] got = greenMail.getReceivedMessages();
        assertThat(got).as("one copy per envelope recipient: the message itself has no To").hasSize(2);
        String received = new String(bytes(got[0]), StandardCharsets.UTF_8);
        assertThat(received).endsWith(asGreenMailKeepsIt(m.content()));
        assertThat(received).contains("Return-Path: <agent@example.org>");
    }

    @Test
    void wrongCredentialsAndAnUnreachableSmarthostAreTransientAndSayWhat() throws IOException {
        SpooledMessage m = spooled("agent@example.org", List.of("x@example.net"), "x\r\n");

        DeliveryResult refused = new SmarthostEmailDelivery(smarthost(greenMail.getSmtp().getPort(), "relay", "wrong")).deliver(m);
        assertThat(refused).isInstanceOfSatisfying(DeliveryResult.TransientFailure.class,
                t -> assertThat(t.reason()).contains("refused the credentials of relay").doesNotContain("wrong"));

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        DeliveryResult down = new SmarthostEmailDelivery(smarthost(closed, null, null)).deliver(m);
        assertThat(down).isInstanceOfSatisfying(DeliveryResult.TransientFailure.class,
                t -> assertThat(t.reason()).startsWith("cannot reach smarthost 127.0.0.1:" + closed));
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void everyAttemptIsMeteredLikeAProviderCallWithTheSmarthostsReplyCode() throws IOException {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        net.azt3knet.adapters.http.ProviderCalls.observe((provider, method, outcome, nanos) -> calls.add(provider + " " + method + " " + outcome));
        try {
            SpooledMessage m = spooled("agent@example.org", List.of("x@example.net"), "x\r\n");
            new SmarthostEmailDelivery(smarthost(greenMail.getSmtp().getPort(), "relay", "relay-pw")).deliver(m);
            new SmarthostEmailDelivery(smarthost(greenMail.getSmtp().getPort(), "relay", "wrong")).deliver(m);
            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort();
            }
            new SmarthostEmailDelivery(smarthost(closed, null, null)).deliver(m);
            assertThat(calls).containsExactly("Smarthost SMTP 250", "Smarthost SMTP 535", "Smarthost SMTP unreachable");
        } finally {
            net.azt3knet.adapters.http.ProviderCalls.observe(null);
        }
    }

    @Test
    void aFiveHundredReplyIsPermanentAndAFourHundredReplyIsTransient() {
        InMemoryMessageSpool gatewaySpool = new InMemoryMessageSpool(clock);
        SmtpServerSettings plain = new SmtpServerSettings("127.0.0.1", 0, "upstream.example.org", Optional.empty(), true, 100_000, 10, 10,
                10, 10, Duration.ofSeconds(10));
        InMemoryLocalRecipients mailboxes = new InMemoryLocalRecipients("inbox@local.example");
        gateway = SubethaSmtpServer.start(plain, gatewaySpool, new InMemorySubmissionUsers(), mailboxes, clock);
        SmarthostEmailDelivery toGateway = new SmarthostEmailDelivery(smarthost(gateway.port(), null, null));

        DeliveryResult relayDenied = toGateway.deliver(spooled("agent@example.org", List.of("someone@example.net"), "x\r\n"));
        assertThat(relayDenied).isInstanceOfSatisfying(DeliveryResult.PermanentFailure.class,
                p -> assertThat(p.reason()).contains("550 5.7.1").contains("Relay access denied"));

        mailboxes.failDeliveries(true);
        DeliveryResult storeDown = toGateway.deliver(spooled("agent@example.org", List.of("inbox@local.example"), "x\r\n"));
        assertThat(storeDown).isInstanceOfSatisfying(DeliveryResult.TransientFailure.class,
                t -> assertThat(t.reason()).contains("451 4.3.0"));

        mailboxes.failDeliveries(false);
        DeliveryResult kept = toGateway.deliver(spooled("", List.of("inbox@local.example"), "a bounce\r\n"));
        assertThat(kept).isInstanceOf(DeliveryResult.Sent.class);
        assertThat(mailboxes.kept()).singleElement().satisfies(k -> assertThat(k.sender()).as("the null sender stays null").isEmpty());
    }

    @Test
    void aMessageSubmittedToTheGatewayIsRelayedThroughTheSmarthostOnce() throws Exception {
        InMemorySubmissionUsers users = new InMemorySubmissionUsers().add("agent", "agent-pw", java.util.Set.of("agent@example.org"), java.util.Set.of());
        gateway = SubethaSmtpServer.start(SmtpServerSettings.submission("127.0.0.1", 0, "gw.example.org", TestCertificates.pkcs12()),
                spool, users, LocalRecipients.NONE, clock);
        byte[] raw = "From: <agent@example.org>\r\nTo: <friend@example.net>\r\nSubject: end to end\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        try (SmtpDialogue d = new SmtpDialogue(gateway.port())) {
            d.reply();
            d.send("EHLO client.example");
            d.startTls(TestCertificates.clientTrust(), "client.example");
            assertThat(d.authPlain("agent", "agent-pw")).startsWith("235");
            d.send("MAIL FROM:<agent@example.org>");
            d.send("RCPT TO:<friend@example.net>");
            assertThat(d.data(raw)).startsWith("250 2.0.0 Ok: queued as ");
        }
        SpoolRelay relay = new SpoolRelay(spool, new SmarthostEmailDelivery(smarthost(greenMail.getSmtp().getPort(), "relay", "relay-pw")),
                RelaySettings.defaults(), clock, new SplittableRandom(1));

        assertThat(relay.relayDue()).isEqualTo(1);
        assertThat(relay.relayDue()).isZero();

        MimeMessage[] got = greenMail.getReceivedMessages();
        assertThat(got).hasSize(1);
        assertThat(new String(bytes(got[0]), StandardCharsets.US_ASCII)).contains("with ESMTPSA id").endsWith(asGreenMailKeepsIt(raw));
        assertThat(spool.counts()).containsEntry(SpoolState.SENT, 1L).containsEntry(SpoolState.QUEUED, 0L);
    }
}
