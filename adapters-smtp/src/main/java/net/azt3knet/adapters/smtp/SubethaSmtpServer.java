package net.azt3knet.adapters.smtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.SuppressedRecipients;
import net.azt3knet.ports.out.submission.LocalRecipients;
import net.azt3knet.ports.out.submission.SubmissionUser;
import net.azt3knet.ports.out.submission.SubmissionUsers;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SMTP gateway's server (SubEthaSMTP, one virtual thread per connection). Submission: STARTTLS first, then AUTH
 * PLAIN or LOGIN against {@link SubmissionUsers}; an authenticated user sends only as addresses it owns. Without AUTH a
 * session may only reach {@link LocalRecipients}. Never an open relay. A client address with 5 failed logins in 10
 * minutes is refused until they age out. Every accepted message is committed to the
 * {@link MessageSpool} before the {@code 250 2.0.0 Ok: queued as <id>} reply.
 */
public final class SubethaSmtpServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SubethaSmtpServer.class.getName());

    private final SMTPServer server;

    private SubethaSmtpServer(SMTPServer server) {
        this.server = server;
    }

    /** Starts listening; the settings' certificate and bind address are checked first, with messages naming the setting. */
    public static SubethaSmtpServer start(SmtpServerSettings settings, MessageSpool spool, SubmissionUsers users,
                                          LocalRecipients local, Clock clock) {
        return start(settings, spool, users, local, SuppressedRecipients.NONE, clock);
    }

    /** Like {@link #start(SmtpServerSettings, MessageSpool, SubmissionUsers, LocalRecipients, Clock)}, refusing suppressed recipients at RCPT (550 5.1.1). */
    public static SubethaSmtpServer start(SmtpServerSettings settings, MessageSpool spool, SubmissionUsers users,
                                          LocalRecipients local, SuppressedRecipients suppressed, Clock clock) {
        Objects.requireNonNull(suppressed, "suppressed");
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(local, "localRecipients");
        InetAddress bind = address(settings.bindHost());
        if (settings.plaintextOnLoopback() && !bind.isLoopbackAddress()) {
            throw new IllegalArgumentException("smtp plaintext on loopback: " + settings.bindHost() + " is not a loopback address;"
                    + " bind to 127.0.0.1 or ::1, or configure a certificate and leave the override off");
        }
        if (settings.trustLoopback() && !bind.isLoopbackAddress()) {
            throw new IllegalArgumentException("smtp trust loopback: " + settings.bindHost() + " is not a loopback address;"
                    + " clients may skip TLS and AUTH only on 127.0.0.1 or ::1 (never an open relay)");
        }
        AuthThrottle throttle = new AuthThrottle(clock);
        Sessions sessions = new Sessions(settings.maxConnectionsPerClient(), throttle);
        SMTPServer.Builder builder = SMTPServer.port(settings.port())
                .bindAddress(bind)
                .hostName(settings.hostName())
                .softwareName("Azt3kNet")
                .executorService(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("smtp-", 0).factory()))
                .messageHandlerFactory(context -> new SpoolingMessageHandler(context, sessions, settings, spool, local, suppressed, clock))
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((username, password, context) -> {
                    InetAddress client = ((InetSocketAddress) context.getRemoteAddress()).getAddress();
                    if (throttle.blocked(client)) throw new LoginFailedException("too many failed logins"); // password not even checked
                    Optional<SubmissionUser> user = users.authenticate(username, password);
                    if (user.isEmpty()) {
                        throttle.failed(client);
                        throw new LoginFailedException("authentication failed");
                    }
                    sessions.of(context).authenticated(user.get());
                }))
                .sessionHandler(sessions)
                .insertReceivedHeaders(false) // the handler writes its own, which names TLS and AUTH (RFC 3848)
                .maxMessageSize(settings.maxMessageBytes())
                .maxConnections(settings.maxConnections())
                .connectionTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()), TimeUnit.MILLISECONDS)
                .showAuthCapabilitiesBeforeSTARTTLS(false);
        if (settings.tls().isPresent()) {
            builder.enableTLS().startTlsSocketFactory(TlsContexts.server(settings.tls().get()));
        }
        // Without the override every command but EHLO/STARTTLS/QUIT/NOOP waits for TLS, AUTH included: never a password in clear.
        builder.requireTLS(!settings.plaintext());
        SMTPServer server = builder.build();
        server.start();
        LOG.log(System.Logger.Level.INFO, "SMTP gateway listening on " + settings.bindHost() + ":" + server.getPortAllocated()
                + (settings.trustLoopback() ? " (loopback clients trusted: no TLS or AUTH needed)"
                : settings.plaintextOnLoopback() ? " (plaintext allowed: loopback only)" : " (STARTTLS required)"));
        return new SubethaSmtpServer(server);
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("smtp bind address: cannot resolve '" + host + "'; use an IP address such as 127.0.0.1", e);
        }
    }

    /**
     * Writes a self-signed development certificate for {@code host} ({@code cert.pem}, {@code key.pem}) into {@code dir}.
     *
     * @throws IllegalArgumentException when {@code host} is no host name or IPv4 address, or a file exists already
     */
    public static SmtpServerSettings.TlsCertificate.Pem writeSelfSignedCertificate(String host, java.nio.file.Path dir, int days)
            throws java.io.IOException {
        return SelfSignedCertificate.write(host, dir, days);
    }

    /** The port listened on (the free one chosen when the settings said 0). */
    public int port() {
        return server.getPortAllocated();
    }

    /** Stops accepting, and ends the sessions in progress (a message not yet acknowledged is the client's to resend). */
    @Override
    public void close() {
        server.stop();
    }
}
