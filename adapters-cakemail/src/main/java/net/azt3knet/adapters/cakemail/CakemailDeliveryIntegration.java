package net.azt3knet.adapters.cakemail;

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

/** The SMTP gateway's mail through Cakemail's Email API v2, with the login of {@link CakemailIntegration}. */
public final class CakemailDeliveryIntegration implements IntegrationFactory {

    static final IntegrationSetting DOMAINS = IntegrationSetting.value("CAKEMAIL_SEND_DOMAINS", "cakemail.send_domains",
            "Sender domains whose gateway mail goes through Cakemail's Email API, separated by commas; * for every sender");
    static final IntegrationSetting USERS = IntegrationSetting.value("CAKEMAIL_SEND_USERS", "cakemail.send_users",
            "Gateway users whose mail goes through Cakemail's Email API, separated by commas");
    static final IntegrationSetting FALLBACK = IntegrationSetting.value("CAKEMAIL_SEND_FALLBACK", "cakemail.send_fallback",
            "Mail delivery integration used while Cakemail is failing (its circuit breaker open), e.g. mailjet-send; unset: none");

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
                CakemailIntegration.ACCOUNT_ID, DOMAINS, USERS, FALLBACK, CakemailIntegration.RATE_LIMIT, ProviderSettings.TIMEOUT);
    }

    @Override
    public String degradation() {
        return "gateway mail waits in the spool (or goes through the fallback) and is retried until AZT3KNET_SMTP_MAX_AGE";
    }

    @Override
    public boolean configured(SettingsReader settings) {
        return settings.isSet(CakemailIntegration.USERNAME) && settings.isSet(CakemailIntegration.PASSWORD)
                && (settings.isSet(DOMAINS) || settings.isSet(USERS));
    }

    @Override
    public CakemailEmailDelivery create(SettingsReader settings, IntegrationContext context) {
        String user = settings.required(CakemailIntegration.USERNAME);
        Secret password = settings.requiredSecret(CakemailIntegration.PASSWORD);
        URI base = settings.url(CakemailIntegration.BASE_URL, "https://api.cakemail.dev", "https://api.cakemail.dev");
        Long account = settings.text(CakemailIntegration.ACCOUNT_ID).isPresent()
                ? settings.number(CakemailIntegration.ACCOUNT_ID, 1, Long.MAX_VALUE, 0) : null;
        DeliveryRoute route = ProviderSettings.deliveryRoute(settings, DOMAINS, USERS, FALLBACK);
        // No retries inside the client: Cakemail has no idempotency key; the spool retries after reading the logs.
        ProviderLimits limits = new ProviderLimits(ProviderSettings.timeout(settings),
                ProviderSettings.rate(settings, CakemailIntegration.RATE_LIMIT, 10), 0, Duration.ofSeconds(60));
        settings.done();
        return new CakemailEmailDelivery(new CakemailSettings(base, user, password, account, limits), route, context.clock());
    }
}
