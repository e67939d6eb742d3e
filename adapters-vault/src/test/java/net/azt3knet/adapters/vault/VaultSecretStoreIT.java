package net.azt3knet.adapters.vault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.azt3knet.adapters.http.ProviderCalls;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.secret.SecretStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a WireMock server that answers as Vault's KV v2 API documents (PROVIDER-APIS.md §5a). */
class VaultSecretStoreIT {

    private static final String TOKEN = "hvs.test-token-never-printed";
    private static final String DATA = "/v1/kv/data/teams/azt3knet";

    private WireMockServer vault;
    private VaultSecretStore store;

    @BeforeEach
    void start() {
        vault = new WireMockServer(options().dynamicPort());
        vault.start();
        store = new VaultSecretStore(new VaultSettings(URI.create("http://127.0.0.1:" + vault.port() + "/"), Secret.of(TOKEN),
                "/kv/", "teams/azt3knet", "team-a", Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        vault.stop();
    }

    private static String readBody(String dataJson, int version) {
        return "{\"request_id\":\"r1\",\"lease_id\":\"\",\"renewable\":false,\"lease_duration\":0,\"data\":{\"data\":" + dataJson
                + ",\"metadata\":{\"created_time\":\"2026-01-01T00:00:00Z\",\"custom_metadata\":null,\"deletion_time\":\"\","
                + "\"destroyed\":false,\"version\":" + version + "}},\"wrap_info\":null,\"warnings\":null,\"auth\":null}";
    }

    @Test
    void readsAVariableFromTheSecretsDataWithTheTokenAndNamespace() {
        vault.stubFor(get(urlEqualTo(DATA)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(readBody("{\"SECRET_KEY_FOR_KV_ENC\":\"a2V5\",\"DESEC_TOKEN\":\"t\"}", 3))));
        assertThat(store.secret("SECRET_KEY_FOR_KV_ENC")).map(Secret::reveal).contains("a2V5");
        assertThat(store.secret("MAILJET_API_KEY")).isEmpty();
        vault.verify(1, getRequestedFor(urlEqualTo(DATA)).withHeader("X-Vault-Token", equalTo(TOKEN))
                .withHeader("X-Vault-Namespace", equalTo("team-a")));
    }

    /** Vault's requests are metered like every provider's: per request, with the status or why there is none. */
    @Test
    void everyRequestIsReportedForThePerIntegrationMetrics() throws Exception {
        List<String> observed = new CopyOnWriteArrayList<>();
        ProviderCalls.observe((provider, method, outcome, nanos) ->
                observed.add(provider + " " + method + " " + outcome + (nanos > 0 ? "" : " without a duration")));
        try {
            vault.stubFor(get(urlEqualTo(DATA)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(readBody("{}", 1))));
            vault.stubFor(get(urlEqualTo(DATA + "/mailcow")).willReturn(aResponse().withStatus(403)
                    .withHeader("Content-Type", "application/json").withBody("{\"errors\":[\"permission denied\"]}")));
            store.check();
            assertThatThrownBy(() -> store.secret("mailcow", "api_key")).isInstanceOf(SecretStoreException.class);
            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort();
            }
            VaultSecretStore nowhere = new VaultSecretStore(new VaultSettings(URI.create("http://127.0.0.1:" + closed),
                    Secret.of(TOKEN), "kv", "azt3knet", null, Duration.ofSeconds(5)));
            assertThatThrownBy(nowhere::check).isInstanceOf(SecretStoreException.class);
            vault.stubFor(get(urlEqualTo("/v1/kv/data/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)
                    .withHeader("Content-Type", "application/json").withBody(readBody("{}", 1))));
            VaultSecretStore slow = new VaultSecretStore(new VaultSettings(URI.create("http://127.0.0.1:" + vault.port()),
                    Secret.of(TOKEN), "kv", "slow", null, Duration.ofMillis(300)));
            assertThatThrownBy(slow::check).isInstanceOf(SecretStoreException.class);
        } finally {
            ProviderCalls.observe(null);
        }
        assertThat(observed).containsExactly("Vault GET 200", "Vault GET 403", "Vault GET unreachable", "Vault GET timeout");
    }

    @Test
    void eachIntegrationHasItsOwnSecretBelowTheSharedOne() {
        vault.stubFor(get(urlEqualTo(DATA + "/mailcow")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(readBody("{\"api_key\":\"mc-key\"}", 1))));
        vault.stubFor(get(urlEqualTo(DATA + "/desec")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"errors\":[]}")));
        assertThat(store.secret("mailcow", "api_key")).map(Secret::reveal).contains("mc-key");
        assertThat(store.secret("mailcow", "api_key")).as("read once").isPresent();
        assertThat(store.secret("mailcow", "password")).isEmpty();
        assertThat(store.secret("desec", "token")).as("no secret of its own: the caller falls back to the shared one").isEmpty();
        vault.verify(1, getRequestedFor(urlEqualTo(DATA + "/mailcow")).withHeader("X-Vault-Token", equalTo(TOKEN)));
    }

    @Test
    void theHealthCheckReadsFreshEachTime() {
        vault.stubFor(get(urlEqualTo(DATA)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(readBody("{}", 1))));
        store.check();
        store.check();
        vault.verify(2, getRequestedFor(urlEqualTo(DATA)));
        vault.stubFor(get(urlEqualTo(DATA)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"errors\":[\"Vault is sealed\"]}")));
        assertThatThrownBy(store::check).isInstanceOf(SecretStoreException.class).hasMessageContaining("sealed")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aMissingSecretIsEmpty() {
        vault.stubFor(get(urlEqualTo(DATA)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"errors\":[]}")));
        assertThat(store.secret("SECRET_KEY_FOR_KV_ENC")).isEmpty();
    }

    @Test
    void aSoftDeletedSecretIsEmpty() {
        vault.stubFor(get(urlEqualTo(DATA)).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"data\":null,\"metadata\":{\"created_time\":\"2026-01-01T00:00:00Z\","
                        + "\"deletion_time\":\"2026-02-01T00:00:00Z\",\"destroyed\":false,\"version\":4}}}")));
        assertThat(store.secret("SECRET_KEY_FOR_KV_ENC")).isEmpty();
    }

    @Test
    void aDeniedReadSaysWhichPolicyIsMissingAndNeverShowsTheToken() {
        vault.stubFor(get(urlEqualTo(DATA)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"errors\":[\"permission denied\"]}")));
        assertThatThrownBy(() -> store.secret("SECRET_KEY_FOR_KV_ENC")).isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("permission denied").hasMessageContaining("kv/data/teams/azt3knet")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aSealedVaultIsNamed() {
        vault.stubFor(get(urlEqualTo(DATA)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"errors\":[\"Vault is sealed\"]}")));
        assertThatThrownBy(() -> store.secret("X")).hasMessageContaining("sealed");
    }

    @Test
    void writesWithCheckAndSetOnTheVersionRead() {
        vault.stubFor(get(urlEqualTo(DATA)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(readBody("{\"DESEC_TOKEN\":\"t\"}", 7))));
        vault.stubFor(post(urlEqualTo(DATA)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"version\":8,\"created_time\":\"2026-01-01T00:00:00Z\",\"deletion_time\":\"\",\"destroyed\":false}}")));
        store.put("SECRET_KEY_FOR_KV_ENC", Secret.of("bmV3"));
        vault.verify(postRequestedFor(urlEqualTo(DATA)).withRequestBody(equalToJson(
                "{\"data\":{\"DESEC_TOKEN\":\"t\",\"SECRET_KEY_FOR_KV_ENC\":\"bmV3\"},\"options\":{\"cas\":7}}")));
    }

    @Test
    void aMissingSecretIsCreatedWithCasZero() {
        vault.stubFor(get(urlEqualTo(DATA)).willReturn(aResponse().withStatus(404).withBody("{\"errors\":[]}")));
        vault.stubFor(post(urlEqualTo(DATA)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"version\":1}}")));
        store.put("SECRET_KEY_FOR_KV_ENC", Secret.of("bmV3"));
        vault.verify(postRequestedFor(urlEqualTo(DATA)).withRequestBody(equalToJson(
                "{\"data\":{\"SECRET_KEY_FOR_KV_ENC\":\"bmV3\"},\"options\":{\"cas\":0}}")));
    }

    @Test
    void aRacedWriteFailsWithTheCheckAndSetError() {
        vault.stubFor(get(urlEqualTo(DATA)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(readBody("{}", 2))));
        vault.stubFor(post(urlEqualTo(DATA)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[\"check-and-set parameter did not match the current version\"]}")));
        assertThatThrownBy(() -> store.put("SECRET_KEY_FOR_KV_ENC", Secret.of("bmV3")))
                .isInstanceOf(SecretStoreException.class).hasMessageContaining("check-and-set")
                .hasMessageContaining("run the command again").hasMessageNotContaining("bmV3");
    }

    @Test
    void anUnreachableVaultIsNamed() {
        int port = vault.port();
        vault.stop();
        assertThatThrownBy(() -> store.secret("X")).isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("cannot reach Vault at http://127.0.0.1:" + port).hasMessageContaining("VAULT_ADDR");
    }
}
