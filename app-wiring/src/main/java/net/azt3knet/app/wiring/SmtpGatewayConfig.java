package net.azt3knet.app.wiring;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.azt3knet.adapters.smtp.SmtpServerSettings;
import net.azt3knet.adapters.smtp.SmtpServerSettings.TlsCertificate;

/** The SMTP gateway's settings read from {@code AZT3KNET_SMTP*}; every problem names its variable. */
final class SmtpGatewayConfig {

    private SmtpGatewayConfig() {
    }

    /** Empty when {@code AZT3KNET_SMTP} is unset: the gateway is off. */
    static Optional<SmtpServerSettings> read(AppConfig config) {
        Optional<String> listen = config.value(Setting.SMTP_LISTEN).map(String::strip).filter(v -> !v.isEmpty());
        if (listen.isEmpty()) return Optional.empty();
        List<String> problems = new ArrayList<>();
        InetSocketAddress at = null;
        try {
            at = AppConfig.listenAddress(listen.get(), Setting.SMTP_LISTEN.variable());
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        boolean trustLoopback = trustLoopback(config, at, problems);
        Optional<TlsCertificate> tls = certificate(config, trustLoopback, problems);
        int maxKb = number(config, Setting.SMTP_MAX_MESSAGE_KB, SmtpServerSettings.DEFAULT_MAX_MESSAGE_BYTES / 1024, 1, 2 * 1024 * 1024, problems);
        int recipients = number(config, Setting.SMTP_MAX_RECIPIENTS, 100, 1, 100_000, problems);
        int perSession = number(config, Setting.SMTP_MAX_MESSAGES_PER_SESSION, 100, 1, 100_000, problems);
        int connections = number(config, Setting.SMTP_MAX_CONNECTIONS, 1000, 1, 1_000_000, problems);
        int perClient = number(config, Setting.SMTP_MAX_CONNECTIONS_PER_CLIENT, 20, 1, 1_000_000, problems);
        if (!problems.isEmpty()) throw new ConfigurationException(problems);
        return Optional.of(new SmtpServerSettings(at.getHostString(), at.getPort(), hostName(config), tls, false,
                maxKb * 1024, recipients, perSession, connections, perClient, Duration.ofMinutes(5), trustLoopback));
    }

    /** {@code AZT3KNET_SMTP_TRUST_LOOPBACK}: on only where no other host can connect (never an open relay). */
    private static boolean trustLoopback(AppConfig config, InetSocketAddress at, List<String> problems) {
        String v = config.value(Setting.SMTP_TRUST_LOOPBACK).map(x -> x.strip().toLowerCase(java.util.Locale.ROOT)).orElse("off");
        if (!v.equals("on") && !v.equals("off")) {
            problems.add(Setting.SMTP_TRUST_LOOPBACK.variable() + "='" + v + "' must be on or off");
            return false;
        }
        if (v.equals("off")) return false;
        if (at != null && !loopback(at.getHostString())) {
            problems.add(Setting.SMTP_TRUST_LOOPBACK.variable() + "=on needs the gateway on a loopback address, but "
                    + Setting.SMTP_LISTEN.variable() + "='" + at.getHostString() + ":" + at.getPort() + "'; use 127.0.0.1:PORT, or turn it off");
            return false;
        }
        return true;
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The STARTTLS certificate; optional only when loopback clients are trusted. */
    private static Optional<TlsCertificate> certificate(AppConfig config, boolean trustLoopback, List<String> problems) {
        Optional<Path> cert = path(config, Setting.SMTP_CERT, problems);
        Optional<Path> key = path(config, Setting.SMTP_KEY, problems);
        Optional<Path> p12 = path(config, Setting.SMTP_PKCS12, problems);
        String pem = Setting.SMTP_CERT.variable() + " and " + Setting.SMTP_KEY.variable();
        if (p12.isPresent() && (cert.isPresent() || key.isPresent())) {
            problems.add(Setting.SMTP_PKCS12.variable() + " and " + pem + " are both set; give one certificate: a PEM pair or a PKCS#12 file");
        } else if (p12.isPresent()) {
            String password = config.secret(Setting.SMTP_PKCS12_PASSWORD).map(s -> s.reveal()).orElse("");
            return Optional.of(new TlsCertificate.Pkcs12(p12.get(), password));
        } else if (cert.isPresent() != key.isPresent()) {
            problems.add((cert.isPresent() ? Setting.SMTP_KEY : Setting.SMTP_CERT).variable() + " is not set; " + pem
                    + " go together (a PEM certificate chain and its private key)");
        } else if (cert.isPresent()) {
            return Optional.of(new TlsCertificate.Pem(cert.get(), key.get()));
        } else if (!trustLoopback) {
            problems.add(Setting.SMTP_LISTEN.variable() + " is set but the gateway has no certificate for STARTTLS; set " + pem
                    + " (for development: azt3knet smtp cert --self-signed --host HOST --out-dir DIR) or " + Setting.SMTP_PKCS12.variable());
        }
        return Optional.empty();
    }

    private static Optional<Path> path(AppConfig config, Setting s, List<String> problems) {
        Optional<Path> p = config.value(s).map(String::strip).filter(v -> !v.isEmpty()).map(Path::of);
        if (p.isPresent() && !Files.isReadable(p.get())) {
            problems.add(s.variable() + "='" + p.get() + "' is not a readable file");
            return Optional.empty();
        }
        return p;
    }

    private static int number(AppConfig config, Setting s, int fallback, int min, int max, List<String> problems) {
        Optional<String> v = config.value(s);
        if (v.isEmpty()) return fallback;
        try {
            long n = Long.parseLong(v.get().strip());
            if (n >= min && n <= max) return (int) n;
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(s.variable() + "='" + v.get() + "' must be a whole number from " + min + " to " + max);
        return fallback;
    }

    private static String hostName(AppConfig config) {
        Optional<String> v = config.value(Setting.SMTP_HOSTNAME).map(String::strip).filter(h -> !h.isEmpty());
        if (v.isPresent()) return v.get();
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
