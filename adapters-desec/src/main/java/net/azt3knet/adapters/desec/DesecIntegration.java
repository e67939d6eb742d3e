package net.azt3knet.adapters.desec;

import java.net.URI;
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

/** The deSEC DNS provider: the mail domain's records in a deSEC zone. */
public final class DesecIntegration implements IntegrationFactory {

    static final IntegrationSetting TOKEN = IntegrationSetting.secret("DESEC_TOKEN", "desec.token",
            "deSEC API token (desec.io > Token management); needs perm_create_domain only for 'dns bootstrap' of a new zone");
    static final IntegrationSetting BASE_URL = IntegrationSetting.value("DESEC_BASE_URL", "desec.url",
            "deSEC API. Default: https://desec.io/api/v1");
    static final IntegrationSetting MAX_WAIT = IntegrationSetting.value("DESEC_MAX_WAIT", "desec.max_wait",
            "Longest wait in seconds for deSEC's rate limits (its Retry-After, the zone's write budget) before giving up. Default: 600");

    @Override
    public String name() {
        return "desec";
    }

    @Override
    public IntegrationKind kind() {
        return IntegrationKind.DNS_PROVIDER;
    }

    @Override
    public List<IntegrationSetting> settings() {
        return List.of(TOKEN, BASE_URL, MAX_WAIT, ProviderSettings.TIMEOUT, ProviderSettings.MAX_RETRIES);
    }

    @Override
    public String degradation() {
        return "DNS commands write nothing and say what failed; the zone keeps what was published";
    }

    @Override
    public boolean configured(SettingsReader settings) {
        return settings.isSet(TOKEN);
    }

    @Override
    public DesecDnsRecords create(SettingsReader settings, IntegrationContext context) {
        Secret token = settings.requiredSecret(TOKEN);
        URI base = settings.url(BASE_URL, "https://desec.io/api/v1", "https://desec.io/api/v1");
        // deSEC allows 50 reads a minute: 45 leaves room for a second client
        ProviderLimits limits = new ProviderLimits(ProviderSettings.timeout(settings), 0.75,
                ProviderSettings.maxRetries(settings), Duration.ofSeconds(settings.number(MAX_WAIT, 1, 86_400, 600)));
        settings.done();
        return new DesecDnsRecords(new DesecSettings(base, token, limits));
    }
}
