package net.azt3knet.adapters.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.email.DeliveryRoute;
import net.azt3knet.ports.out.integration.DeliveryRouteSettings;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.ProviderSettings;
import net.azt3knet.ports.out.integration.SettingsReader;

/** The SMTP gateway's mail through an SMTP smarthost (Mailcow, Postfix, any MTA): {@link SmarthostEmailDelivery}. */
public final class SmarthostIntegration implements IntegrationFactory {

    static final IntegrationSetting HOST = IntegrationSetting.value("SMARTHOST_HOST", "smarthost.host",
            "Host name or address of the SMTP server the gateway relays through, e.g. mail.example.org");
    static final IntegrationSetting PORT = IntegrationSetting.value("SMARTHOST_PORT", "smarthost.port",
            "Its port. Default: 587 (465 with SMARTHOST_SECURITY=tls)");
    static final IntegrationSetting SECURITY = IntegrationSetting.value("SMARTHOST_SECURITY", "smarthost.security",
            "starttls (required once chosen), tls (from the first byte) or none (a loopback or private address only). Default: starttls");
    static final IntegrationSetting USERNAME = IntegrationSetting.value("SMARTHOST_USERNAME", "smarthost.username",
            "AUTH user at the smarthost, with SMARTHOST_PASSWORD; unset: no AUTH");
    static final IntegrationSetting PASSWORD = IntegrationSetting.secret("SMARTHOST_PASSWORD", "smarthost.password",
            "AUTH password of SMARTHOST_USERNAME");
    static final IntegrationSetting HELO = IntegrationSetting.value("SMARTHOST_HELO", "smarthost.helo",
            "The name this side gives in EHLO. Default: AZT3KNET_SMTP_HOSTNAME, else this host's name");
    static final DeliveryRouteSettings ROUTE = DeliveryRouteSettings.of("SMARTHOST_SEND", "smarthost.send", "the smarthost");
    /** The gateway's own name (a setting of the gateway, not listed here): the EHLO name by default. */
    private static final IntegrationSetting GATEWAY_HOSTNAME = IntegrationSetting.value("AZT3KNET_SMTP_HOSTNAME", "smtp.hostname",
            "The gateway's host name");

    @Override
    public String name() {
        return "smarthost";
    }

    @Override
    public IntegrationKind kind() {
        return IntegrationKind.MAIL_DELIVERY;
    }

    @Override
    public List<IntegrationSetting> settings() {
        return List.of(HOST, PORT, SECURITY, USERNAME, PASSWORD, HELO, ROUTE.domains(), ROUTE.users(), ROUTE.fallback(),
                ProviderSettings.TIMEOUT);
    }

    @Override
    public String degradation() {
        return DeliveryRouteSettings.DEGRADATION;
    }

    @Override
    public boolean configured(SettingsReader settings) {
        return settings.isSet(HOST) && ROUTE.configured(settings);
    }

    @Override
    public SmarthostEmailDelivery create(SettingsReader settings, IntegrationContext context) {
        String host = ProviderSettings.host(settings, HOST, "the MTA's name");
        SmarthostSettings.Security security = SmarthostSettings.Security.valueOf(
                settings.oneOf(SECURITY, "starttls", List.of("starttls", "tls", "none"), null).toUpperCase(Locale.ROOT));
        int port = (int) settings.number(PORT, 1, 65535, security == SmarthostSettings.Security.TLS ? 465 : 587);
        if (host != null && security == SmarthostSettings.Security.NONE) {
            ProviderSettings.unencryptedRefused(host).ifPresent(why -> settings.problem(SECURITY.variable() + "=none: " + why + "; mail and the AUTH password would cross the network in clear;"
                        + " use starttls or tls, or none only for a smarthost on this host or a private network"));
        }
        Optional<String> user = settings.text(USERNAME).map(String::strip).filter(u -> !u.isEmpty());
        Optional<String> password = Optional.empty();
        if (user.isPresent()) {
            password = Optional.ofNullable(settings.requiredSecret(PASSWORD)).map(Secret::reveal);
        } else if (settings.optionalSecret(PASSWORD).isPresent()) {
            settings.problem(PASSWORD.variable() + " is set but " + USERNAME.variable() + " is not; give both, or neither for no AUTH");
        }
        Optional<String> helo = settings.text(HELO).map(String::strip).filter(h -> !h.isEmpty());
        if (helo.isPresent() && !helo.get().matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]")) {
            settings.problem(HELO.variable() + "='" + helo.get() + "' is not a host name (or [address]); give this host's name, e.g. gw.example.org");
        }
        DeliveryRoute route = ROUTE.read(settings);
        var timeout = ProviderSettings.timeout(settings);
        settings.done();
        String heloName = helo.or(() -> settings.text(GATEWAY_HOSTNAME).map(String::strip).filter(h -> !h.isEmpty()))
                .orElseGet(SmarthostIntegration::localHostName);
        return new SmarthostEmailDelivery(new SmarthostSettings(host, port, security, user, password, heloName, timeout), route);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
