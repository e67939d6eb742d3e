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
 * minutes is refused until they age out; a user or a sender over its message rate is refused (451 4.7.1 / 452 4.4.5)
 * with when to try again. What happens is reported to {@link SmtpEvents}. Every accepted message is kept before the
 * reply: in the local recipients' mailboxes and, for the others, committed to the {@link MessageSpool}
 * ({@code 250 2.0.0 Ok: queued as <id>}). With {@link SmtpServerSettings#implicitTls()} a second listener speaks TLS
 * from the first byte (port 465), with the same handler, sessions and limits; AUTH is offered there at once.
 */
public final class SubethaSmtpServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SubethaSmtpServer.class.getName());

    private final SMTPServer server;
    private final Optional<SMTPServer> implicitTls;

    private SubethaSmtpServer(SMTPServer server, Optional<SMTPServer> implicitTls) {
        this.server = server;
        this.implicitTls = implicitTls;
    }

    /** Starts listening; the settings' certificate and bind address are checked first, with messages naming the setting. */
    public static SubethaSmtpServer start(SmtpServerSettings settings, MessageSpool spool, SubmissionUsers users,
                                          LocalRecipients local, Clock clock) {
        return start(settings, spool, users, local, SuppressedRecipients.NONE, clock);
    }

    /** Like {@link #start(SmtpServerSettings, MessageSpool, SubmissionUsers, LocalRecipients, Clock)}, refusing suppressed recipients at RCPT (550 5.1.1). */
    public static SubethaSmtpServer start(SmtpServerSettings settings, MessageSpool spool, SubmissionUsers users,
                                          LocalRecipients local, SuppressedRecipients suppressed, Clock clock) {
        return start(settings, spool, users, local, suppressed, SpoolBudget.UNLIMITED, clock);
    }

    /** Like the others, refusing new mail with {@code 451 4.3.0} while the spool holds more than {@code budget}. */
    public static SubethaSmtpServer start(SmtpServerSettings settings, MessageSpool spool, SubmissionUsers users,
                                          LocalRecipients local, SuppressedRecipients suppressed, SpoolBudget budget, Clock clock) {
        Objects.requireNonNull(budget, "budget");
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
        Optional<InetAddress> tlsBind = settings.implicitTls().map(a -> address(a.getHostString()));
        AuthThrottle throttle = new AuthThrottle(clock);
        Sessions sessions = new Sessions(settings, throttle);
        SpoolUsage usage = new SpoolUsage(spool, budget, clock);
        SMTPServer.Builder builder = builder(settings.port(), bind, settings, spool, users, local, suppressed, clock, throttle, sessions, usage);
        Optional<javax.net.ssl.SSLContext> tls = settings.tls().map(TlsContexts::server);
        tls.ifPresent(context -> builder.enableTLS().startTlsSocketFactory(context));
        // Without the override every command but EHLO/STARTTLS/QUIT/NOOP waits for TLS, AUTH included: never a password in clear.
        builder.requireTLS(!settings.plaintext());
        Optional<SMTPServer> implicit = tlsBind.map(at -> builder(settings.implicitTls().get().getPort(), at, settings, spool, users,
                        local, suppressed, clock, throttle, sessions, usage)
                // every socket is TLS from accept, so the library counts TLS as started (AUTH offered, nothing waits
                // for STARTTLS); requireTLS would also switch STARTTLS on, which a TLS session cannot use (454)
                .serverSocketFactory(tls.orElseThrow())
                .build());
        SMTPServer server = builder.build();
        server.start();
        LOG.log(System.Logger.Level.INFO, "SMTP gateway listening on " + settings.bindHost() + ":" + server.getPortAllocated()
                + (settings.trustLoopback() ? " (loopback clients trusted: no TLS or AUTH needed)"
                : settings.plaintextOnLoopback() ? " (plaintext allowed: loopback only)" : " (STARTTLS required)"));
        if (implicit.isPresent()) {
            try {
                implicit.get().start();
            } catch (RuntimeException e) {
                server.stop(); // one listener without the other is not what was asked for
                throw e;
            }
            LOG.log(System.Logger.Level.INFO, "SMTP gateway listening on " + settings.implicitTls().get().getHostString() + ":"
                    + implicit.get().getPortAllocated() + " (implicit TLS)");
        }
        return new SubethaSmtpServer(server, implicit);
    }

    /** One listener: everything but how it does TLS. */
    private static SMTPServer.Builder builder(int port, InetAddress bind, SmtpServerSettings settings, MessageSpool spool,
                                              SubmissionUsers users, LocalRecipients local, SuppressedRecipients suppressed,
                                              Clock clock, AuthThrottle throttle, Sessions sessions, SpoolUsage usage) {
        return SMTPServer.port(port)
                .bindAddress(bind)
                .hostName(settings.hostName())
                .softwareName("Azt3kNet")
                .executorService(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("smtp-", 0).factory()))
                .messageHandlerFactory(context -> new ObservedMessageHandler(new SpoolingMessageHandler(context, sessions, settings, spool, local, suppressed, clock, usage)))
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((username, password, context) -> {
                    InetAddress client = ((InetSocketAddress) context.getRemoteAddress()).getAddress();
                    if (throttle.blocked(client)) { // password not even checked
                        authFailed("throttled");
                        throw new LoginFailedException("too many failed logins");
                    }
                    Optional<SubmissionUser> user = users.authenticate(username, password);
                    if (user.isEmpty()) {
                        throttle.failed(client);
                        authFailed("credentials");
                        throw new LoginFailedException("authentication failed");
                    }
                    sessions.of(context).authenticated(user.get());
                    SmtpEvents.observer().reply(235);
                }))
                .sessionHandler(sessions)
                .insertReceivedHeaders(false) // the handler writes its own, which names TLS and AUTH (RFC 3848)
                .maxMessageSize(settings.maxMessageBytes())
                .maxConnections(Sessions.libraryMaxConnections(settings.maxConnections()))
                .connectionTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()), TimeUnit.MILLISECONDS)
                .showAuthCapabilitiesBeforeSTARTTLS(false);
    }

    /** The library answers a refused login 535. */
    private static void authFailed(String reason) {
        SmtpEvents.observer().authFailure(reason);
        SmtpEvents.observer().reply(535);
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

    /** The implicit TLS listener's port, when there is one (the free one chosen for port 0). */
    public java.util.OptionalInt implicitTlsPort() {
        return implicitTls.map(s -> java.util.OptionalInt.of(s.getPortAllocated())).orElse(java.util.OptionalInt.empty());
    }

    /** Stops accepting, and ends the sessions in progress (a message not yet acknowledged is the client's to resend). */
    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            implicitTls.ifPresent(SMTPServer::stop);
        }
    }
}
