package net.azt3knet.adapters.cakemail;

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

/** The SMTP gateway's mail through Cakemail's Email API v2, with the login of {@link CakemailIntegration}. */
public final class CakemailDeliveryIntegration implements IntegrationFactory {

    static final DeliveryRouteSettings ROUTE = DeliveryRouteSettings.of("CAKEMAIL_SEND", "cakemail.send", "Cakemail's Email API");

    @Override
    public String name() {
        return "cakemail-send";
    }

    @Override
    public IntegrationKind kind() {
        return IntegrationKind.MAIL_DELIVERY;
    }

    @Override
    public List<IntegrationSetting> settings() {
        return List.of(CakemailIntegration.USERNAME, CakemailIntegration.PASSWORD, CakemailIntegration.BASE_URL,
                CakemailIntegration.ACCOUNT_ID, ROUTE.domains(), ROUTE.users(), ROUTE.fallback(), CakemailIntegration.RATE_LIMIT, ProviderSettings.TIMEOUT);
    }

    @Override
    public String degradation() {
        return DeliveryRouteSettings.DEGRADATION;
    }

    @Override
    public boolean configured(SettingsReader settings) {
        return settings.isSet(CakemailIntegration.USERNAME) && settings.isSet(CakemailIntegration.PASSWORD)
                && ROUTE.configured(settings);
    }

    @Override
    public CakemailEmailDelivery create(SettingsReader settings, IntegrationContext context) {
        String user = settings.required(CakemailIntegration.USERNAME);
        Secret password = settings.requiredSecret(CakemailIntegration.PASSWORD);
        URI base = settings.url(CakemailIntegration.BASE_URL, "https://api.cakemail.dev", "https://api.cakemail.dev");
        Long account = settings.text(CakemailIntegration.ACCOUNT_ID).isPresent()
                ? settings.number(CakemailIntegration.ACCOUNT_ID, 1, Long.MAX_VALUE, 0) : null;
        DeliveryRoute route = ROUTE.read(settings);
        // No retries inside the client: Cakemail has no idempotency key; the spool retries after reading the logs.
        ProviderLimits limits = ProviderLimits.sending(ProviderSettings.timeout(settings),
                ProviderSettings.rate(settings, CakemailIntegration.RATE_LIMIT, 10));
        settings.done();
        return new CakemailEmailDelivery(new CakemailSettings(base, user, password, account, limits), route, context.clock());
    }
}
