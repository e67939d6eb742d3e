package net.azt3knet.adapters.mailjet;

import java.time.Duration;
import java.net.URI;
import java.util.List;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.ProviderSettings;
import net.azt3knet.ports.out.integration.SettingsReader;

/** The Mailjet mail provider: sender identities on a Mailjet account, inbound mail through its Parse API. */
public final class MailjetIntegration implements IntegrationFactory {

    static final IntegrationSetting API_KEY = IntegrationSetting.value("MAILJET_API_KEY", "mailjet.api_key",
            "Mailjet API key for --provider mailjet (Account settings > API key management), with MAILJET_SECRET_KEY");
    static final IntegrationSetting SECRET_KEY = IntegrationSetting.secret("MAILJET_SECRET_KEY", "mailjet.secret_key",
            "Mailjet API secret key of MAILJET_API_KEY");
    static final IntegrationSetting BASE_URL = IntegrationSetting.value("MAILJET_BASE_URL", "mailjet.url",
            "Mailjet API. Default: https://api.mailjet.com (accounts on Mailjet's US infrastructure: https://api.us.mailjet.com)");
    static final IntegrationSetting INBOUND_URL = IntegrationSetting.value("MAILJET_INBOUND_URL", "mailjet.inbound_url",
            "Public URL with a path that Mailjet's Parse API posts the domain's inbound mail to (paid plans); unset: senders only");
    static final IntegrationSetting RATE_LIMIT = IntegrationSetting.value("MAILJET_RATE_LIMIT", "mailjet.rate_limit",
            "Most requests per second to Mailjet, retries included (Mailjet publishes no figure). Default: 10");

    @Override
    public String name() {
        return "mailjet";
    }

    @Override
    public IntegrationKind kind() {
        return IntegrationKind.MAIL_PROVIDER;
    }

    @Override
    public List<IntegrationSetting> settings() {
        return List.of(API_KEY, SECRET_KEY, BASE_URL, INBOUND_URL, RATE_LIMIT, ProviderSettings.TIMEOUT, ProviderSettings.MAX_RETRIES);
    }

    @Override
    public String degradation() {
        return "provisioning stops where it is and exits 4; the same command resumes from the ledger";
    }

    @Override
    public boolean configured(SettingsReader settings) {
        return settings.isSet(API_KEY) && settings.isSet(SECRET_KEY);
    }

    @Override
    public MailjetMailboxProvisioning create(SettingsReader settings, IntegrationContext context) {
        String key = settings.required(API_KEY);
        Secret secret = settings.requiredSecret(SECRET_KEY);
        URI base = settings.url(BASE_URL, "https://api.mailjet.com", "https://api.mailjet.com");
        URI inbound = settings.url(INBOUND_URL, null, "https://agents.example.org/inbound/mailjet");
        settings.text(INBOUND_URL).filter(v -> v.matches("https?://[^/\\s]+/?")).ifPresent(v ->
                settings.problem(INBOUND_URL.variable() + "='" + v + "' needs a path: Mailjet refuses a site root,"
                        + " e.g. https://agents.example.org/inbound/mailjet"));
        ProviderLimits limits = new ProviderLimits(ProviderSettings.timeout(settings), ProviderSettings.rate(settings, RATE_LIMIT, 10),
                ProviderSettings.maxRetries(settings), Duration.ofSeconds(60));
        settings.done();
        return new MailjetMailboxProvisioning(new MailjetSettings(base, key, secret, inbound, limits));
    }
}
