package net.azt3knet.adapters.smtp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import net.azt3knet.adapters.persistence.DatabaseSettings;
import java.util.List;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.submission.LocalRecipients;
import net.azt3knet.testkit.fakes.InMemorySubmissionUsers;

/**
 * The gateway for bench/smtp.sh, until {@code azt3knet smtp serve} exists: plaintext on loopback, every recipient
 * local (so unauthenticated smtp-source sessions are accepted) and its "mailbox" the spool, so each message is one
 * commit to an embedded PostgreSQL in the directory given, as relayed mail is. Prints the port on stdout, then runs until killed.
 *
 * <pre>java -cp … net.azt3knet.adapters.smtp.BenchGateway DATA_DIR CACHE_DIR</pre>
 */
public final class BenchGateway {

    private BenchGateway() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createDirectories(Path.of(args[0]));
        Path cache = Path.of(args[1]);
        PostgresPersistence db = PostgresPersistence.start(DatabaseSettings.embedded(data, cache), Clock.systemUTC());
        SmtpServerSettings settings = new SmtpServerSettings("127.0.0.1", 0, "bench.example.org", Optional.empty(), true,
                SmtpServerSettings.DEFAULT_MAX_MESSAGE_BYTES, 100, 1_000_000, 1000, 1000, Duration.ofMinutes(1));
        LocalRecipients spooled = new LocalRecipients() {
            @Override
            public Kind kind(String address) {
                return Kind.LOCAL;
            }

            @Override
            public void deliver(String sender, List<String> recipients, byte[] content) {
                db.messageSpool().store(new Envelope(sender, recipients, Optional.empty(), "127.0.0.1", "bench"), content);
            }
        };
        SubethaSmtpServer server = SubethaSmtpServer.start(settings, db.messageSpool(), new InMemorySubmissionUsers(), spooled,
                Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            db.close();
        }));
        System.out.println(server.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
