package net.azt3knet.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.integration.IntegrationConfig;
import net.azt3knet.ports.out.integration.IntegrationConfigurationException;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.SettingsReader;
import org.junit.jupiter.api.Test;

/** The IMAP intake's settings as an operator writes them: defaults, and every bad value named with its variable. */
class ImapIntegrationTest {

    private final ImapIntegration factory = new ImapIntegration();

    @Test
    void isAMailIntakeFoundByTheServiceLoaderAndConfiguredByItsHost() {
        assertThat(ServiceLoader.load(IntegrationFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("imap")).findFirst()).get()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(IntegrationKind.MAIL_INTAKE));
        assertThat(factory.settings()).extracting(IntegrationSetting::variable).contains("IMAP_HOST", "IMAP_PORT", "IMAP_SECURITY",
                "AZT3KNET_IMAP_MAX_CONNECTIONS", "AZT3KNET_IMAP_POLL_CONNECTIONS", "EMAIL_CHECK_INTERVAL", "IMAP_IDLE_RENEW");
        assertThat(factory.configured(reader(Map.of()))).isFalse();
        assertThat(factory.configured(reader(Map.of("IMAP_HOST", "mail.example.org")))).isTrue();
    }

    @Test
    void defaultsAreTlsOn993With100IdleConnectionsPolling30sEightAtOnceAndRenewing25m() {
        assertThat(build(Map.of("IMAP_HOST", "mail.example.org")).settings()).isEqualTo(new ImapSettings("mail.example.org", 993,
                ImapSettings.Security.TLS, 100, 8, Duration.ofSeconds(30), Duration.ofMinutes(25), Duration.ofSeconds(30)));
        ImapSettings s = build(Map.of("IMAP_HOST", "127.0.0.1", "IMAP_SECURITY", "none", "EMAIL_CHECK_INTERVAL", "2m",
                "IMAP_IDLE_RENEW", "600", "AZT3KNET_IMAP_MAX_CONNECTIONS", "0", "AZT3KNET_IMAP_POLL_CONNECTIONS", "32")).settings();
        assertThat(s.port()).isEqualTo(143);
        assertThat(s.checkInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.idleRenew()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.maxConnections()).isZero();
        assertThat(s.pollConnections()).isEqualTo(32);
        assertThat(build(Map.of("IMAP_HOST", "mail.example.org", "EMAIL_CHECK_INTERVAL", "45s")).settings().checkInterval())
                .isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void badValuesAreNamedTogether() {
        assertThatThrownBy(() -> build(Map.of("IMAP_HOST", "8.8.8.8", "IMAP_SECURITY", "none", "IMAP_IDLE_RENEW", "30m",
                "EMAIL_CHECK_INTERVAL", "soon", "AZT3KNET_IMAP_MAX_CONNECTIONS", "-1",
                "AZT3KNET_IMAP_POLL_CONNECTIONS", "0")))
                .isInstanceOf(IntegrationConfigurationException.class)
                .hasMessageContaining("IMAP_SECURITY=none: 8.8.8.8 (8.8.8.8) is neither a loopback nor a private address")
                .hasMessageContaining("IMAP_IDLE_RENEW='30m' must be a duration from 1s to 29m")
                .hasMessageContaining("EMAIL_CHECK_INTERVAL='soon' must be a duration")
                .hasMessageContaining("AZT3KNET_IMAP_MAX_CONNECTIONS")
                .hasMessageContaining("AZT3KNET_IMAP_POLL_CONNECTIONS");
        assertThatThrownBy(() -> build(Map.of("IMAP_HOST", "mail example"))).hasMessageContaining("IMAP_HOST='mail example' is not a host name");
    }

    private ImapMailIntake build(Map<String, String> values) {
        return factory.create(reader(values), new IntegrationContext() {
            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public <T> T resource(Class<T> type) {
                throw new IllegalArgumentException("no " + type.getSimpleName());
            }
        });
    }

    private static SettingsReader reader(Map<String, String> values) {
        return SettingsReader.building("imap", new IntegrationConfig() {
            @Override
            public Optional<String> value(IntegrationSetting s) {
                return Optional.ofNullable(values.get(s.variable()));
            }

            @Override
            public Optional<Secret> secret(String integration, IntegrationSetting s) {
                return Optional.empty();
            }

            @Override
            public String secretsDescription() {
                return "none";
            }

            @Override
            public java.nio.file.Path dataDir() {
                return java.nio.file.Path.of("/nonexistent");
            }
        });
    }
}
