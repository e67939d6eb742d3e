package net.azt3knet.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import net.azt3knet.adapters.smtp.SmtpServerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's listeners as AZT3KNET_SMTP and AZT3KNET_SMTPS give them, and where {@code smtp serve} listens by default. */
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
}
