package net.azt3knet.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.domain.mailbox.ExistingMailbox;
import net.azt3knet.ports.out.integration.IntegrationConfigurationException;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.SettingsReader;
import net.azt3knet.ports.out.mailbox.MailboxProvisioning;
import net.azt3knet.ports.out.mailbox.MailboxUpdate;
import net.azt3knet.ports.out.mailbox.NewMailbox;
import net.azt3knet.ports.out.mailbox.ProviderCapabilities;
import net.azt3knet.ports.out.mailbox.ProviderHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrationsTest {

    @TempDir
    Path dir;

    private AppConfig config(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString()));
        for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
        return AppConfig.load(env, dir, null, Map.of());
    }

    private static IntegrationFactory named(AppConfig config, String name) {
        return config.integrations().all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theRegistryFindsEveryAdapterOnTheClassPathByKind() {
        assertThat(Integrations.names(IntegrationKind.MAIL_PROVIDER)).contains("local", "mailcow", "mailjet", "cakemail");
        assertThat(Integrations.names(IntegrationKind.DNS_PROVIDER)).contains("zonefile", "desec");
        assertThat(Integrations.names(IntegrationKind.MODEL_SERVER)).contains("llm");
        assertThat(Integrations.names(IntegrationKind.SECRET_STORE)).containsExactly("env", "file", "vault");
        assertThat(Integrations.fallback(IntegrationKind.MAIL_PROVIDER)).isEqualTo("local");
        assertThat(Integrations.fallback(IntegrationKind.DNS_PROVIDER)).isEqualTo("zonefile");
        for (IntegrationFactory f : config().integrations().all()) {
            assertThat(f.degradation()).as(f.name() + " states what happens while it is down").isNotBlank();
        }
    }

    @Test
    void configuredMeansEnabledAndAFlagOverridesIt() throws IOException {
        String[] mailcow = {"MAILCOW_BASE_URL", "https://mail.example.org", "MAILCOW_API_KEY", "k"};
        assertThat(config().integrations().enabled(named(config(), "mailcow"))).isFalse();
        AppConfig configured = config(mailcow);
        assertThat(configured.integrations().enabled(named(configured, "mailcow"))).isTrue();

        AppConfig off = config("MAILCOW_BASE_URL", "https://mail.example.org", "MAILCOW_API_KEY", "k", "FEATURES__MAILCOW_ENABLED", "false");
        IntegrationFactory f = named(off, "mailcow");
        assertThat(off.integrations().enabled(f)).isFalse();
        assertThatThrownBy(() -> off.integrations().port(f, MailboxProvisioning.class, null))
                .isInstanceOf(IntegrationConfigurationException.class).hasMessageContaining("FEATURES__MAILCOW_ENABLED=false");

        Path file = dir.resolve(".config/azt3knet/config.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "features.local.enabled = false\nmailcow.url = https://mail.example.org\n");
        AppConfig fromFile = config();
        fromFile.validate(EnumSet.noneOf(Setting.class));
        assertThat(fromFile.integrations().enabled(named(fromFile, "local"))).isFalse();
        assertThat(fromFile.origin(Setting.DB_URL)).isEqualTo(AppConfig.Origin.DEFAULT);
        assertThat(new IntegrationHealth(fromFile.integrations(), null).list()).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("local");
            assertThat(e.status()).isEqualTo(IntegrationHealth.Status.DISABLED);
            assertThat(e.message()).isEqualTo("disabled by FEATURES__LOCAL_ENABLED=false");
        });
    }

    /** A mail provider built from the lifecycle and health ports alone: no {@code ProviderDnsNeeds}. */
    private static final class HalfProvider implements MailboxProvisioning, ProviderHealth {
        @Override public ProviderCapabilities capabilities() { return new ProviderCapabilities("halfmail", true, false, false, "memory"); }
        @Override public void check() { }
        @Override public int ensureDomain(String domain) { return 0; }
        @Override public List<String> domainChanges(String domain) { return List.of(); }
        @Override public List<ExistingMailbox> list(String domain) { return List.of(); }
        @Override public Optional<ExistingMailbox> find(String address) { return Optional.empty(); }
        @Override public ExistingMailbox create(NewMailbox mailbox) { throw new UnsupportedOperationException(); }
        @Override public void update(ExistingMailbox mailbox, MailboxUpdate update) { }
        @Override public void delete(ExistingMailbox mailbox) { }
    }

    @Test
    void aMailProviderWhoseObjectLacksOneOfTheKindsPortsIsRefusedNamingThem() {
        IntegrationFactory half = new IntegrationFactory() {
            @Override public String name() { return "halfmail"; }
            @Override public IntegrationKind kind() { return IntegrationKind.MAIL_PROVIDER; }
            @Override public List<IntegrationSetting> settings() { return List.of(); }
            @Override public String degradation() { return "nothing"; }
            @Override public boolean configured(SettingsReader settings) { return true; }
            @Override public Object create(SettingsReader settings, IntegrationContext context) {
                settings.done();
                return new HalfProvider();
            }
        };

        assertThatThrownBy(() -> config().integrations().port(half, MailboxProvisioning.class, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("does not implement every port of a mail provider (ProviderHealth, MailboxProvisioning, ProviderDnsNeeds)");
    }

    @Test
    void everyIntegrationsProblemsAreReportedAtOnceBeforeAnythingRuns() {
        AppConfig config = config("MAILCOW_QUOTA_MIB", "lots", "MAILJET_RATE_LIMIT", "0", "DESEC_BASE_URL", "ftp://desec",
                "LLM_API", "claude", "FEATURES__MAILJET_ENABLED", "maybe", "DNS_PROVIDER", "bind");
        assertThatThrownBy(() -> config.validate(EnumSet.noneOf(Setting.class)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "MAILCOW_QUOTA_MIB='lots' must be a whole number from 1 to 10000000",
                        "MAILJET_RATE_LIMIT='0' must be a whole number from 1 to 10000",
                        "DESEC_BASE_URL='ftp://desec' must be an http:// or https:// URL, e.g. https://desec.io/api/v1",
                        "LLM_API='claude' must be openai or ollama or aicore (--llm-api)",
                        "FEATURES__MAILJET_ENABLED='maybe' must be true or false (or unset: enabled when configured)",
                        "DNS_PROVIDER='bind' must be zonefile or desec"));
    }

    @Test
    void aProviderThatIsNotConfiguredNamesEachMissingSetting() {
        AppConfig config = config("FEATURES__MAILJET_ENABLED", "true");
        IntegrationFactory f = named(config, "mailjet");
        assertThat(config.integrations().enabled(f)).isTrue();
        assertThatThrownBy(() -> config.integrations().port(f, MailboxProvisioning.class, null))
                .isInstanceOfSatisfying(IntegrationConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "MAILJET_API_KEY is not set; Mailjet API key for --provider mailjet (Account settings > API key management), with MAILJET_SECRET_KEY",
                        "MAILJET_SECRET_KEY is not set (looked in the environment, .env and the config file); Mailjet API secret key of MAILJET_API_KEY"));
        assertThat(new IntegrationHealth(config.integrations(), null).list()).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("mailjet");
            assertThat(e.status()).isEqualTo(IntegrationHealth.Status.ERROR);
            assertThat(e.message()).contains("MAILJET_API_KEY is not set");
        });
    }

    @Test
    void theDnsProviderIsTheConfiguredOneUnlessChosenOrSwitchedOff() {
        assertThat(config().integrations().dnsProvider().name()).isEqualTo("zonefile");
        assertThat(config("DESEC_TOKEN", "t").integrations().dnsProvider().name()).isEqualTo("desec");
        assertThat(config("DESEC_TOKEN", "t", "DNS_PROVIDER", "zonefile").integrations().dnsProvider().name()).isEqualTo("zonefile");
        assertThat(config("DESEC_TOKEN", "t", "FEATURES__DESEC_ENABLED", "false").integrations().dnsProvider().name()).isEqualTo("zonefile");
    }

    @Test
    void aFlagGivenSecretIsUsedAsGivenAndOthersComeFromTheStore() throws IOException {
        Path secrets = Files.createDirectory(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("MAILCOW_API_KEY"), "from-file\n");
        AppConfig config = AppConfig.load(Map.of("HOME", dir.toString(), "AZT3KNET_SECRETS", "file", "AZT3KNET_SECRETS_DIR",
                secrets.toString(), "MAILCOW_BASE_URL", "https://mail.example.org", "MAILCOW_API_KEY", "from-env"), dir, null, Map.of());
        assertThat(config.integrations().enabled(named(config, "mailcow"))).as("the key is in the file store").isTrue();
        AppConfig missing = AppConfig.load(Map.of("HOME", dir.toString(), "AZT3KNET_SECRETS", "file", "AZT3KNET_SECRETS_DIR",
                secrets.toString(), "CAKEMAIL_USERNAME", "u", "CAKEMAIL_PASSWORD", "in-env-only"), dir, null, Map.of());
        assertThat(missing.integrations().enabled(named(missing, "cakemail"))).as("secrets come from the chosen store only").isFalse();
    }

    @Test
    void envExampleDocumentsEveryIntegrationSetting() throws IOException {
        String example = Files.readString(Path.of("..", ".env.example"));
        for (IntegrationSetting s : config().integrations().settings()) {
            assertThat(example).as(s.variable()).containsPattern("(?m)^#? ?" + s.variable() + "=");
        }
        assertThat(example).containsPattern("(?m)^#? ?FEATURES__MAILCOW_ENABLED=");
    }
}
