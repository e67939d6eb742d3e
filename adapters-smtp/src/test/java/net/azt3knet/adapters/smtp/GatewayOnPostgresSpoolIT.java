package net.azt3knet.adapters.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.azt3knet.adapters.persistence.DatabaseSettings;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpoolState;
import net.azt3knet.testkit.fakes.InMemorySubmissionUsers;
import org.junit.jupiter.api.Test;

/**
 * The gateway's promise on the real spool: a 250 means the row is committed (it is there after the database restarts),
 * and a database that refuses the row gets the client a 451 while nothing is stored; relays sharing the spool deliver
 * each message once.
 */
class GatewayOnPostgresSpoolIT {

    private static final String AGENT = "agent@pop.example.org";

    private static DatabaseSettings embedded() throws IOException {
        Path target = Files.createDirectories(Path.of("target", "pg-it")).toAbsolutePath();
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("azt3knet");
        return DatabaseSettings.embedded(Files.createTempDirectory(target, "smtp-"), cache);
    }

    private static void sql(PostgresPersistence db, String statement) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String submit(SmtpDialogue d, byte[] message) throws IOException {
        d.send("MAIL FROM:<" + AGENT + ">");
        d.send("RCPT TO:<friend@example.net>");
        return d.data(message);
    }

    @Test
    void aQueuedReplyMeansCommittedAndARefusingDatabaseMeans451() throws Exception {
        DatabaseSettings settings = embedded();
        byte[] message = "Subject: durable\r\n\r\nkept across a restart\r\n".getBytes(StandardCharsets.US_ASCII);
        QueueId id;
        try (PostgresPersistence db = PostgresPersistence.start(settings, Clock.systemUTC());
             SubethaSmtpServer server = SubethaSmtpServer.start(
                     SmtpServerSettings.submission("127.0.0.1", 0, "gw.example.org", TestCertificates.pkcs12()), db.messageSpool(),
                     new InMemorySubmissionUsers().add("agent", "pw", Set.of(AGENT), Set.of()), net.azt3knet.ports.out.submission.LocalRecipients.NONE, Clock.systemUTC());
             SmtpDialogue d = new SmtpDialogue(server.port())) {
            d.reply();
            d.send("EHLO client.example");
            d.startTls(TestCertificates.clientTrust(), "client.example");
            assertThat(d.authPlain("agent", "pw")).startsWith("235");

            String queued = submit(d, message);
            assertThat(queued).startsWith("250 2.0.0 Ok: queued as ");
            id = QueueId.parse(queued.substring(queued.lastIndexOf(' ') + 1));

            sql(db, "ALTER TABLE smtp_spool ADD CONSTRAINT refuse_all CHECK (size < 0) NOT VALID");
            assertThat(submit(d, message)).startsWith("451 4.3.0");
            assertThat(db.messageSpool().counts()).containsEntry(SpoolState.QUEUED, 1L);
            sql(db, "ALTER TABLE smtp_spool DROP CONSTRAINT refuse_all");
            d.send("RSET");
            assertThat(submit(d, message)).as("the client's retry").startsWith("250 2.0.0 Ok: queued as ");
        }
        try (PostgresPersistence again = PostgresPersistence.start(settings, Clock.systemUTC())) {
            byte[] stored = again.messageSpool().find(id).orElseThrow().content();
            assertThat(Arrays.copyOfRange(stored, stored.length - message.length, stored.length)).isEqualTo(message);
            assertThat(again.messageSpool().counts()).containsEntry(SpoolState.QUEUED, 2L);
        }
    }

    /** Two relays on one database, racing: every spooled message reaches the smarthost once. */
    @Test
    void twoRelaysOnOneSpoolDeliverEveryMessageExactlyOnce() throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        try (PostgresPersistence db = PostgresPersistence.start(embedded(), Clock.systemUTC())) {
            MessageSpool spool = db.messageSpool();
            int messages = 30;
            for (int i = 0; i < messages; i++) {
                spool.store(new Envelope(AGENT, List.of("friend@example.net"), Optional.of("agent"), "127.0.0.1", "c"),
                        ("Subject: n" + i + "\r\n\r\nbody " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            SmarthostSettings smarthost = new SmarthostSettings("127.0.0.1", greenMail.getSmtp().getPort(), SmarthostSettings.Security.NONE,
                    Optional.empty(), Optional.empty(), "gw.example.org", Duration.ofSeconds(10));
            RelaySettings small = new RelaySettings(4, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(48),
                    Duration.ofSeconds(1));
            List<SpoolRelay> relays = List.of(
                    new SpoolRelay(spool, new SmarthostEmailDelivery(smarthost), small, Clock.systemUTC(), new SplittableRandom(1)),
                    new SpoolRelay(db.messageSpool(), new SmarthostEmailDelivery(smarthost), small, Clock.systemUTC(), new SplittableRandom(2)));
            ExecutorService both = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> claimed = new ArrayList<>();
                for (SpoolRelay r : relays) {
                    claimed.add(both.submit(() -> {
                        int n = 0;
                        for (int got; (got = r.relayDue()) > 0; ) n += got;
                        return n;
                    }));
                }
                int total = 0;
                for (Future<Integer> f : claimed) total += f.get();
                assertThat(total).isEqualTo(messages);
            } finally {
                both.shutdownNow();
            }
            List<String> subjects = new ArrayList<>();
            for (MimeMessage m : greenMail.getReceivedMessages()) subjects.add(m.getSubject());
            assertThat(subjects).hasSize(messages).doesNotHaveDuplicates();
            assertThat(spool.counts()).containsEntry(SpoolState.SENT, (long) messages);
        } finally {
            greenMail.stop();
        }
    }
}
