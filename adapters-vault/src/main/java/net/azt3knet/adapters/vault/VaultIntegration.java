package net.azt3knet.adapters.vault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.SettingsReader;

/** The Vault secret store (KV version 2), chosen by {@code AZT3KNET_SECRETS=vault}; its own token comes from the layers. */
public final class VaultIntegration implements IntegrationFactory {

    static final IntegrationSetting ADDRESS = IntegrationSetting.value("VAULT_ADDR", "vault.address",
            "Vault's address for AZT3KNET_SECRETS=vault, e.g. https://vault.internal:8200");
    static final IntegrationSetting TOKEN = IntegrationSetting.secret("VAULT_TOKEN", "vault.token",
            "Vault token for AZT3KNET_SECRETS=vault");
    static final IntegrationSetting NAMESPACE = IntegrationSetting.value("VAULT_NAMESPACE", "vault.namespace",
            "Vault Enterprise namespace (optional)");
    static final IntegrationSetting MOUNT = IntegrationSetting.value("AZT3KNET_VAULT_MOUNT", "vault.mount",
            "KV version 2 mount. Default: secret");
    static final IntegrationSetting PATH = IntegrationSetting.value("AZT3KNET_VAULT_PATH", "vault.path",
            "Secret under the mount whose keys are these variable names. Default: azt3knet; each integration may also have"
                    + " its own secret below it, e.g. azt3knet/mailcow with key api_key");

    @Override
    public String name() {
        return "vault";
    }

    @Override
    public IntegrationKind kind() {
        return IntegrationKind.SECRET_STORE;
    }

    @Override
    public List<IntegrationSetting> settings() {
        return List.of(ADDRESS, TOKEN, NAMESPACE, MOUNT, PATH);
    }

    @Override
    public String degradation() {
        return "every command that needs a secret stops before it writes anything, naming Vault and the fix";
    }

    @Override
    public boolean configured(SettingsReader settings) {
        return settings.isSet(ADDRESS) && settings.isSet(TOKEN);
    }

    @Override
    public VaultSecretStore create(SettingsReader settings, IntegrationContext context) {
        String address = settings.required(ADDRESS);
        if (address != null && !address.matches("https?://.+")) settings.problem("VAULT_ADDR must start with http:// or https://");
        Secret token = settings.requiredSecret(TOKEN);
        String mount = settings.text(MOUNT).orElse("secret");
        String path = settings.text(PATH).orElse("azt3knet");
        String namespace = settings.text(NAMESPACE).orElse(null);
        settings.done();
        return new VaultSecretStore(new VaultSettings(URI.create(address), token, mount, path, namespace, Duration.ofSeconds(10)));
    }
}
