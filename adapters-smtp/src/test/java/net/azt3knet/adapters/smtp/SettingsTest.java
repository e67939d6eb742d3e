package net.azt3knet.adapters.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bad settings are refused with the setting named and the fix; secrets never appear in their text. */
class SettingsTest {

    private static final Duration T = Duration.ofSeconds(30);

    @Test
    void serverSettingsNameTheFieldThatIsWrong() {
        assertThatThrownBy(() -> new SmtpServerSettings("127.0.0.1", 70000, "gw", Optional.empty(), true, 1, 1, 1, 1, 1, T))
                .hasMessage("smtp port: 70000 is not a port; use 1-65535, or 0 for a free one");
        assertThatThrownBy(() -> new SmtpServerSettings("127.0.0.1", 0, "gw", Optional.empty(), true, 0, 1, 1, 1, 1, T))
                .hasMessage("smtp max message bytes: must be at least 1, not 0");
        assertThatThrownBy(() -> new SmtpServerSettings("127.0.0.1", 0, "gw", Optional.empty(), true, 1, 1, 1, 1, 1, Duration.ZERO))
                .hasMessageStartingWith("smtp timeout: must be positive");
        assertThat(new SmtpServerSettings.TlsCertificate.Pkcs12(java.nio.file.Path.of("a.p12"), "hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void smarthostSettingsWantBothCredentialsOrNeitherAndHideThePassword() {
        assertThatThrownBy(() -> new SmarthostSettings("mx", 587, SmarthostSettings.Security.STARTTLS, Optional.of("u"), Optional.empty(), "gw", T))
                .hasMessage("smarthost credentials: give both a username and a password, or neither");
        assertThatThrownBy(() -> new SmarthostSettings(" ", 587, SmarthostSettings.Security.STARTTLS, Optional.empty(), Optional.empty(), "gw", T))
                .hasMessageStartingWith("smarthost host: empty");
        SmarthostSettings s = new SmarthostSettings("mx", 587, SmarthostSettings.Security.STARTTLS, Optional.of("u"), Optional.of("hunter2"), "gw", T);
        assertThat(s.toString()).contains("mx:587").doesNotContain("hunter2");
    }

    @Test
    void relaySettingsRefuseAMaximumWaitBelowTheFirst() {
        assertThatThrownBy(() -> new RelaySettings(1, T, Duration.ofHours(2), Duration.ofHours(1), Duration.ofHours(48), Duration.ofSeconds(1)))
                .hasMessageContaining("max retry PT1H is below the first retry PT2H");
        assertThat(RelaySettings.defaults().maxAge()).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void theProviderIdIsWhatTheSmarthostQueuedItAs() {
        assertThat(SmarthostEmailDelivery.providerId("250 2.0.0 Ok: queued as 4FbK2c1x\n")).isEqualTo("4FbK2c1x");
        assertThat(SmarthostEmailDelivery.providerId("250 OK")).isEqualTo("250 OK");
    }
}
