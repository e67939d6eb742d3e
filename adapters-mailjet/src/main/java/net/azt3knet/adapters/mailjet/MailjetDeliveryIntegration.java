package net.azt3knet.adapters.mailjet;

import java.net.URI;
import java.util.List;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.email.DeliveryRoute;
import net.azt3knet.ports.out.integration.DeliveryRouteSettings;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.ProviderSettings;
import net.azt3knet.ports.out.integration.SettingsReader;

/** The SMTP gateway's mail through Mailjet's Send API v3.1, with the account of {@link MailjetIntegration}. */
public final class MailjetDeliveryIntegration implements IntegrationFactory {

    static final DeliveryRouteSettings ROUTE = DeliveryRouteSettings.of("MAILJET_SEND", "mailjet.send", "Mailjet's Send API");

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
        return List.of(MailjetIntegration.API_KEY, MailjetIntegration.SECRET_KEY, MailjetIntegration.BASE_URL, ROUTE.domains(), ROUTE.users(), ROUTE.fallback(),
                MailjetIntegration.RATE_LIMIT, ProviderSettings.TIMEOUT);
    }

    @Override
    public String degradation() {
        return DeliveryRouteSettings.DEGRADATION;
    }

    @Override
    public boolean configured(SettingsReader settings) {
        return settings.isSet(MailjetIntegration.API_KEY) && settings.isSet(MailjetIntegration.SECRET_KEY)
                && ROUTE.configured(settings);
    }

    @Override
    public MailjetEmailDelivery create(SettingsReader settings, IntegrationContext context) {
        String key = settings.required(MailjetIntegration.API_KEY);
        Secret secret = settings.requiredSecret(MailjetIntegration.SECRET_KEY);
        URI base = settings.url(MailjetIntegration.BASE_URL, "https://api.mailjet.com", "https://api.mailjet.com");
        DeliveryRoute route = ROUTE.read(settings);
        ProviderLimits limits = ProviderLimits.sending(ProviderSettings.timeout(settings),
                ProviderSettings.rate(settings, MailjetIntegration.RATE_LIMIT, 10));
        settings.done();
        return new MailjetEmailDelivery(new MailjetSettings(base, key, secret, null, limits), route);
    }
}
