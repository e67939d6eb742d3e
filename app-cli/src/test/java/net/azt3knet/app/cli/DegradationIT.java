package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What each integration's stated degradation policy means, with the integration down (a port nothing listens on):
 * generation needs none; provisioning stops resumably (exit 4); DNS writes nothing. Enrichment following
 * {@code --llm-fallback} is shown by {@code EnrichCommandIT.anUnreachableModelFailsClearlyAndLeavesNoFileUnlessToldToFallBack}.
 */
class DegradationIT {

    private static CliHome held;
    private static Map<String, String> down;
    private static String nowhere;

    @BeforeAll
    static void start() throws IOException {
        held = CliHome.open("degradation-it-");
        try (ServerSocket s = new ServerSocket(0)) {
            nowhere = "http://127.0.0.1:" + s.getLocalPort();
        }
        down = new HashMap<>(held.env);
        down.putAll(Map.of("MAILCOW_BASE_URL", nowhere, "MAILCOW_API_KEY", "key", "DESEC_TOKEN", "token",
                "DESEC_BASE_URL", nowhere + "/api/v1", "LLM_BASE_URL", nowhere, "AZT3KNET_PROVIDER_MAX_RETRIES", "0",
                "DNS_ADDRESS_SOURCE_IPV4", "off", "DNS_ADDRESS_SOURCE_IPV6", "off", "DNS_MAIL_HOST_IPV4", "198.51.100.7"));
    }

    @AfterAll
    static void stop() {
        if (held != null) held.close();
    }

    private static CliRun az(Map<String, String> env, String... args) {
        return CliRun.in(env, held.dir, args);
    }

    @Test
    void previewGenerationNeedsNoIntegrationEvenWithEveryOneDown() {
        Map<String, String> worse = new HashMap<>(down);
        worse.putAll(Map.of("AZT3KNET_SECRETS", "vault", "VAULT_ADDR", nowhere, "VAULT_TOKEN", "t"));
        CliRun preview = az(worse, "populate", "--count", "3", "--seed", "down", "--format", "ndjson");
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(preview.out().lines()).hasSize(3);
    }

    @Test
    void provisioningOnAProviderThatIsDownStopsResumablyWithExitFour() {
        String id = az(held.env, "populate", "--count", "3", "--seed", "down", "--domain", "down.example.org", "--persist").out().strip();
        CliRun apply = az(down, "mailboxes", "apply", "--population", id, "--provider", "mailcow", "--deadline", "0");
        assertThat(apply.exitCode()).as(apply.err()).isEqualTo(4);
        assertThat(apply.err()).containsIgnoringCase("mailcow").doesNotContain("Exception");
        CliRun check = az(down, "integrations", "check", "--format", "csv");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).containsPattern("mailcow,mail_provider,true,ERROR,[^\\n]*provisioning stops where it is and exits 4")
                .contains("local,mail_provider,true,READY");
    }

    @Test
    void dnsOnAProviderThatIsDownWritesNothing() throws IOException {
        Path zones = held.dir.resolve("dns");
        CliRun apply = az(down, "dns", "apply", "--domain", "down.example.org", "--provider", "local");
        assertThat(apply.exitCode()).as(apply.err()).isNotZero().isNotEqualTo(2);
        assertThat(apply.err()).containsIgnoringCase("desec").doesNotContain("Exception");
        assertThat(!Files.exists(zones) || Files.list(zones).findAny().isEmpty()).as("the zone-file fallback is not written to either").isTrue();
    }
}
