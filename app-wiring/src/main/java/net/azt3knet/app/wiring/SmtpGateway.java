package net.azt3knet.app.wiring;

import java.time.Clock;
import java.util.Optional;
import net.azt3knet.adapters.smtp.SmtpServerSettings;
import net.azt3knet.adapters.smtp.SubethaSmtpServer;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.submission.LocalRecipients;
import net.azt3knet.ports.out.submission.SubmissionUsers;

/**
 * The SMTP gateway as {@code serve} and {@code smtp serve} start it: the settings of {@code AZT3KNET_SMTP*}, the
 * spool in the database, who may submit and which mailboxes are local. Built by the injector; a command starts it
 * and closes what {@link #start()} returns.
 */
public final class SmtpGateway {

    private final Optional<SmtpServerSettings> settings;
    private final MessageSpool spool;
    private final SubmissionUsers users;
    private final LocalRecipients local;
    private final Clock clock;

    SmtpGateway(Optional<SmtpServerSettings> settings, MessageSpool spool, SubmissionUsers users, LocalRecipients local, Clock clock) {
        this.settings = settings;
        this.spool = spool;
        this.users = users;
        this.local = local;
        this.clock = clock;
    }

    /** True when {@code AZT3KNET_SMTP} is set. */
    public boolean configured() {
        return settings.isPresent();
    }

    /** What the gateway was configured with; empty when it is off. */
    public Optional<SmtpServerSettings> settings() {
        return settings;
    }

    /**
     * Starts listening.
     *
     * @throws IllegalStateException    when {@code AZT3KNET_SMTP} is unset
     * @throws ConfigurationException   when the certificate or bind address is unusable (naming the variable)
     */
    public Running start() {
        SmtpServerSettings s = settings.orElseThrow(() -> new IllegalStateException(Setting.SMTP_LISTEN.variable() + " is not set"));
        try {
            return new Running(SubethaSmtpServer.start(s, spool, users, local, clock), s);
        } catch (IllegalArgumentException e) {
            // the adapter names the setting ("smtp key: …"); the operator needs the variable
            throw new ConfigurationException(java.util.List.of(variables(s) + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            if (e.getCause() instanceof java.net.BindException || e.getCause() instanceof java.io.IOException) {
                throw new ConfigurationException(java.util.List.of(Setting.SMTP_LISTEN.variable() + "='" + s.bindHost() + ":" + s.port()
                        + "': cannot listen there (" + e.getCause().getMessage() + "); choose a free port, or 0 for any"));
            }
            throw e;
        }
    }

    private static String variables(SmtpServerSettings s) {
        return s.tls().map(t -> t instanceof SmtpServerSettings.TlsCertificate.Pem
                ? Setting.SMTP_CERT.variable() + "/" + Setting.SMTP_KEY.variable()
                : Setting.SMTP_PKCS12.variable()).orElse(Setting.SMTP_LISTEN.variable());
    }

    /** A PEM certificate and its key, as {@code AZT3KNET_SMTP_CERT} and {@code AZT3KNET_SMTP_KEY} name them. */
    public record Pem(java.nio.file.Path certificate, java.nio.file.Path privateKey) {
    }

    /**
     * Writes a self-signed development certificate for {@code host} into {@code dir}.
     *
     * @throws IllegalArgumentException when {@code host} is no host name or the files exist already (the message says which)
     */
    public static Pem selfSigned(String host, java.nio.file.Path dir, int days) throws java.io.IOException {
        var w = SubethaSmtpServer.writeSelfSignedCertificate(host, dir, days);
        return new Pem(w.certificateChain(), w.privateKey());
    }

    /** A listening gateway; closing it stops accepting connections. */
    public static final class Running implements AutoCloseable {

        private final SubethaSmtpServer server;
        private final SmtpServerSettings settings;

        private Running(SubethaSmtpServer server, SmtpServerSettings settings) {
            this.server = server;
            this.settings = settings;
        }

        /** The port bound (the free one chosen for port 0). */
        public int port() {
            return server.port();
        }

        /** {@code host:port} as bound, with brackets around an IPv6 host. */
        public String address() {
            String h = settings.bindHost();
            return (h.contains(":") ? "[" + h + "]" : h) + ":" + port();
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
