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
    void aRateIsAtLeastOneMessageInAtLeastASecondAndReadsAsOperatorsWriteIt() {
        assertThatThrownBy(() -> new SmtpServerSettings.Rate(0, Duration.ofHours(1))).hasMessage("smtp rate: at least 1 message per period, not 0");
        assertThatThrownBy(() -> new SmtpServerSettings.Rate(5, Duration.ofMillis(500))).hasMessageStartingWith("smtp rate: the period must be at least 1s");
        assertThat(new SmtpServerSettings.Rate(600, Duration.ofHours(1))).hasToString("600/h");
        assertThat(new SmtpServerSettings.Rate(100, Duration.ofMinutes(10))).hasToString("100/10m");
        assertThat(new SmtpServerSettings.Rate(5, Duration.ofSeconds(90))).hasToString("5/90s");
        assertThat(new SmtpServerSettings.Rate(2, Duration.ofDays(1))).hasToString("2/d");
        assertThat(new SmtpServerSettings.Rate(2, Duration.ofHours(12))).hasToString("2/12h");
        SmtpServerSettings plain = new SmtpServerSettings("127.0.0.1", 0, "gw", Optional.empty(), true, 1, 1, 1, 1, 1, T);
        assertThat(plain.ratePerUser()).as("the short constructor: unlimited").isEmpty();
        assertThat(SmtpServerSettings.submission("127.0.0.1", 0, "gw", new SmtpServerSettings.TlsCertificate.Pkcs12(java.nio.file.Path.of("a.p12"), ""))
                .ratePerSender()).contains(SmtpServerSettings.DEFAULT_RATE);
        assertThat(MessageRates.seconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(MessageRates.seconds(Duration.ofMillis(3_599_001))).isEqualTo(3600);
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
