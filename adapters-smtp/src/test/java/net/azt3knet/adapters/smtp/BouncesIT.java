package net.azt3knet.adapters.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import net.azt3knet.ports.out.email.DeliveryResult;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpoolEntry;
import net.azt3knet.ports.out.spool.SpoolState;
import net.azt3knet.ports.out.spool.SpooledMessage;
import net.azt3knet.ports.out.submission.LocalRecipients;
import net.azt3knet.testkit.fakes.InMemoryLocalRecipients;
import net.azt3knet.testkit.fakes.InMemoryMessageSpool;
import net.azt3knet.testkit.fakes.InMemorySubmissionUsers;
import net.azt3knet.testkit.fakes.InMemorySuppressedRecipients;
import net.azt3knet.testkit.fakes.ScriptedEmailDelivery;
import net.azt3knet.testkit.fixtures.SettableClock;
import org.junit.jupiter.api.Test;

/** Bounces: the DSN the relay spools back to the sender, read with Angus Mail, and the suppression list met at RCPT over a socket. */
class BouncesIT {

    private static final RelaySettings SETTINGS = new RelaySettings(10, Duration.ofMinutes(5), Duration.ofMinutes(1),
            Duration.ofHours(1), Duration.ofHours(48), Duration.ofSeconds(1));
    private static final String AGENT = "ana.garcia@pop.example.org";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final InMemoryMessageSpool spool = new InMemoryMessageSpool(clock);
    private final ScriptedEmailDelivery delivery = new ScriptedEmailDelivery();
    private final InMemorySuppressedRecipients suppressed = new InMemorySuppressedRecipients();
    private final SpoolRelay relay = new SpoolRelay(spool, delivery, SETTINGS, clock, new SplittableRandom(3), suppressed, "gw.example.org");

    private QueueId spooled(String from, String to) {
        return spool.store(new Envelope(from, List.of(to), Optional.of("agent"), "127.0.0.1", "c"),
                ("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: quarterly report\r\nMessage-ID: <m1@pop.example.org>\r\n\r\nbody text\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
    }

    private List<SpoolEntry> notifications() {
        return spool.list(Optional.empty(), null, 100).stream().filter(e -> e.envelope().reversePath().isEmpty()).toList();
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    private static String text(BodyPart p) throws Exception {
        Object c = p.getContent();
        if (c instanceof String s) return s;
        if (c instanceof InputStream in) return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        try (InputStream in = p.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aBounceToALocalSenderGoesIntoItsMailboxNotOut() throws Exception {
        InMemoryLocalRecipients mailboxes = new InMemoryLocalRecipients(AGENT);
        SpoolRelay toLocal = new SpoolRelay(spool, delivery, SETTINGS, clock, new SplittableRandom(3), suppressed, "gw.example.org", mailboxes);
        delivery.answer("gone@example.net", new DeliveryResult.PermanentFailure("smarthost mx answered 550 5.1.1 no such user",
                List.of("gone@example.net")));
        QueueId id = spooled(AGENT, "gone@example.net");

        toLocal.relayDue();

        assertThat(spool.find(id).orElseThrow().entry().state()).isEqualTo(SpoolState.BOUNCED);
        assertThat(notifications()).as("nothing spooled to relay").isEmpty();
        InMemoryLocalRecipients.Kept dsn = mailboxes.kept().get(0);
        assertThat(dsn.recipient()).isEqualTo(AGENT);
        assertThat(dsn.sender()).as("a bounce has the null sender").isEmpty();
        MimeMessage report = parse(dsn.content());
        assertThat(report.getContentType()).startsWith("multipart/report");
        assertThat(text(((MimeMultipart) report.getContent()).getBodyPart(1))).contains("Final-Recipient: rfc822; gone@example.net");
    }

    @Test
    void aPermanentFailureSpoolsAnRfc3464ReportToTheSenderAndSuppressesTheUnknownRecipient() throws Exception {
        delivery.answer("gone@example.net", new DeliveryResult.PermanentFailure("smarthost mx answered 550 5.1.1 no such user",
                List.of("gone@example.net")));
        QueueId id = spooled(AGENT, "gone@example.net");

        relay.relayDue();

        assertThat(spool.find(id).orElseThrow().entry().state()).isEqualTo(SpoolState.BOUNCED);
        assertThat(suppressed.suppressed("GONE@example.net")).isTrue();
        List<SpoolEntry> dsn = notifications();
        assertThat(dsn).hasSize(1);
        assertThat(dsn.get(0).envelope().recipients()).containsExactly(AGENT);
        assertThat(dsn.get(0).state()).isEqualTo(SpoolState.QUEUED);

        MimeMessage report = parse(spool.find(dsn.get(0).id()).orElseThrow().content());
        assertThat(report.getContentType()).startsWith("multipart/report").contains("report-type=delivery-status");
        assertThat(((InternetAddress) report.getRecipients(jakarta.mail.Message.RecipientType.TO)[0]).getAddress()).isEqualTo(AGENT);
        assertThat(((InternetAddress) report.getFrom()[0]).getAddress()).isEqualTo("MAILER-DAEMON@gw.example.org");
        assertThat(report.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        MimeMultipart parts = (MimeMultipart) report.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(text(parts.getBodyPart(0))).contains("could not be delivered").contains("gone@example.net");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("message/delivery-status");
        assertThat(text(parts.getBodyPart(1))).contains("Reporting-MTA: dns; gw.example.org").contains("Final-Recipient: rfc822; gone@example.net")
                .contains("Action: failed").contains("Status: 5.0.0").contains("550 5.1.1 no such user");
        assertThat(parts.getBodyPart(2).getContentType()).startsWith("text/rfc822-headers");
        assertThat(text(parts.getBodyPart(2))).contains("Subject: quarterly report").contains("Message-ID: <m1@pop.example.org>")
                .doesNotContain("body text");
    }

    @Test
    void aMessageStillFailingAfterTheMaximumAgeBouncesWithStatus447() throws Exception {
        delivery.answer("slow@example.net", new DeliveryResult.TransientFailure("451 try later", Optional.of(Duration.ofHours(30))),
                new DeliveryResult.TransientFailure("451 try later", Optional.of(Duration.ofHours(30))));
        QueueId id = spooled(AGENT, "slow@example.net");
        relay.relayDue();
        assertThat(spool.find(id).orElseThrow().entry().state()).isEqualTo(SpoolState.DEFERRED);
        clock.advance(Duration.ofHours(30));
        relay.relayDue();

        assertThat(spool.find(id).orElseThrow().entry().state()).isEqualTo(SpoolState.BOUNCED);
        assertThat(suppressed.all()).as("expiry is no hard bounce").isEmpty();
        SpooledMessage dsn = spool.find(notifications().get(0).id()).orElseThrow();
        MimeMultipart parts = (MimeMultipart) parse(dsn.content()).getContent();
        assertThat(text(parts.getBodyPart(1))).contains("Status: 4.4.7").contains("gave up after 2 attempts in 48 h");
    }

    @Test
    void aBounceIsNeverBounced() {
        delivery.answer("sender@example.net", new DeliveryResult.PermanentFailure("550 no such user"));
        QueueId id = spool.store(new Envelope("", List.of("sender@example.net"), Optional.empty(), "127.0.0.1", "gw"),
                "Subject: Undelivered\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));

        relay.relayDue();

        assertThat(spool.find(id).orElseThrow().entry().state()).isEqualTo(SpoolState.BOUNCED);
        assertThat(spool.counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
    }

    @Test
    void aSuppressedRecipientIsRefusedAtRcptWith550511OverARealSocketAndOthersAreAccepted() throws IOException {
        suppressed.suppress("gone@example.net", "550 no such user");
        InMemorySubmissionUsers users = new InMemorySubmissionUsers().add("agent", "agent-pw", Set.of(AGENT), Set.of());
        SmtpServerSettings s = SmtpServerSettings.submission("127.0.0.1", 0, "gw.example.org", TestCertificates.pkcs12());
        try (SubethaSmtpServer server = SubethaSmtpServer.start(s, spool, users, LocalRecipients.NONE, suppressed, clock);
             SmtpDialogue d = new SmtpDialogue(server.port())) {
            d.reply();
            d.send("EHLO client.example");
            d.startTls(TestCertificates.clientTrust(), "client.example");
            assertThat(d.authPlain("agent", "agent-pw")).startsWith("235");
            assertThat(d.send("MAIL FROM:<" + AGENT + ">")).startsWith("250");
            assertThat(d.send("RCPT TO:<Gone@Example.net>")).startsWith("550 5.1.1 <Gone@Example.net>");
            assertThat(d.send("RCPT TO:<here@example.net>")).startsWith("250");
        }
    }
}
