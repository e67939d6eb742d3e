package net.azt3knet.adapters.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.azt3knet.adapters.smtp.SmtpServerSettings.TlsCertificate;
import net.azt3knet.ports.out.spool.SpoolState;
import net.azt3knet.ports.out.spool.SpooledMessage;
import net.azt3knet.testkit.fakes.InMemoryLocalRecipients;
import net.azt3knet.testkit.fakes.InMemoryMessageSpool;
import net.azt3knet.testkit.fakes.InMemorySubmissionUsers;
import net.azt3knet.testkit.fixtures.SettableClock;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway over real sockets: a raw client where exact bytes matter, Angus Mail as a real mail client. */
class SubethaSmtpServerIT {

    private static final String AGENT = "ana.garcia@pop.example.org";
    private static final String LOCAL = "inbox@pop.example.org";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final InMemoryMessageSpool spool = new InMemoryMessageSpool(clock);
    private final InMemorySubmissionUsers users = new InMemorySubmissionUsers()
            .add("agent", "agent-pw", Set.of(AGENT), Set.of())
            .add("app", "app-pw", Set.of(), Set.of("apps.example.org"));
    private final InMemoryLocalRecipients local = new InMemoryLocalRecipients(LOCAL);
    private SubethaSmtpServer server;

    private SubethaSmtpServer start(UnaryOperator<SmtpServerSettings> tune) {
        return start(TestCertificates.pkcs12(), tune);
    }

    private SubethaSmtpServer start(TlsCertificate certificate, UnaryOperator<SmtpServerSettings> tune) {
        SmtpServerSettings s = tune.apply(SmtpServerSettings.submission("127.0.0.1", 0, "gw.example.org", certificate));
        server = SubethaSmtpServer.start(s, spool, users, local, clock);
        return server;
    }

    private static SmtpServerSettings limits(SmtpServerSettings s, int maxBytes, int maxRecipients, int maxMessages) {
        return new SmtpServerSettings(s.bindHost(), s.port(), s.hostName(), s.tls(), s.plaintextOnLoopback(), maxBytes, maxRecipients,
                maxMessages, s.maxConnections(), s.maxConnectionsPerClient(), s.timeout());
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private SmtpDialogue tlsSession() throws IOException {
        SmtpDialogue d = new SmtpDialogue(server.port());
        assertThat(d.reply()).startsWith("220 gw.example.org");
        assertThat(d.send("EHLO client.example")).startsWith("250");
        d.startTls(TestCertificates.clientTrust(), "client.example");
        return d;
    }

    private SmtpDialogue authenticated(String user, String password) throws IOException {
        SmtpDialogue d = tlsSession();
        assertThat(d.authPlain(user, password)).startsWith("235");
        return d;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void beforeStartTlsAuthIsNotOfferedAndNeitherAuthNorMailIsAccepted() throws IOException {
        start(s -> s);
        try (SmtpDialogue d = new SmtpDialogue(server.port())) {
            d.reply();
            String ehlo = d.send("EHLO client.example");
            assertThat(ehlo).contains("250-STARTTLS").contains("250-SIZE " + SmtpServerSettings.DEFAULT_MAX_MESSAGE_BYTES).doesNotContain("AUTH");
            assertThat(d.authPlain("agent", "agent-pw")).startsWith("530");
            assertThat(d.send("MAIL FROM:<" + AGENT + ">")).startsWith("530");
        }
    }

    @Test
    void afterStartTlsAuthPlainAndLoginAreOfferedAndAWrongPasswordIsRefused() throws IOException {
        start(s -> s);
        try (SmtpDialogue d = tlsSession()) {
            String ehlo = d.send("EHLO client.example");
            assertThat(ehlo).containsPattern("250-AUTH (PLAIN LOGIN|LOGIN PLAIN)");
            assertThat(d.authPlain("agent", "wrong")).startsWith("535");
            assertThat(d.authPlain("nobody", "agent-pw")).startsWith("535");
            assertThat(d.authPlain("agent", "agent-pw")).startsWith("235");
        }
    }

    @Test
    void aClientWithFiveFailedLoginsIsRefusedEvenTheRightPasswordAndNewConnectionsUntilTheyAgeOut() throws IOException {
        start(s -> s);
        try (SmtpDialogue d = tlsSession()) {
            for (int i = 0; i < AuthThrottle.MAX_FAILURES; i++) assertThat(d.authPlain("agent", "guess" + i)).startsWith("535");
            assertThat(d.authPlain("agent", "agent-pw")).as("the password is not even checked").startsWith("535");
        }
        try (SmtpDialogue d = new SmtpDialogue(server.port())) {
            assertThat(d.reply()).isEqualTo("421 4.7.0 Too many failed logins from your address; try again later");
        }
        clock.advance(AuthThrottle.WINDOW);
        try (SmtpDialogue d = authenticated("agent", "agent-pw")) {
            assertThat(d.send("NOOP")).startsWith("250");
        }
    }

    @Test
    void aMessageFromAnOwnAddressIsQueuedWithItsIdInTheReplyAndSpooledByteForByteUnderOurReceivedHeader() throws IOException {
        start(s -> s);
        String raw = "From: <" + AGENT + ">\r\nTo: <someone@example.net>\r\nSubject: hi\r\n\r\n"
                + "caf\u00e9 8-bit\r\n..a stuffed dot line\r\nlast\r\n";
        String reply;
        try (SmtpDialogue d = authenticated("agent", "agent-pw")) {
            assertThat(d.send("MAIL FROM:<" + AGENT + ">")).startsWith("250");
            assertThat(d.send("RCPT TO:<someone@example.net>")).startsWith("250");
            assertThat(d.send("RCPT TO:<other@example.com>")).startsWith("250");
            reply = d.data(bytes(raw));
        }
        assertThat(reply).matches("250 2\\.0\\.0 Ok: queued as \\d+");
        SpooledMessage m = spool.find(net.azt3knet.ports.out.spool.QueueId.parse(reply.substring(reply.lastIndexOf(' ') + 1))).orElseThrow();
        String unstuffed = raw.replace("\r\n..a", "\r\n.a");
        byte[] content = m.content();
        String received = new String(content, 0, content.length - bytes(unstuffed).length, StandardCharsets.ISO_8859_1);
        assertThat(Arrays.copyOfRange(content, received.length(), content.length)).isEqualTo(bytes(unstuffed));
        assertThat(received).startsWith("Received: from client.example ([127.0.0.1])\r\n\tby gw.example.org with ESMTPSA id ")
                .endsWith("Mon, 1 Jun 2026 12:00:00 +0000\r\n");
        assertThat(m.envelope().reversePath()).isEqualTo(AGENT);
        assertThat(m.envelope().recipients()).containsExactly("someone@example.net", "other@example.com");
        assertThat(m.envelope().submitter()).contains("agent");
        assertThat(m.entry().state()).isEqualTo(SpoolState.QUEUED);
    }

    @Test
    void angusMailSubmitsWithStartTlsAndAuthAndGetsTheQueueIdAsADomainUserSendingOnItsDomain() throws Exception {
        start(TestCertificates.pem(), s -> s);
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(server.port()));
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.socketFactory", TestCertificates.clientTrust().getSocketFactory());
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.localhost", "app.example");
        Session session = Session.getInstance(p);
        MimeMessage msg = new MimeMessage(session);
        msg.setFrom(new InternetAddress("billing@apps.example.org"));
        msg.setRecipient(Message.RecipientType.TO, new InternetAddress("customer@example.net"));
        msg.setSubject("Your invoice");
        msg.setText("Thank you.\r\n");
        msg.saveChanges();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        msg.writeTo(written);

        String reply;
        try (SMTPTransport t = (SMTPTransport) session.getTransport("smtp")) {
            t.connect("app", "app-pw");
            t.sendMessage(msg, msg.getAllRecipients());
            reply = t.getLastServerResponse().strip();
        }
        assertThat(reply).matches("250 2\\.0\\.0 Ok: queued as \\d+");
        SpooledMessage m = spool.find(net.azt3knet.ports.out.spool.QueueId.parse(reply.substring(reply.lastIndexOf(' ') + 1))).orElseThrow();
        byte[] content = m.content();
        assertThat(Arrays.copyOfRange(content, content.length - written.size(), content.length)).isEqualTo(written.toByteArray());
        assertThat(new String(content, StandardCharsets.US_ASCII)).startsWith("Received: from app.example ([127.0.0.1])");
    }

    @Test
    void aChunkedMessageIsSpooledWholeAndOnlyTheLastChunkIsAnsweredWithTheQueueId() throws IOException {
        start(s -> s);
        byte[] first = bytes("Subject: chunks\r\n\r\nfirst half, ");
        byte[] last = bytes("second half\r\n");
        String lastReply;
        try (SmtpDialogue d = authenticated("agent", "agent-pw")) {
            d.send("MAIL FROM:<" + AGENT + ">");
            d.send("RCPT TO:<x@example.net>");
            d.write(bytes("BDAT " + first.length + "\r\n"));
            d.write(first);
            assertThat(d.reply()).startsWith("250").doesNotContain("queued");
            assertThat(spool.counts().get(SpoolState.QUEUED)).as("nothing is stored before the last chunk").isZero();
            d.write(bytes("BDAT " + last.length + " LAST\r\n"));
            d.write(last);
            lastReply = d.reply();
        }
        assertThat(lastReply).matches("250 2\\.0\\.0 Ok: queued as \\d+");
        byte[] content = spool.find(net.azt3knet.ports.out.spool.QueueId.parse(lastReply.substring(lastReply.lastIndexOf(' ') + 1)))
                .orElseThrow().content();
        assertThat(new String(content, StandardCharsets.ISO_8859_1)).endsWith("Subject: chunks\r\n\r\nfirst half, second half\r\n");
    }

    @Test
    void anAuthenticatedUserSendingAsSomeoneElseIsRefused550AndNothingIsSpooled() throws Exception {
        start(s -> s);
        try (SmtpDialogue d = authenticated("agent", "agent-pw")) {
            assertThat(d.send("MAIL FROM:<ceo@pop.example.org>")).startsWith("550 5.7.1 <ceo@pop.example.org>: Sender address not owned");
            assertThat(d.send("MAIL FROM:<>")).as("nor as the null sender").startsWith("550 5.7.1");
        }
        Properties p = new Properties();
        p.put("mail.smtp.port", Integer.toString(server.port()));
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.ssl.socketFactory", TestCertificates.clientTrust().getSocketFactory());
        Session session = Session.getInstance(p);
        MimeMessage msg = new MimeMessage(session);
        msg.setFrom(new InternetAddress("someone.else@pop.example.org"));
        msg.setRecipient(Message.RecipientType.TO, new InternetAddress("x@example.net"));
        msg.setText("spoof");
        try (SMTPTransport t = (SMTPTransport) session.getTransport("smtp")) {
            t.connect("127.0.0.1", "agent", "agent-pw");
            assertThatThrownBy(() -> t.sendMessage(msg, msg.getAllRecipients()))
                    .isInstanceOfSatisfying(SMTPSendFailedException.class, e -> {
                        assertThat(e.getReturnCode()).isEqualTo(550);
                        assertThat(e.getMessage()).contains("5.7.1");
                    });
        }
        assertThat(spool.counts().get(SpoolState.QUEUED)).isZero();
    }

    @Test
    void withoutAuthOnlyLocalMailboxesAreReachableTheirMailIsKeptThereAndNothingIsSpooled() throws IOException {
        start(s -> s);
        String reply;
        try (SmtpDialogue d = tlsSession()) {
            assertThat(d.send("MAIL FROM:<stranger@example.com>")).startsWith("250");
            assertThat(d.send("RCPT TO:<victim@example.net>")).isEqualTo("550 5.7.1 <victim@example.net>: Relay access denied");
            assertThat(d.send("RCPT TO:<nobody@pop.example.org>"))
                    .isEqualTo("550 5.1.1 <nobody@pop.example.org>: Recipient address rejected: no such mailbox here");
            assertThat(d.send("RCPT TO:<" + LOCAL.toUpperCase(java.util.Locale.ROOT) + ">")).startsWith("250");
            reply = d.data(bytes("Message-ID: <one@example.com>\r\nSubject: hello\r\n\r\nfor the local inbox\r\n"));
        }
        assertThat(reply).isEqualTo("250 2.0.0 Ok: delivered to 1 local mailbox");
        assertThat(spool.counts().values()).as("local mail is not relayed").allMatch(n -> n == 0L);
        InMemoryLocalRecipients.Kept kept = local.kept().get(0);
        assertThat(kept.recipient()).isEqualTo(LOCAL);
        assertThat(kept.sender()).isEqualTo("stranger@example.com");
        assertThat(kept.text()).startsWith("Received: from client.example").contains("with ESMTPS id").endsWith("for the local inbox\r\n");
    }

    @Test
    void anAuthenticatedMessageToLocalAndRemoteRecipientsIsKeptForTheLocalOneAndSpooledForTheOthers() throws IOException {
        start(s -> s);
        String reply;
        try (SmtpDialogue d = authenticated("agent", "agent-pw")) {
            d.send("MAIL FROM:<" + AGENT + ">");
            assertThat(d.send("RCPT TO:<friend@example.net>")).startsWith("250");
            assertThat(d.send("RCPT TO:<" + LOCAL + ">")).startsWith("250");
            assertThat(d.send("RCPT TO:<typo@pop.example.org>")).as("authenticated or not, an unknown local address does not exist")
                    .startsWith("550 5.1.1");
            reply = d.data(bytes("Message-ID: <mixed@example.org>\r\nSubject: both\r\n\r\nx\r\n"));
        }
        assertThat(reply).matches("250 2\\.0\\.0 Ok: queued as \\d+");
        SpooledMessage m = spool.find(net.azt3knet.ports.out.spool.QueueId.parse(reply.substring(reply.lastIndexOf(' ') + 1))).orElseThrow();
        assertThat(m.envelope().recipients()).containsExactly("friend@example.net");
        assertThat(local.kept()).extracting(InMemoryLocalRecipients.Kept::recipient).containsExactly(LOCAL);
        assertThat(local.kept().get(0).content()).isEqualTo(m.content());
    }

    @Test
    void whenTheMailboxesFailTheReplyIs451NothingIsSpooledAndTheResentMessageIsKeptOnce() throws IOException {
        start(s -> s);
        byte[] message = bytes("Message-ID: <again@example.org>\r\nSubject: keep me\r\n\r\nimportant\r\n");
        try (SmtpDialogue d = authenticated("agent", "agent-pw")) {
            local.failDeliveries(true);
            d.send("MAIL FROM:<" + AGENT + ">");
            d.send("RCPT TO:<" + LOCAL + ">");
            d.send("RCPT TO:<friend@example.net>");
            assertThat(d.data(message)).isEqualTo("451 4.3.0 Message not delivered: the local mailboxes are unavailable; try again later");
            assertThat(spool.counts().values()).as("not half-accepted: the remote copy waits too").allMatch(n -> n == 0L);

            local.failDeliveries(false);
            d.send("RSET");
            for (int i = 0; i < 2; i++) { // the second send is a client that never saw the first 250
                d.send("MAIL FROM:<" + AGENT + ">");
                d.send("RCPT TO:<" + LOCAL + ">");
                assertThat(d.data(message)).isEqualTo("250 2.0.0 Ok: delivered to 1 local mailbox");
            }
        }
        assertThat(local.kept()).hasSize(1);
    }

    @Test
    void implicitTlsSpeaksTlsFromTheFirstByteOffersAuthAtOnceAndAngusMailSubmitsOnIt() throws Exception {
        start(s -> s.withImplicitTls("127.0.0.1", 0));
        int smtps = server.implicitTlsPort().orElseThrow();
        assertThat(smtps).isNotEqualTo(server.port());
        try (javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) TestCertificates.clientTrust().getSocketFactory()
                .createSocket("127.0.0.1", smtps)) {
            tls.setSoTimeout(10_000);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(tls.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("220 gw.example.org");
            tls.getOutputStream().write(bytes("EHLO client.example\r\n"));
            StringBuilder ehlo = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                ehlo.append(line).append('\n');
                if (line.startsWith("250 ")) break;
            }
            assertThat(ehlo.toString()).containsPattern("250-AUTH (PLAIN LOGIN|LOGIN PLAIN)").doesNotContain("STARTTLS");
            tls.getOutputStream().write(bytes("MAIL FROM:<" + AGENT + ">\r\n"));
            assertThat(in.readLine()).as("no STARTTLS needed first").startsWith("250");
        }
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(smtps));
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.ssl.enable", "true");
        p.put("mail.smtp.ssl.socketFactory", TestCertificates.clientTrust().getSocketFactory());
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.localhost", "app.example");
        Session session = Session.getInstance(p);
        MimeMessage msg = new MimeMessage(session);
        msg.setFrom(new InternetAddress(AGENT));
        msg.setRecipient(Message.RecipientType.TO, new InternetAddress("friend@example.net"));
        msg.setSubject("over 465");
        msg.setText("hello\r\n");
        String reply;
        try (SMTPTransport t = (SMTPTransport) session.getTransport("smtp")) {
            t.connect("agent", "agent-pw");
            t.sendMessage(msg, msg.getAllRecipients());
            reply = t.getLastServerResponse().strip();
        }
        assertThat(reply).matches("250 2\\.0\\.0 Ok: queued as \\d+");
        SpooledMessage m = spool.find(net.azt3knet.ports.out.spool.QueueId.parse(reply.substring(reply.lastIndexOf(' ') + 1))).orElseThrow();
        assertThat(new String(m.content(), StandardCharsets.US_ASCII)).contains("with ESMTPSA id");
        assertThat(m.envelope().submitter()).contains("agent");
        // the submission port is unchanged: STARTTLS first
        try (SmtpDialogue d = new SmtpDialogue(server.port())) {
            d.reply();
            assertThat(d.send("EHLO client.example")).contains("STARTTLS").doesNotContain("AUTH");
        }
        assertThatThrownBy(() -> SmtpServerSettings.submission("127.0.0.1", 0, "gw", TestCertificates.pem()).withImplicitTls("127.0.0.1", 70000))
                .hasMessageStartingWith("smtp implicit TLS port: 70000");
        assertThatThrownBy(() -> new SmtpServerSettings("127.0.0.1", 0, "gw", Optional.empty(), true, 1000, 10, 10, 10, 10,
                Duration.ofSeconds(30)).withImplicitTls("127.0.0.1", 0)).hasMessageStartingWith("smtp implicit TLS: needs a certificate");
    }

    @Test
    void anOversizeMessageIsRefused552WhetherDeclaredOrSentAndTheSessionGoesOn() throws IOException {
        start(s -> limits(s, 1000, 100, 100));
        try (SmtpDialogue d = authenticated("agent", "agent-pw")) {
            assertThat(d.send("EHLO client.example")).contains("250-SIZE 1000");
            assertThat(d.send("MAIL FROM:<" + AGENT + "> SIZE=5000")).startsWith("552 5.3.4");
            assertThat(d.send("MAIL FROM:<" + AGENT + ">")).startsWith("250");
            assertThat(d.send("RCPT TO:<x@example.net>")).startsWith("250");
            String big = "Subject: big\r\n\r\n" + ("x".repeat(78) + "\r\n").repeat(20);
            assertThat(d.data(bytes(big))).startsWith("552 5.3.4");
            assertThat(d.send("NOOP")).as("the rest of the data was read, not taken for commands").startsWith("250");
            assertThat(d.send("RSET")).startsWith("250");
        }
        assertThat(spool.counts().get(SpoolState.QUEUED)).isZero();
    }

    @Test
    void whenTheSpoolFailsTheReplyIs451AndTheSameMessageIsQueuedWhenTheClientTriesAgain() throws IOException {
        start(s -> s);
        byte[] message = bytes("Subject: keep me\r\n\r\nimportant\r\n");
        try (SmtpDialogue d = authenticated("agent", "agent-pw")) {
            spool.failStores(true);
            d.send("MAIL FROM:<" + AGENT + ">");
            d.send("RCPT TO:<x@example.net>");
            assertThat(d.data(message)).isEqualTo("451 4.3.0 Message not queued: the spool is unavailable; try again later");
            assertThat(spool.counts().values()).allMatch(n -> n == 0L);

            spool.failStores(false);
            d.send("RSET");
            d.send("MAIL FROM:<" + AGENT + ">");
            d.send("RCPT TO:<x@example.net>");
            assertThat(d.data(message)).startsWith("250 2.0.0 Ok: queued as ");
        }
        assertThat(spool.counts().get(SpoolState.QUEUED)).isEqualTo(1L);
    }

    @Test
    void aSpoolOverItsBudgetAnswers451UntilTheRelayMakesRoom() throws IOException {
        server = SubethaSmtpServer.start(SmtpServerSettings.submission("127.0.0.1", 0, "gw.example.org", TestCertificates.pkcs12()),
                spool, users, local, net.azt3knet.ports.out.spool.SuppressedRecipients.NONE, new SpoolBudget(2, 1_000_000), clock);
        byte[] message = bytes("Subject: room?\r\n\r\nbody\r\n");
        try (SmtpDialogue d = authenticated("agent", "agent-pw")) {
            for (int i = 0; i < 3; i++) {
                d.send("MAIL FROM:<" + AGENT + ">");
                d.send("RCPT TO:<x" + i + "@example.net>");
                String reply = d.data(message);
                if (i < 2) assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
                else assertThat(reply).as("the third does not fit").isEqualTo("451 4.3.0 Message not queued: the spool is full; try again later");
            }
            assertThat(spool.counts().get(SpoolState.QUEUED)).isEqualTo(2L);

            // the relay sends one; a second later the spool is measured again and there is room for one more
            var claimed = spool.claim(1, Duration.ofMinutes(1)).get(0);
            spool.markSending(claimed.id());
            spool.markSent(claimed.id(), "p");
            clock.advance(Duration.ofSeconds(1));
            d.send("MAIL FROM:<" + AGENT + ">");
            d.send("RCPT TO:<x3@example.net>");
            assertThat(d.data(message)).startsWith("250 2.0.0 Ok: queued as ");
            d.send("MAIL FROM:<" + AGENT + ">");
            d.send("RCPT TO:<x4@example.net>");
            assertThat(d.data(message)).startsWith("451 4.3.0");
        }
    }

    @Test
    void recipientsPerMessageAndMessagesPerSessionAreLimited() throws IOException {
        start(s -> limits(s, 10_000, 2, 1));
        try (SmtpDialogue d = authenticated("agent", "agent-pw")) {
            d.send("MAIL FROM:<" + AGENT + ">");
            assertThat(d.send("RCPT TO:<a@example.net>")).startsWith("250");
            assertThat(d.send("RCPT TO:<b@example.net>")).startsWith("250");
            assertThat(d.send("RCPT TO:<c@example.net>")).startsWith("452 4.5.3");
            assertThat(d.data(bytes("Subject: two\r\n\r\nx\r\n"))).startsWith("250 2.0.0");
            assertThat(d.send("MAIL FROM:<" + AGENT + ">")).startsWith("452 4.7.0");
        }
        assertThat(spool.find(spool.list(Optional.empty(), null, 1).get(0).id()).orElseThrow().envelope().recipients())
                .containsExactly("a@example.net", "b@example.net");
    }

    @Test
    void aMessageThatHasPassedMoreThanThirtyRelaysIsRefusedAsALoop() throws IOException {
        start(s -> s);
        String thirty = "Received: from a by b; Mon, 1 Jun 2026 11:00:00 +0000\r\n".repeat(30);
        try (SmtpDialogue d = authenticated("agent", "agent-pw")) {
            d.send("MAIL FROM:<" + AGENT + ">");
            d.send("RCPT TO:<x@example.net>");
            assertThat(d.data(bytes("Received: from z by y;\r\n\tMon, 1 Jun 2026 10:00:00 +0000\r\n" + thirty + "Subject: loop\r\n\r\nx\r\n")))
                    .startsWith("554 5.4.6");
            d.send("MAIL FROM:<" + AGENT + ">");
            d.send("RCPT TO:<x@example.net>");
            assertThat(d.data(bytes(thirty + "Subject: fine\r\n\r\nReceived: in the body does not count\r\n"))).startsWith("250 2.0.0");
        }
    }

    @Test
    void thePlaintextOverrideOffersAuthWithoutTlsOnLoopbackOnlyAndATlsServerNeedsACertificate() throws IOException {
        start(s -> new SmtpServerSettings(s.bindHost(), 0, s.hostName(), Optional.empty(), true, 1000, 10, 10, 10, 10, Duration.ofSeconds(30)));
        try (SmtpDialogue d = new SmtpDialogue(server.port())) {
            d.reply();
            assertThat(d.send("EHLO script.local")).contains("AUTH").doesNotContain("STARTTLS");
            assertThat(d.authPlain("agent", "agent-pw")).startsWith("235");
        }
        server.close();
        server = null;
        SmtpServerSettings open = new SmtpServerSettings("0.0.0.0", 0, "gw", Optional.empty(), true, 1000, 10, 10, 10, 10, Duration.ofSeconds(30));
        assertThatThrownBy(() -> SubethaSmtpServer.start(open, spool, users, local, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("smtp plaintext on loopback: 0.0.0.0 is not a loopback address");
        assertThatThrownBy(() -> new SmtpServerSettings("127.0.0.1", 0, "gw", Optional.empty(), false, 1000, 10, 10, 10, 10, Duration.ofSeconds(30)))
                .hasMessageStartingWith("smtp certificate: STARTTLS needs one");
    }

    @Test
    void trustedLoopbackClientsRelayWithoutTlsOrAuthAndTheTrustIsRefusedOffLoopback() throws IOException {
        start(s -> new SmtpServerSettings(s.bindHost(), 0, s.hostName(), Optional.empty(), false, 1000, 10, 10, 10, 10,
                Duration.ofSeconds(30), Optional.empty(), Optional.empty(), Optional.empty(), true));
        try (SmtpDialogue d = new SmtpDialogue(server.port())) {
            d.reply();
            assertThat(d.send("EHLO app.local")).doesNotContain("STARTTLS");
            assertThat(d.send("MAIL FROM:<anyone@elsewhere.example>")).startsWith("250");
            assertThat(d.send("RCPT TO:<someone@example.net>")).startsWith("250");
            assertThat(d.data(bytes("Subject: local app\r\n\r\nhello\r\n"))).startsWith("250 2.0.0 Ok: queued as ");
        }
        SpooledMessage queued = spool.claim(10, Duration.ofMinutes(1)).getFirst();
        assertThat(queued.envelope().recipients()).containsExactly("someone@example.net");
        assertThat(queued.envelope().submitter()).isEmpty();
        assertThat(new String(queued.content(), StandardCharsets.ISO_8859_1)).contains("with ESMTP id"); // neither S nor A
        server.close();
        server = null;
        SmtpServerSettings open = new SmtpServerSettings("0.0.0.0", 0, "gw", Optional.empty(), false, 1000, 10, 10, 10, 10,
                Duration.ofSeconds(30), Optional.empty(), Optional.empty(), Optional.empty(), true);
        assertThatThrownBy(() -> SubethaSmtpServer.start(open, spool, users, net.azt3knet.ports.out.submission.LocalRecipients.NONE, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("smtp trust loopback: 0.0.0.0 is not a loopback address");
    }

    @Test
    void aBrokenCertificateIsRefusedAtStartWithTheFileNamed() throws IOException {
        java.nio.file.Path key = java.nio.file.Files.createTempFile("rsa", ".pem");
        java.nio.file.Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        TlsCertificate pkcs1 = new TlsCertificate.Pem(((TlsCertificate.Pem) TestCertificates.pem()).certificateChain(), key);
        assertThatThrownBy(() -> start(pkcs1, s -> s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key.toString()).hasMessageContaining("openssl pkcs8 -topk8");
        assertThatThrownBy(() -> start(new TlsCertificate.Pkcs12(((TlsCertificate.Pkcs12) TestCertificates.pkcs12()).file(), "wrong"), s -> s))
                .hasMessageContaining("is not a PKCS#12 file this password opens");
        server = null;
    }
}
