package net.azt3knet.adapters.mailcow;

import java.time.Duration;
import java.util.List;
import net.azt3knet.adapters.http.ProviderLimits;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.ProviderSettings;
import net.azt3knet.ports.out.integration.SettingsReader;

/** The Mailcow mail provider: real mailboxes on the operator's Mailcow server. */
public final class MailcowIntegration implements IntegrationFactory {

    static final IntegrationSetting BASE_URL = IntegrationSetting.value("MAILCOW_BASE_URL", "mailcow.url",
            "Mailcow server for --provider mailcow, e.g. https://mail.example.org (the API is under /api/v1)");
    static final IntegrationSetting API_KEY = IntegrationSetting.secret("MAILCOW_API_KEY", "mailcow.api_key",
            "Read-write Mailcow API key (Configuration > Access > API); allow this machine's IP for it");
    static final IntegrationSetting QUOTA_MIB = IntegrationSetting.value("MAILCOW_QUOTA_MIB", "mailcow.quota_mib",
            "Quota of each agent mailbox in MiB. Default: 1024");
    static final IntegrationSetting MAX_MAILBOXES = IntegrationSetting.value("MAILCOW_MAX_MAILBOXES", "mailcow.max_mailboxes",
            "Mailbox limit of a domain Azt3kNet adds to Mailcow (Mailcow's own default is 10). Default: 100000");
    static final IntegrationSetting APP_PASSWORDS = IntegrationSetting.value("MAILCOW_APP_PASSWORDS", "mailcow.app_passwords",
            "true: each mailbox also gets an IMAP/SMTP-only app password 'azt3knet' (credentials export: app_password). Default: false");
    static final IntegrationSetting RATE_LIMIT = IntegrationSetting.value("MAILCOW_RATE_LIMIT", "mailcow.rate_limit",
            "Most requests per second to Mailcow, retries included. Default: 20");

    @Override
    public String name() {
        return "mailcow";
    }

    @Override
    public IntegrationKind kind() {
        return IntegrationKind.MAIL_PROVIDER;
    }

    @Override
    public List<IntegrationSetting> settings() {
        return List.of(BASE_URL, API_KEY, QUOTA_MIB, MAX_MAILBOXES, APP_PASSWORDS, RATE_LIMIT, ProviderSettings.TIMEOUT,
                ProviderSettings.MAX_RETRIES);
    }

    @Override
    public String degradation() {
        return "provisioning stops where it is and exits 4; the same command resumes from the ledger";
    }

    @Override
    public boolean configured(SettingsReader settings) {
        return settings.isSet(BASE_URL) && settings.isSet(API_KEY);
    }

    @Override
    public MailcowMailboxProvisioning create(SettingsReader settings, IntegrationContext context) {
        var url = settings.requiredUrl(BASE_URL, "https://mail.example.org");
        Secret key = settings.requiredSecret(API_KEY);
        int quota = (int) settings.number(QUOTA_MIB, 1, 10_000_000, 1024);
        int max = (int) settings.number(MAX_MAILBOXES, 1, 100_000_000, 100_000);
        boolean appPasswords = settings.bool(APP_PASSWORDS, false);
        ProviderLimits limits = new ProviderLimits(ProviderSettings.timeout(settings), ProviderSettings.rate(settings, RATE_LIMIT, 20),
                ProviderSettings.maxRetries(settings), Duration.ofSeconds(60));
        settings.done();
        return new MailcowMailboxProvisioning(new MailcowSettings(url, key, quota, max, appPasswords, limits));
    }
}
