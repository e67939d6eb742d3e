package net.azt3knet.app.wiring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.azt3knet.adapters.smtp.RelaySettings;
import net.azt3knet.adapters.smtp.SmtpServerSettings;
import net.azt3knet.adapters.smtp.SpoolBudget;
import net.azt3knet.adapters.smtp.SmtpServerSettings.Rate;
import net.azt3knet.adapters.smtp.SmtpServerSettings.TlsCertificate;

/** The SMTP gateway's settings read from {@code AZT3KNET_SMTP*}; every problem names its variable. */
final class SmtpGatewayConfig {

    private SmtpGatewayConfig() {
    }

    /** Empty when {@code AZT3KNET_SMTP} is unset: the gateway is off. */
    static Optional<SmtpServerSettings> read(AppConfig config) {
        Optional<String> listen = config.value(Setting.SMTP_LISTEN).map(String::strip).filter(v -> !v.isEmpty());
        if (listen.isEmpty()) {
            if (config.value(Setting.SMTPS_LISTEN).filter(v -> !v.isBlank()).isPresent()) {
                throw new ConfigurationException(List.of(Setting.SMTPS_LISTEN.variable() + " is set but " + Setting.SMTP_LISTEN.variable()
                        + " is not; the implicit TLS listener runs next to submission: set " + Setting.SMTP_LISTEN.variable() + " too"));
            }
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        InetSocketAddress at = null;
        try {
            at = AppConfig.listenAddress(listen.get(), Setting.SMTP_LISTEN.variable());
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        InetSocketAddress implicitTls = null;
        Optional<String> smtps = config.value(Setting.SMTPS_LISTEN).map(String::strip).filter(v -> !v.isEmpty());
        if (smtps.isPresent()) {
            try {
                implicitTls = AppConfig.listenAddress(smtps.get(), Setting.SMTPS_LISTEN.variable());
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
            }
        }
        boolean trustLoopback = trustLoopback(config, at, problems);
        Optional<TlsCertificate> tls = certificate(config, trustLoopback, problems);
        int maxKb = (int) number(config, Setting.SMTP_MAX_MESSAGE_KB, SmtpServerSettings.DEFAULT_MAX_MESSAGE_BYTES / 1024, 1, 2 * 1024 * 1024, problems);
        int recipients = (int) number(config, Setting.SMTP_MAX_RECIPIENTS, 100, 1, 100_000, problems);
        int perSession = (int) number(config, Setting.SMTP_MAX_MESSAGES_PER_SESSION, 100, 1, 100_000, problems);
        int connections = (int) number(config, Setting.SMTP_MAX_CONNECTIONS, 1000, 1, 1_000_000, problems);
        int perClient = (int) number(config, Setting.SMTP_MAX_CONNECTIONS_PER_CLIENT, 20, 1, 1_000_000, problems);
        Optional<Rate> perUser = rate(config, Setting.SMTP_RATE_PER_USER, problems);
        Optional<Rate> perSender = rate(config, Setting.SMTP_RATE_PER_SENDER, problems);
        if (!problems.isEmpty()) throw new ConfigurationException(problems);
        SmtpServerSettings settings = new SmtpServerSettings(at.getHostString(), at.getPort(), hostName(config), tls, false,
                maxKb * 1024, recipients, perSession, connections, perClient, Duration.ofMinutes(5), Optional.empty(), perUser, perSender,
                trustLoopback);
        return Optional.of(implicitTls == null ? settings : settings.withImplicitTls(implicitTls.getHostString(), implicitTls.getPort()));
    }

    /**
     * Where {@code smtp serve} listens when neither {@code --listen} nor {@code AZT3KNET_SMTP} says: submission on
     * 127.0.0.1:587 when running as root (only root may bind it), else a free port the log and stdout name.
     */
    static String defaultListen() {
        return "127.0.0.1:" + (root() ? 587 : 0);
    }

    private static boolean root() {
        try {
            // the owner of /proc/self is the process's effective user
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name")); // not Linux: the user name is all there is
        }
    }

    /** {@code COUNT/PERIOD} ({@code 600/h}, {@code 100/10m}, {@code 5/30s}) or {@code off}; unset: the generous default. */
    static Optional<Rate> rate(AppConfig config, Setting s, List<String> problems) {
        Optional<String> v = config.value(s).map(String::strip).filter(t -> !t.isEmpty());
        if (v.isEmpty()) return Optional.of(SmtpServerSettings.DEFAULT_RATE);
        if (v.get().equalsIgnoreCase("off")) return Optional.empty();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})\\s*/\\s*(\\d{0,9}\\s*[a-zA-Z]*)").matcher(v.get());
        if (m.matches()) {
            String period = m.group(2).strip();
            try {
                return Optional.of(new Rate(Integer.parseInt(m.group(1)),
                        AppConfig.interval(Character.isDigit(period.isEmpty() ? 'x' : period.charAt(0)) ? period : "1" + period)));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        problems.add(s.variable() + "='" + v.get() + "' is not a rate; write COUNT/PERIOD with a period of 1s or more"
                + " (600/h, 100/10m, 5/30s) or off");
        return Optional.of(SmtpServerSettings.DEFAULT_RATE);
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
            // "the gateway", not "AZT3KNET_SMTP is set": 'smtp serve' listens by default without it
            problems.add("the SMTP gateway has no certificate for STARTTLS; set " + pem
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

    /** The relay's settings; empty when {@code AZT3KNET_SMTP_RELAY=off}. */
    static Optional<RelaySettings> relay(AppConfig config) {
        String on = config.value(Setting.SMTP_RELAY).map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("on");
        if (!on.equals("on") && !on.equals("off")) {
            throw new ConfigurationException(List.of(Setting.SMTP_RELAY.variable() + "='" + on + "' must be on or off"));
        }
        if (on.equals("off")) return Optional.empty();
        RelaySettings d = RelaySettings.defaults();
        Duration maxAge = config.interval(Setting.SMTP_MAX_AGE, d.maxAge(), Duration.ofMinutes(1));
        List<String> problems = new ArrayList<>();
        int workers = (int) number(config, Setting.SMTP_RELAY_WORKERS, d.workers(), 1, 64, problems);
        if (!problems.isEmpty()) throw new ConfigurationException(problems);
        return Optional.of(new RelaySettings(d.batch(), d.lease(), d.firstRetry(),
                d.maxRetry().compareTo(maxAge) > 0 ? maxAge : d.maxRetry(), maxAge, d.poll(), workers));
    }

    /** How much unsent mail the spool may hold before new mail gets 451 4.3.0. */
    static SpoolBudget budget(AppConfig config) {
        List<String> problems = new ArrayList<>();
        long messages = number(config, Setting.SMTP_SPOOL_MAX_MESSAGES, 1_000_000, 1, 1_000_000_000, problems);
        long mb = number(config, Setting.SMTP_SPOOL_MAX_MB, 10_240, 1, 100_000_000, problems);
        if (!problems.isEmpty()) throw new ConfigurationException(problems);
        return new SpoolBudget(messages, mb * 1024 * 1024);
    }

    private static long number(AppConfig config, Setting s, long fallback, long min, long max, List<String> problems) {
        Optional<String> v = config.value(s);
        if (v.isEmpty()) return fallback;
        try {
            long n = Long.parseLong(v.get().strip());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(s.variable() + "='" + v.get() + "' must be a whole number from " + min + " to " + max);
        return fallback;
    }

    static String hostName(AppConfig config) {
        Optional<String> v = config.value(Setting.SMTP_HOSTNAME).map(String::strip).filter(h -> !h.isEmpty());
        if (v.isPresent()) return v.get();
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
