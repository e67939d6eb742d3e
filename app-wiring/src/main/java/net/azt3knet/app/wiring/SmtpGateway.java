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
import net.azt3knet.ports.out.crypto.CredentialCipher;
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
public final class SmtpGateway implements GatewayView {

    private final Optional<SmtpServerSettings> settings;
    private final String hostName;
    private final MessageSpool spool;
    private final Supplier<CredentialCipher> currentKey;
    private final SubmissionUsers users;
    private final LocalRecipients local;
    private final SuppressedRecipients suppressed;
    private final net.azt3knet.adapters.smtp.SpoolBudget budget;
    private final Optional<RelaySettings> relay;
    private final Supplier<Map<String, EmailDelivery>> deliveries;
    private final Supplier<java.util.List<String>> enabled;
    private final Clock clock;
    private volatile Running running;

    /**
     * @param spool      the spool sealed under {@code currentKey}
     * @param relay      empty when {@code AZT3KNET_SMTP_RELAY=off}
     * @param deliveries the enabled mail delivery integrations by name, in the registry's order, built when the relay starts
     * @param enabled    their names, without building them
     * @param hostName   the gateway's name (AZT3KNET_SMTP_HOSTNAME, else this host's): the relay's DSNs come from it
     */
    SmtpGateway(Optional<SmtpServerSettings> settings, MessageSpool spool, Supplier<CredentialCipher> currentKey,
                SubmissionUsers users, LocalRecipients local,
                SuppressedRecipients suppressed, net.azt3knet.adapters.smtp.SpoolBudget budget, Optional<RelaySettings> relay,
                Supplier<Map<String, EmailDelivery>> deliveries, Supplier<java.util.List<String>> enabled, String hostName, Clock clock) {
        this.settings = settings;
        this.budget = budget;
        this.enabled = enabled;
        this.hostName = hostName;
        this.suppressed = suppressed;
        this.relay = relay;
        this.deliveries = deliveries;
        this.spool = spool;
        this.currentKey = currentKey;
        this.users = users;
        this.local = local;
        this.clock = clock;
    }

    /** True when {@code AZT3KNET_SMTP} is set. */
    public boolean configured() {
        return settings.isPresent();
    }

    /** Where {@code smtp serve} listens when nothing says: 127.0.0.1:587 as root, else 127.0.0.1:0 (a free port). */
    public static String defaultListen() {
        return SmtpGatewayConfig.defaultListen();
    }

    /** What the gateway was configured with; empty when it is off. */
    public Optional<SmtpServerSettings> settings() {
        return settings;
    }

    /** True when this process relays the spool: the relay is not off and a mail delivery is enabled. */
    public boolean relays() {
        return relay.isPresent() && !enabled.get().isEmpty();
    }

    /**
     * Starts listening when {@code AZT3KNET_SMTP} is set, and relaying when a mail delivery integration is enabled and
     * the relay is not off (a relay-only process, sharing the database with the ones that listen, needs no
     * {@code AZT3KNET_SMTP}); {@link Running} says which.
     *
     * @throws ConfigurationException when the master key is missing or malformed (the spool is sealed with it), the
     *                                certificate or bind address is unusable (naming the variable), or a delivery's
     *                                settings are (naming each)
     */
    public Running start() {
        currentKey.get(); // before a message is accepted or relayed: a spool that cannot be sealed or opened takes none
        Relaying relaying = startRelay(settings.map(SmtpServerSettings::hostName).orElse(hostName));
        if (settings.isEmpty()) return running = new Running(null, null, relaying);
        SmtpServerSettings s = settings.get();
        try {
            return running = new Running(SubethaSmtpServer.start(s, spool, users, local, suppressed, budget, clock), s, relaying);
        } catch (RuntimeException e) {
            relaying.close(); // the server did not start: the relay does not outlive it
            throw listenProblem(s, e);
        }
    }

    /** Where it listens: the address bound once started in this process, else the one configured; empty when not listening. */
    @Override
    public Optional<String> listening() {
        Running r = running;
        if (r != null && r.listening()) return Optional.of(r.address());
        return settings.map(s -> address(s.bindHost(), s.port()));
    }

    /**
     * The deliveries relaying the spool, by integration name: those this process relays through once started, else
     * those enabled; none when {@code AZT3KNET_SMTP_RELAY=off}.
     */
    @Override
    public java.util.List<String> relayingThrough() {
        Running r = running;
        if (r != null) return r.relayingThrough();
        return relay.isPresent() ? enabled.get() : java.util.List.of();
    }

    /**
     * The spool's depth by state, read from the database: what the gateway's health check asks.
     *
     * @throws RuntimeException when the spool does not answer
     */
    @Override
    public Map<net.azt3knet.ports.out.spool.SpoolState, Long> spoolDepth() {
        return spool.counts();
    }

    private static RuntimeException listenProblem(SmtpServerSettings s, RuntimeException failure) {
        try {
            throw failure;
        } catch (IllegalArgumentException e) {
            // the adapter names the setting ("smtp key: …"); the operator needs the variable
            return new ConfigurationException(java.util.List.of(variables(s) + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            if (e.getCause() instanceof java.net.BindException || e.getCause() instanceof java.io.IOException) {
                String where = Setting.SMTP_LISTEN.variable() + "='" + s.bindHost() + ":" + s.port() + "'" + s.implicitTls()
                        .map(a -> " or " + Setting.SMTPS_LISTEN.variable() + "='" + a.getHostString() + ":" + a.getPort() + "'").orElse("");
                return new ConfigurationException(java.util.List.of(where
                        + ": cannot listen there (" + e.getCause().getMessage() + "); choose a free port, or 0 for any"));
            }
            return e;
        }
    }

    private Relaying startRelay(String name) {
        if (relay.isEmpty()) return new Relaying(Optional.empty(), java.util.List.of());
        Map<String, EmailDelivery> built;
        try {
            built = deliveries.get();
        } catch (net.azt3knet.ports.out.integration.IntegrationConfigurationException e) {
            throw new ConfigurationException(e.problems());
        }
        if (built.isEmpty()) return new Relaying(Optional.empty(), java.util.List.of());
        DeliveryRouter router;
        try {
            router = new DeliveryRouter(built);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(java.util.List.of(e.getMessage()));
        }
        SpoolRelay r = new SpoolRelay(spool, router, relay.get(), clock, new SplittableRandom(), suppressed, name, local);
        r.start();
        return new Relaying(Optional.of(r), java.util.List.copyOf(built.keySet()));
    }

    /** The relay this process runs, if any, and the deliveries it relays through. */
    private record Relaying(Optional<SpoolRelay> relay, java.util.List<String> through) {
        void close() {
            relay.ifPresent(SpoolRelay::close);
        }
    }

    static String address(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
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

    /** A started gateway: listening, relaying, or both; closing it stops accepting connections, then the relay. */
    public static final class Running implements AutoCloseable {

        private final SubethaSmtpServer server;
        private final SmtpServerSettings settings;
        private final Relaying relay;

        private Running(SubethaSmtpServer server, SmtpServerSettings settings, Relaying relay) {
            this.server = server;
            this.settings = settings;
            this.relay = relay;
        }

        /** Whether it listens ({@code AZT3KNET_SMTP} is set). */
        public boolean listening() {
            return server != null;
        }

        /** Whether clients on this host submit without TLS or AUTH ({@code AZT3KNET_SMTP_TRUST_LOOPBACK=on}). */
        public boolean trustsLoopback() {
            return settings != null && settings.trustLoopback();
        }

        /** Whether this process relays the spool (a mail delivery is enabled and {@code AZT3KNET_SMTP_RELAY} is not off). */
        public boolean relaying() {
            return relay.relay().isPresent();
        }

        /** The mail delivery integrations it relays through, by name, in the router's order of preference. */
        public java.util.List<String> relayingThrough() {
            return relay.through();
        }

        /**
         * The port bound (the free one chosen for port 0).
         *
         * @throws IllegalStateException when it does not listen
         */
        public int port() {
            if (server == null) throw new IllegalStateException(Setting.SMTP_LISTEN.variable() + " is not set: the gateway does not listen");
            return server.port();
        }

        /** {@code host:port} as bound, with brackets around an IPv6 host; throws as {@link #port()} does. */
        public String address() {
            return SmtpGateway.address(settings == null ? "" : settings.bindHost(), port());
        }

        /** The implicit TLS listener's {@code host:port} as bound ({@code AZT3KNET_SMTPS}); empty without one. */
        public Optional<String> implicitTlsAddress() {
            if (settings == null) return Optional.empty();
            return settings.implicitTls().map(a -> SmtpGateway.address(a.getHostString(), server.implicitTlsPort().orElseThrow()));
        }

        /** Stops accepting, then stops the relay (a message mid-delivery is finished or left to its lease). */
        @Override
        public void close() {
            try {
                if (server != null) server.close();
            } finally {
                relay.close();
            }
        }
    }
}
