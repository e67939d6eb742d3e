package net.azt3knet.adapters.mail;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.ProviderSettings;
import net.azt3knet.ports.out.integration.SettingsReader;

/** The responder's intake from an IMAP server (Mailcow, Dovecot, any IMAP4rev1 server): {@link ImapMailIntake}. */
public final class ImapIntegration implements IntegrationFactory {

    static final IntegrationSetting HOST = IntegrationSetting.value("IMAP_HOST", "imap.host",
            "Host name or address of the IMAP server holding the agents' mailboxes, e.g. mail.example.org");
    static final IntegrationSetting PORT = IntegrationSetting.value("IMAP_PORT", "imap.port",
            "Its port. Default: 993 (143 with IMAP_SECURITY=starttls or none)");
    static final IntegrationSetting SECURITY = IntegrationSetting.value("IMAP_SECURITY", "imap.security",
            "tls (from the first byte), starttls (required once chosen) or none (a loopback or private address only). Default: tls");
    static final IntegrationSetting MAX_CONNECTIONS = IntegrationSetting.value("AZT3KNET_IMAP_MAX_CONNECTIONS", "imap.max-connections",
            "How many mailboxes sit in IMAP IDLE (one connection each, new mail within seconds); the others are polled. Default: 100");
    static final IntegrationSetting POLL_CONNECTIONS = IntegrationSetting.value("AZT3KNET_IMAP_POLL_CONNECTIONS", "imap.poll-connections",
            "How many polled mailboxes are read at once, one short connection each; raise it if a round of polls"
                    + " takes longer than EMAIL_CHECK_INTERVAL (the log says so). Default: 8");
    static final IntegrationSetting CHECK_INTERVAL = IntegrationSetting.value("EMAIL_CHECK_INTERVAL", "imap.check-interval",
            "How often the polled mailboxes are read: seconds, or 30s, 2m. Default: 30s");
    static final IntegrationSetting IDLE_RENEW = IntegrationSetting.value("IMAP_IDLE_RENEW", "imap.idle-renew",
            "How long one IDLE lasts before it is re-issued (RFC 2177 wants under 29 minutes): seconds, or 90s, 25m. Default: 25m");

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(s|m|h)?");

    @Override
    public String name() {
        return "imap";
    }

    @Override
    public IntegrationKind kind() {
        return IntegrationKind.MAIL_INTAKE;
    }

    @Override
    public List<IntegrationSetting> settings() {
        return List.of(HOST, PORT, SECURITY, MAX_CONNECTIONS, POLL_CONNECTIONS, CHECK_INTERVAL, IDLE_RENEW, ProviderSettings.TIMEOUT);
    }

    @Override
    public String degradation() {
        return "Mail to the agents stays in their mailboxes unanswered; it is read from the last checkpoint once the IMAP server answers again.";
    }

    @Override
    public boolean configured(SettingsReader settings) {
        return settings.isSet(HOST);
    }

    @Override
    public ImapMailIntake create(SettingsReader settings, IntegrationContext context) {
        String host = ProviderSettings.host(settings, HOST, "the IMAP server's name");
        ImapSettings.Security security = ImapSettings.Security.valueOf(
                settings.oneOf(SECURITY, "tls", List.of("tls", "starttls", "none"), null).toUpperCase(Locale.ROOT));
        int port = (int) settings.number(PORT, 1, 65535, security == ImapSettings.Security.TLS ? 993 : 143);
        if (host != null && security == ImapSettings.Security.NONE) {
            ProviderSettings.unencryptedRefused(host).ifPresent(why -> settings.problem(SECURITY.variable() + "=none: " + why + "; mail and the mailbox passwords would cross the network in clear;"
                        + " use tls or starttls, or none only for an IMAP server on this host or a private network"));
        }
        int max = (int) settings.number(MAX_CONNECTIONS, 0, 100_000, 100);
        int polls = (int) settings.number(POLL_CONNECTIONS, 1, 1_000, 8);
        Duration interval = duration(settings, CHECK_INTERVAL, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(24));
        Duration renew = duration(settings, IDLE_RENEW, Duration.ofMinutes(25), Duration.ofSeconds(1), Duration.ofMinutes(29));
        Duration timeout = ProviderSettings.timeout(settings);
        settings.done();
        return new ImapMailIntake(new ImapSettings(host, port, security, max, polls, interval, renew, timeout));
    }

    /** {@code 30}, {@code 30s}, {@code 2m} or {@code 1h}, within [min, max]; a problem naming the setting otherwise. */
    static Duration duration(SettingsReader settings, IntegrationSetting s, Duration fallback, Duration min, Duration max) {
        Optional<String> text = settings.text(s).map(String::strip).filter(t -> !t.isEmpty());
        if (text.isEmpty()) return fallback;
        Matcher m = DURATION.matcher(text.get().toLowerCase(Locale.ROOT));
        Duration d = null;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = m.group(2) == null || m.group(2).equals("s") ? Duration.ofSeconds(n) : m.group(2).equals("m") ? Duration.ofMinutes(n) : Duration.ofHours(n);
        }
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            settings.problem(s.variable() + "='" + text.get() + "' must be a duration from " + words(min) + " to " + words(max)
                    + ", in seconds or with s, m or h, e.g. 30s or 2m");
            return fallback;
        }
        return d;
    }

    private static String words(Duration d) {
        return d.toSeconds() % 3600 == 0 ? d.toHours() + "h" : d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }

}
