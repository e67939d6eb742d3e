package net.azt3knet.adapters.cakemail;

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

/** The Cakemail mail provider: sender identities on a Cakemail account. */
public final class CakemailIntegration implements IntegrationFactory {

    static final IntegrationSetting USERNAME = IntegrationSetting.value("CAKEMAIL_USERNAME", "cakemail.username",
            "Cakemail login for --provider cakemail: a user without two-factor authentication, with CAKEMAIL_PASSWORD");
    static final IntegrationSetting PASSWORD = IntegrationSetting.secret("CAKEMAIL_PASSWORD", "cakemail.password",
            "Password of CAKEMAIL_USERNAME");
    static final IntegrationSetting BASE_URL = IntegrationSetting.value("CAKEMAIL_BASE_URL", "cakemail.url",
            "Cakemail API. Default: https://api.cakemail.dev");
    static final IntegrationSetting ACCOUNT_ID = IntegrationSetting.value("CAKEMAIL_ACCOUNT_ID", "cakemail.account_id",
            "Cakemail sub-account to act on (a number); unset: the user's own account");
    static final IntegrationSetting RATE_LIMIT = IntegrationSetting.value("CAKEMAIL_RATE_LIMIT", "cakemail.rate_limit",
            "Most requests per second to Cakemail, retries included (Cakemail publishes no figure). Default: 10");

    @Override
    public String name() {
        return "cakemail";
    }

    @Override
    public IntegrationKind kind() {
        return IntegrationKind.MAIL_PROVIDER;
    }

    @Override
    public List<IntegrationSetting> settings() {
        return List.of(USERNAME, PASSWORD, BASE_URL, ACCOUNT_ID, RATE_LIMIT, ProviderSettings.TIMEOUT, ProviderSettings.MAX_RETRIES);
    }

    @Override
    public String degradation() {
        return "provisioning stops where it is and exits 4; the same command resumes from the ledger";
    }

    @Override
    public boolean configured(SettingsReader settings) {
        return settings.isSet(USERNAME) && settings.isSet(PASSWORD);
    }

    @Override
    public CakemailMailboxProvisioning create(SettingsReader settings, IntegrationContext context) {
        String user = settings.required(USERNAME);
        Secret password = settings.requiredSecret(PASSWORD);
        URI base = settings.url(BASE_URL, "https://api.cakemail.dev", "https://api.cakemail.dev");
        Long account = settings.text(ACCOUNT_ID).isPresent() ? settings.number(ACCOUNT_ID, 1, Long.MAX_VALUE, 0) : null;
        ProviderLimits limits = new ProviderLimits(ProviderSettings.timeout(settings), ProviderSettings.rate(settings, RATE_LIMIT, 10),
                ProviderSettings.maxRetries(settings), Duration.ofSeconds(60));
        settings.done();
        return new CakemailMailboxProvisioning(new CakemailSettings(base, user, password, account, limits), context.clock());
    }
}
