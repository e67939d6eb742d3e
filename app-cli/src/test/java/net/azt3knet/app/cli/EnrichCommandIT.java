package net.azt3knet.app.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.azt3knet.adapters.persistence.DatabaseSettings;
import net.azt3knet.adapters.persistence.PostgresPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code populate --enrich} end to end: the real CLI, a real embedded PostgreSQL holding the replay cache, and a
 * WireMock server answering as OpenAI's chat completions do, each answer random: so identical output on a rerun
 * can only come from the cache.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnrichCommandIT {

    private static Path home;
    private static Map<String, String> env;
    private static PostgresPersistence held;
    private static WireMockServer llm;
    private static String url;
    private static String firstRun;

    @BeforeAll
    static void start() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        home = Files.createTempDirectory(target, "enrich-it-");
        String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache") + "/azt3knet";
        System.setProperty("azt3knet.log.file", home.resolve("azt3knet.log").toString());
        env = new HashMap<>(Map.of("HOME", home.toString(), "USER", "tester", "AZT3KNET_DATA_DIR", home.resolve("data").toString(),
                "AZT3KNET_CACHE_DIR", cache));
        held = PostgresPersistence.start(DatabaseSettings.embedded(home.resolve("data/pg"), Path.of(cache)), Clock.systemUTC());
        llm = new WireMockServer(options().dynamicPort().containerThreads(20));
        llm.start();
        url = "http://127.0.0.1:" + llm.port();
        llm.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(5).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody("{\"id\":\"chatcmpl-it\",\"object\":\"chat.completion\",\"model\":\"it-model\","
                        + "\"system_fingerprint\":\"fp_it\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
                        + "\"message\":{\"role\":\"assistant\",\"content\":"
                        + "\"{\\\"value\\\":\\\"persona {{randomValue length=12 type='ALPHABETIC'}}\\\"}\"}}]}")));
        llm.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1).withRequestBody(matchingJsonPath("$.model", 
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("ghost:1b")))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"The model `ghost:1b` does not exist\",\"type\":\"invalid_request_error\","
                                + "\"code\":\"model_not_found\"}}")));
    }

    @AfterAll
    static void stop() {
        if (llm != null) llm.stop();
        if (held != null) held.close();
    }

    private static CliRun az(String... args) {
        return CliRun.in(env, home, args);
    }

    private static CliRun enrich(String... more) {
        return enrichSeed("it", more);
    }

    private static CliRun enrichSeed(String seed, String... more) {
        List<String> args = new ArrayList<>(List.of("populate", "--count", "40", "--seed", seed, "--enrich", "bio,tone",
                "--llm-model", "it-model", "--format", "ndjson"));
        args.addAll(List.of(more));
        return az(args.toArray(String[]::new));
    }

    private static int requests() {
        return llm.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).size();
    }

    @Test
    @Order(1)
    void aRerunComesFromTheCacheAndOfflineReplayIsByteIdentical() {
        CliRun first = enrich("--llm-url", url, "--llm-concurrency", "8");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(requests()).isEqualTo(80);
        assertThat(first.out().lines()).hasSize(40).allSatisfy(l -> assertThat(l)
                .contains("\"bio\":\"persona ").endsWith(",\"enriched\":{\"bio\":true,\"tone\":true}}"));
        firstRun = first.out();

        CliRun again = enrich("--llm-url", url);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(requests()).as("nothing asked again").isEqualTo(80);
        assertThat(again.out()).isEqualTo(firstRun);

        CliRun offline = enrich("--offline");
        assertThat(offline.exitCode()).as(offline.err()).isZero();
        assertThat(offline.out()).isEqualTo(firstRun);
        assertThat(requests()).isEqualTo(80);
    }

    @Test
    @Order(2)
    void theCacheCarriesAPopulationToAnotherInstallation() throws IOException {
        Path export = home.resolve("cache.ndjson");
        CliRun exported = az("llm-cache", "export", "--output", export.toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(Files.readAllLines(export)).hasSize(80).allSatisfy(l -> assertThat(l).contains("\"model\":\"it-model\"")
                .contains("fp_it"));

        String elsewhere = home.resolve("elsewhere").toString();
        CliRun missing = enrich("--offline", "--data-dir", elsewhere);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("enrichment failed: agent 0 (").contains("field bio: no cached answer")
                .contains("llm-cache import").doesNotContain("Exception");

        CliRun imported = az("llm-cache", "import", export.toString(), "--data-dir", elsewhere);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("80 added, 0 already cached, 0 conflicting");
        CliRun replay = enrich("--offline", "--data-dir", elsewhere);
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).isEqualTo(firstRun);

        CliRun twice = az("llm-cache", "import", export.toString(), "--data-dir", elsewhere);
        assertThat(twice.err()).contains("0 added, 80 already cached");
        Files.writeString(export, "{\"key\":\"abc\"}\n", StandardCharsets.UTF_8);
        CliRun bad = az("llm-cache", "import", export.toString(), "--data-dir", elsewhere);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("line 1").contains("\"model\" is missing");
    }

    @Test
    @Order(3)
    void aPersistedEnrichedPopulationExportsTheSameBytes() {
        String key = az("keys", "generate").out().strip();
        Map<String, String> withKey = new HashMap<>(env);
        withKey.put("SECRET_KEY_FOR_KV_ENC", key);
        CliRun persisted = CliRun.in(withKey, home, "populate", "--count", "40", "--seed", "it", "--enrich", "bio,tone",
                "--llm-model", "it-model", "--offline", "--persist");
        assertThat(persisted.exitCode()).as(persisted.err()).isZero();
        String id = persisted.out().strip();
        CliRun exported = az("populations", "export", id, "--format", "ndjson");
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(exported.out()).isEqualTo(firstRun);
        CliRun csv = az("populations", "export", id, "--format", "csv");
        assertThat(csv.out().lines().findFirst().orElseThrow()).endsWith(",synthetic,enriched");
        assertThat(csv.out().lines().skip(1)).allSatisfy(l -> assertThat(l).endsWith(",true,bio:true|tone:true"));
        CliRun audit = az("audit", "list", "--action", "population", "--format", "csv");
        assertThat(audit.out()).contains("population.enrich").contains("mode=replay").contains("enriched_fields=bio,tone");
    }

    @Test
    @Order(4)
    void anUnreachableModelFailsClearlyAndLeavesNoFileUnlessToldToFallBack() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path out = home.resolve("agents.ndjson");
        CliRun failed = enrichSeed("down", "--llm-url", "http://127.0.0.1:" + port, "--output", out.toString());
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("enrichment failed").contains("cannot connect to the model server at http://127.0.0.1:" + port)
                .contains("--llm-fallback offline").doesNotContain("at net.azt3knet");
        assertThat(out).doesNotExist();

        CliRun kept = enrichSeed("down", "--llm-url", "http://127.0.0.1:" + port, "--llm-fallback", "offline");
        assertThat(kept.exitCode()).as(kept.err()).isZero();
        assertThat(kept.out().lines()).hasSize(40).allSatisfy(l -> assertThat(l).endsWith("\"enriched\":{\"bio\":false,\"tone\":false}}"));
        assertThat(kept.err()).contains("80 field(s) kept their offline value").contains("audit list --action llm.fallback");
        CliRun audit = az("audit", "list", "--action", "llm.fallback", "--format", "ndjson");
        assertThat(audit.out()).contains("cannot connect");
    }

    @Test
    @Order(5)
    void anUnknownModelIsNamed() {
        CliRun r = az("populate", "--count", "3", "--seed", "ghost", "--enrich", "tone", "--llm-url", url, "--llm-model", "ghost:1b");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("has no model 'ghost:1b'").contains("--llm-model");
    }

    @Test
    @Order(6)
    void badEnrichmentFlagsAreRefusedBeforeAnyWork() {
        CliRun names = az("populate", "--count", "3", "--enrich", "bio,email", "--llm-model", "m", "--llm-url", url);
        assertThat(names.exitCode()).isEqualTo(2);
        assertThat(names.err()).contains("--enrich: 'email' cannot be enriched");
        CliRun stray = az("populate", "--count", "3", "--offline");
        assertThat(stray.exitCode()).isEqualTo(2);
        assertThat(stray.err()).contains("add --enrich FIELDS");
        CliRun mode = az("populate", "--count", "3", "--enrich", "bio", "--llm-mode", "sometimes", "--llm-model", "m");
        assertThat(mode.exitCode()).isEqualTo(2);
        assertThat(mode.err()).contains("--llm-mode: 'sometimes' is not a mode");
        CliRun concurrency = az("populate", "--count", "3", "--enrich", "bio", "--llm-model", "m", "--llm-url", url,
                "--llm-concurrency", "0");
        assertThat(concurrency.exitCode()).isEqualTo(2);
        assertThat(concurrency.err()).contains("LLM_CONCURRENCY='0' must be a whole number from 1 to 256");
        CliRun noModel = az("populate", "--count", "3", "--enrich", "bio", "--llm-url", url);
        assertThat(noModel.exitCode()).isEqualTo(2);
        assertThat(noModel.err()).contains("LLM_MODEL is not set").contains("--llm-model");
        CliRun keyVar = az("populate", "--count", "3", "--enrich", "bio", "--llm-model", "m", "--llm-url", url,
                "--llm-api-key-env", "NO_SUCH_VARIABLE");
        assertThat(keyVar.exitCode()).isEqualTo(2);
        assertThat(keyVar.err()).contains("NO_SUCH_VARIABLE is not set");
    }
}
