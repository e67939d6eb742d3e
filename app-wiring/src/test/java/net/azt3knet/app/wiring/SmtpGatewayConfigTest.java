package net.azt3knet.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.adapters.smtp.SmtpServerSettings;
import net.azt3knet.adapters.smtp.SmtpServerSettings.Rate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's listeners as AZT3KNET_SMTP and AZT3KNET_SMTPS give them, where {@code smtp serve} listens by default, and
 * the per-user and per-sender rates as operators write them, with the refusals naming the variable.
 */
class SmtpGatewayConfigTest {

    @TempDir
    Path dir;

    private AppConfig config(String... pairs) throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "read when the server starts");
        Path key = Files.writeString(dir.resolve("key.pem"), "read when the server starts");
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString(), "AZT3KNET_SMTP_CERT", cert.toString(),
                "AZT3KNET_SMTP_KEY", key.toString()));
        for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
        return AppConfig.load(env, dir, null, Map.of());
    }

    @Test
    void theImplicitTlsListenerIsReadNextToSubmission() throws IOException {
        SmtpServerSettings s = SmtpGatewayConfig.read(config("AZT3KNET_SMTP", "127.0.0.1:587", "AZT3KNET_SMTPS", ":465")).orElseThrow();
        assertThat(s.port()).isEqualTo(587);
        assertThat(s.implicitTls()).hasValueSatisfying(a -> {
            assertThat(a.getHostString()).isEqualTo("0.0.0.0");
            assertThat(a.getPort()).isEqualTo(465);
        });
        assertThat(SmtpGatewayConfig.read(config("AZT3KNET_SMTP", "127.0.0.1:587")).orElseThrow().implicitTls()).isEmpty();
    }

    @Test
    void aMalformedOrLoneImplicitTlsAddressIsNamed() {
        assertThatThrownBy(() -> SmtpGatewayConfig.read(config("AZT3KNET_SMTP", "127.0.0.1:587", "AZT3KNET_SMTPS", "465")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("AZT3KNET_SMTPS='465' must be host:port");
        assertThatThrownBy(() -> SmtpGatewayConfig.read(config("AZT3KNET_SMTPS", "127.0.0.1:465")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("AZT3KNET_SMTPS is set but AZT3KNET_SMTP is not");
    }

    @Test
    void smtpServeListensOnTheSubmissionPortAsRootElseOnAFreeOne() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(id.waitFor()).isZero();
        assertThat(SmtpGatewayConfig.defaultListen()).isEqualTo(uid.equals("0") ? "127.0.0.1:587" : "127.0.0.1:0");
    }

    private SmtpServerSettings read(String... pairs) throws IOException {
        Files.writeString(dir.resolve("cert.pem"), "not read here");
        Files.writeString(dir.resolve("key.pem"), "not read here");
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString(), "AZT3KNET_SMTP", "127.0.0.1:0",
                "AZT3KNET_SMTP_CERT", dir.resolve("cert.pem").toString(), "AZT3KNET_SMTP_KEY", dir.resolve("key.pem").toString()));
        for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
        return AppConfig.load(env, dir, null, Map.of()).smtpGateway().orElseThrow();
    }

    @Test
    void ratesAreGenerousByDefault() throws IOException {
        SmtpServerSettings s = read();
        assertThat(s.ratePerUser()).contains(new Rate(1_000_000, Duration.ofHours(1)));
        assertThat(s.ratePerSender()).contains(SmtpServerSettings.DEFAULT_RATE);
    }

    @Test
    void ratesReadAsCountPerPeriodOrOff() throws IOException {
        SmtpServerSettings s = read("AZT3KNET_SMTP_RATE_PER_USER", "600/h", "AZT3KNET_SMTP_RATE_PER_SENDER", "100 / 10m");
        assertThat(s.ratePerUser()).contains(new Rate(600, Duration.ofHours(1)));
        assertThat(s.ratePerSender()).contains(new Rate(100, Duration.ofMinutes(10)));
        assertThat(s.ratePerUser().get()).hasToString("600/h");
        assertThat(s.ratePerSender().get()).hasToString("100/10m");
        assertThat(read("AZT3KNET_SMTP_RATE_PER_USER", "5/30s").ratePerUser()).contains(new Rate(5, Duration.ofSeconds(30)));
        assertThat(read("AZT3KNET_SMTP_RATE_PER_USER", "2/d").ratePerUser()).contains(new Rate(2, Duration.ofDays(1)));
        SmtpServerSettings off = read("AZT3KNET_SMTP_RATE_PER_USER", "off", "AZT3KNET_SMTP_RATE_PER_SENDER", "OFF");
        assertThat(off.ratePerUser()).isEmpty();
        assertThat(off.ratePerSender()).isEqualTo(Optional.empty());
    }

    @Test
    void aBadRateIsRefusedNamingItsVariableAndTheSyntax() {
        for (String bad : new String[] {"600", "600/hour", "0/h", "5/0s", "many/h", "-1/h", "5/h/2"}) {
            assertThatThrownBy(() -> read("AZT3KNET_SMTP_RATE_PER_SENDER", bad)).as(bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("AZT3KNET_SMTP_RATE_PER_SENDER='" + bad + "' is not a rate")
                    .hasMessageContaining("600/h, 100/10m, 5/30s) or off");
        }
        assertThatThrownBy(() -> read("AZT3KNET_SMTP_RATE_PER_USER", "fast", "AZT3KNET_SMTP_MAX_RECIPIENTS", "0"))
                .hasMessageContaining("AZT3KNET_SMTP_RATE_PER_USER='fast'").hasMessageContaining("AZT3KNET_SMTP_MAX_RECIPIENTS='0'");
    }
}
