package net.azt3knet.adapters.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import net.azt3knet.adapters.http.ProviderCalls;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.email.DeliveryResult;
import net.azt3knet.ports.out.integration.IntegrationConfig;
import net.azt3knet.ports.out.integration.IntegrationConfigurationException;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.SettingsReader;
import net.azt3knet.ports.out.spool.Envelope;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpooledMessage;
import net.azt3knet.testkit.fakes.InMemoryMessageSpool;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;

/** The smarthost's settings as an operator writes them: defaults, every bad value named with its variable and fix. */
class SmarthostIntegrationTest {

    private final SmarthostIntegration factory = new SmarthostIntegration();

    @Test
    void isAMailDeliveryFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(IntegrationFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("smarthost")).findFirst()).get()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(IntegrationKind.MAIL_DELIVERY));
        assertThat(factory.settings()).extracting(IntegrationSetting::variable).contains("SMARTHOST_HOST", "SMARTHOST_PORT",
                "SMARTHOST_SECURITY", "SMARTHOST_USERNAME", "SMARTHOST_PASSWORD", "SMARTHOST_HELO", "SMARTHOST_SEND_DOMAINS",
                "SMARTHOST_SEND_USERS", "SMARTHOST_SEND_FALLBACK", "AZT3KNET_PROVIDER_TIMEOUT");
        assertThat(factory.settings().stream().filter(IntegrationSetting::secret).map(IntegrationSetting::variable)).containsExactly("SMARTHOST_PASSWORD");
    }

    @Test
    void configuredOnlyWithAHostAndARoute() {
        assertThat(factory.configured(reader(Map.of("SMARTHOST_HOST", "mail.example.org")))).isFalse();
        assertThat(factory.configured(reader(Map.of("SMARTHOST_SEND_DOMAINS", "*")))).isFalse();
        assertThat(factory.configured(reader(Map.of("SMARTHOST_HOST", "mail.example.org", "SMARTHOST_SEND_USERS", "billing")))).isTrue();
    }

    @Test
    void defaultsAreStartTlsOn587WithTheGatewayNameInEhlo() {
        SmarthostEmailDelivery d = build(Map.of("SMARTHOST_HOST", "mail.example.org", "SMARTHOST_SEND_DOMAINS", "agents.example.org",
                "AZT3KNET_SMTP_HOSTNAME", "gw.example.org", "SMARTHOST_SEND_FALLBACK", "mailjet-send"));
        assertThat(d.settings()).isEqualTo(new SmarthostSettings("mail.example.org", 587, SmarthostSettings.Security.STARTTLS,
                Optional.empty(), Optional.empty(), "gw.example.org", java.time.Duration.ofSeconds(30)));
        assertThat(d.route().senderDomains()).containsExactly("agents.example.org");
        assertThat(d.route().fallback()).contains("mailjet-send");
        SmarthostEmailDelivery tls = build(Map.of("SMARTHOST_HOST", "mail.example.org", "SMARTHOST_SEND_DOMAINS", "*",
                "SMARTHOST_SECURITY", "TLS", "SMARTHOST_HELO", "relay.example.org", "SMARTHOST_USERNAME", "relay@example.org"),
                Map.of("SMARTHOST_PASSWORD", "s3cret"));
        assertThat(tls.settings().port()).isEqualTo(465);
        assertThat(tls.settings().security()).isEqualTo(SmarthostSettings.Security.TLS);
        assertThat(tls.settings().heloName()).isEqualTo("relay.example.org");
        assertThat(tls.settings().password()).contains("s3cret");
        assertThat(tls.settings().toString()).doesNotContain("s3cret");
    }

    @Test
    void noEncryptionOnlyForALoopbackOrPrivateAddress() {
        for (String host : List.of("127.0.0.1", "localhost", "10.1.2.3", "192.168.1.10", "[::1]")) {
            assertThat(build(Map.of("SMARTHOST_HOST", host, "SMARTHOST_SEND_DOMAINS", "*", "SMARTHOST_SECURITY", "none")).settings().security())
                    .as(host).isEqualTo(SmarthostSettings.Security.NONE);
        }
        assertThatThrownBy(() -> build(Map.of("SMARTHOST_HOST", "8.8.8.8", "SMARTHOST_SEND_DOMAINS", "*", "SMARTHOST_SECURITY", "none")))
                .isInstanceOf(IntegrationConfigurationException.class)
                .hasMessageContaining("SMARTHOST_SECURITY=none: 8.8.8.8 (8.8.8.8) is neither a loopback nor a private address")
                .hasMessageContaining("use starttls or tls");
    }

    @Test
    void everyBadValueIsNamedWithItsVariableAndFixAtOnce() {
        Map<String, String> bad = new HashMap<>(Map.of("SMARTHOST_HOST", "mail example", "SMARTHOST_PORT", "70000",
                "SMARTHOST_SECURITY", "ssl", "SMARTHOST_HELO", "no name!", "SMARTHOST_SEND_DOMAINS", "not a domain",
                "SMARTHOST_USERNAME", "relay", "AZT3KNET_PROVIDER_TIMEOUT", "0"));
        assertThatThrownBy(() -> build(bad)).isInstanceOf(IntegrationConfigurationException.class)
                .satisfies(e -> assertThat(((IntegrationConfigurationException) e).problems()).containsExactlyInAnyOrder(
                        "SMARTHOST_HOST='mail example' is not a host name or address; give the MTA's name, e.g. mail.example.org",
                        "SMARTHOST_SECURITY='ssl' must be starttls or tls or none",
                        "SMARTHOST_PORT='70000' must be a whole number from 1 to 65535",
                        "SMARTHOST_PASSWORD is not set (looked in the test map); AUTH password of SMARTHOST_USERNAME",
                        "SMARTHOST_HELO='no name!' is not a host name (or [address]); give this host's name, e.g. gw.example.org",
                        "SMARTHOST_SEND_DOMAINS: 'not a domain' is not a domain; give domains separated by commas, or * for every sender",
                        "AZT3KNET_PROVIDER_TIMEOUT='0' must be a whole number from 1 to 3600"));
        assertThatThrownBy(() -> build(Map.of("SMARTHOST_HOST", "mail.example.org", "SMARTHOST_SEND_DOMAINS", "*"), Map.of("SMARTHOST_PASSWORD", "x")))
                .hasMessageContaining("SMARTHOST_PASSWORD is set but SMARTHOST_USERNAME is not; give both, or neither for no AUTH");
        assertThatThrownBy(() -> build(Map.of("SMARTHOST_SEND_DOMAINS", "*")))
                .hasMessageContaining("SMARTHOST_HOST is not set; Host name or address of the SMTP server");
    }

    @Test
    void eachCallIsReportedAsTheHttpProvidersReportTheirs() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProviderCalls.observe((provider, method, outcome, nanos) -> seen.add(provider + " " + method + " " + outcome));
        try {
            // nothing listens on port 1 of this host: the smarthost is unreachable
            SmarthostEmailDelivery d = build(Map.of("SMARTHOST_HOST", "127.0.0.1", "SMARTHOST_PORT", "1", "SMARTHOST_SECURITY", "none",
                    "SMARTHOST_SEND_DOMAINS", "*", "AZT3KNET_PROVIDER_TIMEOUT", "2"));
            assertThatThrownBy(d::check).hasMessageContaining("cannot reach smarthost 127.0.0.1:1");
            assertThat(d.deliver(spooled()))
                    .isInstanceOf(DeliveryResult.TransientFailure.class);
            assertThat(seen).containsExactly("Smarthost SMTP unreachable", "Smarthost SMTP unreachable");

            GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            greenMail.start();
            try {
                SmarthostEmailDelivery up = build(Map.of("SMARTHOST_HOST", "127.0.0.1", "SMARTHOST_PORT", Integer.toString(greenMail.getSmtp().getPort()),
                        "SMARTHOST_SECURITY", "none", "SMARTHOST_SEND_DOMAINS", "*"));
                assertThat(up.deliver(spooled())).isInstanceOf(DeliveryResult.Sent.class);
                assertThat(seen).last().isEqualTo("Smarthost SMTP 250");
            } finally {
                greenMail.stop();
            }
        } finally {
            ProviderCalls.observe(null);
        }
    }

    private static SpooledMessage spooled() {
        InMemoryMessageSpool spool = new InMemoryMessageSpool(Clock.systemUTC());
        QueueId id = spool.store(new Envelope("a@example.org", List.of("b@example.net"), Optional.empty(), "127.0.0.1", "c"),
                "Subject: x\r\n\r\nx\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return spool.find(id).orElseThrow();
    }

    private SmarthostEmailDelivery build(Map<String, String> values) {
        return build(values, Map.of());
    }

    private SmarthostEmailDelivery build(Map<String, String> values, Map<String, String> secrets) {
        SettingsReader r = SettingsReader.building("smarthost", config(values, secrets));
        return factory.create(r, new IntegrationContext() {
            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public <T> T resource(Class<T> type) {
                throw new IllegalArgumentException("none");
            }
        });
    }

    private static SettingsReader reader(Map<String, String> values) {
        return SettingsReader.building("smarthost", config(values, Map.of()));
    }

    private static IntegrationConfig config(Map<String, String> values, Map<String, String> secrets) {
        return new IntegrationConfig() {
            @Override
            public Optional<String> value(IntegrationSetting s) {
                return Optional.ofNullable(values.get(s.variable()));
            }

            @Override
            public Optional<Secret> secret(String integration, IntegrationSetting s) {
                return Optional.ofNullable(secrets.get(s.variable())).map(Secret::of);
            }

            @Override
            public String secretsDescription() {
                return "the test map";
            }

            @Override
            public Path dataDir() {
                return Path.of("unused");
            }
        };
    }
}
