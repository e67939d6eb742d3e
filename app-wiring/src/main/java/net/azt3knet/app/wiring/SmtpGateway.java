package net.azt3knet.app.wiring;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import net.azt3knet.adapters.smtp.DeliveryRouter;
import net.azt3knet.adapters.smtp.RelaySettings;
import net.azt3knet.adapters.smtp.SmtpServerSettings;
import net.azt3knet.adapters.smtp.SpoolRelay;
import net.azt3knet.adapters.smtp.SubethaSmtpServer;
import net.azt3knet.ports.out.email.EmailDelivery;
import net.azt3knet.ports.out.spool.MessageSpool;
import net.azt3knet.ports.out.spool.SuppressedRecipients;
import net.azt3knet.ports.out.submission.LocalRecipients;
import net.azt3knet.ports.out.submission.SubmissionUsers;

/**
 * The SMTP gateway as {@code serve} and {@code smtp serve} start it: the settings of {@code AZT3KNET_SMTP*}, the
 * spool in the database, who may submit and which mailboxes are local, and the relay that empties the spool through
 * the enabled mail delivery integrations ({@code AZT3KNET_SMTP_RELAY}, {@code AZT3KNET_SMTP_MAX_AGE}). Built by the
 * injector; a command starts it and closes what {@link #start()} returns.
 */
public final class SmtpGateway {

    private final Optional<SmtpServerSettings> settings;
    private final MessageSpool spool;
    private final SubmissionUsers users;
    private final LocalRecipients local;
    private final SuppressedRecipients suppressed;
    private final Optional<RelaySettings> relay;
    private final Supplier<Map<String, EmailDelivery>> deliveries;
    private final Clock clock;

    /**
     * @param relay      empty when {@code AZT3KNET_SMTP_RELAY=off}
     * @param deliveries the enabled mail delivery integrations by name, in the registry's order, built when the relay starts
     */
    SmtpGateway(Optional<SmtpServerSettings> settings, MessageSpool spool, SubmissionUsers users, LocalRecipients local,
                SuppressedRecipients suppressed, Optional<RelaySettings> relay, Supplier<Map<String, EmailDelivery>> deliveries,
                Clock clock) {
        this.settings = settings;
        this.suppressed = suppressed;
        this.relay = relay;
        this.deliveries = deliveries;
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
     * Starts listening, and relaying when a mail delivery integration is enabled and the relay is not off (without one,
     * accepted mail waits in the spool: {@link Running#relaying()} says which).
     *
     * @throws IllegalStateException    when {@code AZT3KNET_SMTP} is unset
     * @throws ConfigurationException   when the certificate or bind address is unusable (naming the variable), or a
     *                                  delivery's settings are (naming each)
     */
    public Running start() {
        SmtpServerSettings s = settings.orElseThrow(() -> new IllegalStateException(Setting.SMTP_LISTEN.variable() + " is not set"));
        Optional<SpoolRelay> relaying = startRelay(s.hostName());
        try {
            return new Running(SubethaSmtpServer.start(s, spool, users, local, suppressed, clock), s, relaying);
        } catch (RuntimeException e) {
            relaying.ifPresent(SpoolRelay::close); // the server did not start: the relay does not outlive it
            throw listenProblem(s, e);
        }
    }

    private static RuntimeException listenProblem(SmtpServerSettings s, RuntimeException failure) {
        try {
            throw failure;
        } catch (IllegalArgumentException e) {
            // the adapter names the setting ("smtp key: …"); the operator needs the variable
            return new ConfigurationException(java.util.List.of(variables(s) + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            if (e.getCause() instanceof java.net.BindException || e.getCause() instanceof java.io.IOException) {
                return new ConfigurationException(java.util.List.of(Setting.SMTP_LISTEN.variable() + "='" + s.bindHost() + ":" + s.port()
                        + "': cannot listen there (" + e.getCause().getMessage() + "); choose a free port, or 0 for any"));
            }
            return e;
        }
    }

    private Optional<SpoolRelay> startRelay(String hostName) {
        if (relay.isEmpty()) return Optional.empty();
        Map<String, EmailDelivery> enabled;
        try {
            enabled = deliveries.get();
        } catch (net.azt3knet.ports.out.integration.IntegrationConfigurationException e) {
            throw new ConfigurationException(e.problems());
        }
        if (enabled.isEmpty()) return Optional.empty();
        DeliveryRouter router;
        try {
            router = new DeliveryRouter(enabled);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(java.util.List.of(e.getMessage()));
        }
        SpoolRelay r = new SpoolRelay(spool, router, relay.get(), clock, new SplittableRandom(), suppressed, hostName);
        r.start();
        return Optional.of(r);
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
        private final Optional<SpoolRelay> relay;

        private Running(SubethaSmtpServer server, SmtpServerSettings settings, Optional<SpoolRelay> relay) {
            this.server = server;
            this.settings = settings;
            this.relay = relay;
        }

        /** Whether this process relays the spool (a mail delivery is enabled and {@code AZT3KNET_SMTP_RELAY} is not off). */
        public boolean relaying() {
            return relay.isPresent();
        }

        /** Whether clients on this host submit without TLS or AUTH ({@code AZT3KNET_SMTP_TRUST_LOOPBACK=on}). */
        public boolean trustsLoopback() {
            return settings.trustLoopback();
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

        /** Stops accepting, then stops the relay (a message mid-delivery is finished or left to its lease). */
        @Override
        public void close() {
            try {
                server.close();
            } finally {
                relay.ifPresent(SpoolRelay::close);
            }
        }
    }
}
