package net.azt3knet.adapters.mailjet;

import java.time.Duration;
import java.net.URI;
import java.util.List;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.email.DeliveryRoute;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.ProviderSettings;
import net.azt3knet.ports.out.integration.SettingsReader;

/** The SMTP gateway's mail through Mailjet's Send API v3.1, with the account of {@link MailjetIntegration}. */
public final class MailjetDeliveryIntegration implements IntegrationFactory {

    static final IntegrationSetting DOMAINS = IntegrationSetting.value("MAILJET_SEND_DOMAINS", "mailjet.send_domains",
            "Sender domains whose gateway mail goes through Mailjet's Send API, separated by commas; * for every sender");
    static final IntegrationSetting USERS = IntegrationSetting.value("MAILJET_SEND_USERS", "mailjet.send_users",
            "Gateway users whose mail goes through Mailjet's Send API, separated by commas");
    static final IntegrationSetting FALLBACK = IntegrationSetting.value("MAILJET_SEND_FALLBACK", "mailjet.send_fallback",
            "Mail delivery integration used while Mailjet is failing (its circuit breaker open), e.g. cakemail-send; unset: none");

    @Override
    public String name() {
        return "mailjet-send";
    }

    @Override
    public IntegrationKind kind() {
        return IntegrationKind.MAIL_DELIVERY;
    }

    @Override
    public List<IntegrationSetting> settings() {
        return List.of(MailjetIntegration.API_KEY, MailjetIntegration.SECRET_KEY, MailjetIntegration.BASE_URL, DOMAINS, USERS, FALLBACK,
                MailjetIntegration.RATE_LIMIT, ProviderSettings.TIMEOUT);
    }

    @Override
    public String degradation() {
        return "gateway mail waits in the spool (or goes through the fallback) and is retried until AZT3KNET_SMTP_MAX_AGE";
    }

    @Override
    public boolean configured(SettingsReader settings) {
        return settings.isSet(MailjetIntegration.API_KEY) && settings.isSet(MailjetIntegration.SECRET_KEY)
                && (settings.isSet(DOMAINS) || settings.isSet(USERS));
    }

    @Override
    public MailjetEmailDelivery create(SettingsReader settings, IntegrationContext context) {
        String key = settings.required(MailjetIntegration.API_KEY);
        Secret secret = settings.requiredSecret(MailjetIntegration.SECRET_KEY);
        URI base = settings.url(MailjetIntegration.BASE_URL, "https://api.mailjet.com", "https://api.mailjet.com");
        DeliveryRoute route = ProviderSettings.deliveryRoute(settings, DOMAINS, USERS, FALLBACK);
        // No retries inside the client: a send retried after a timeout could go out twice; the spool retries.
        ProviderLimits limits = new ProviderLimits(ProviderSettings.timeout(settings),
                ProviderSettings.rate(settings, MailjetIntegration.RATE_LIMIT, 10), 0, Duration.ofSeconds(60));
        settings.done();
        return new MailjetEmailDelivery(new MailjetSettings(base, key, secret, null, limits), route);
    }
}
