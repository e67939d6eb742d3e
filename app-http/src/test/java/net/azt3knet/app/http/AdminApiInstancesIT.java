package net.azt3knet.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.app.wiring.Lifecycle;
import net.azt3knet.app.wiring.ProductionModules;
import net.azt3knet.ports.in.ManageApiTokensUseCase.Role;
import net.azt3knet.ports.out.store.JobQueue.QueuedJob;
import net.azt3knet.ports.out.store.JobState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two admin APIs on one embedded PostgreSQL, each with its own data directory, over the production wiring: what one
 * process's jobs leave for the other (a preview's result file), and a job of a kind this build does not know.
 */
class AdminApiInstancesIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path home;
    private static AppConfig config;
    private static Lifecycle lifecycle;
    private static ApiUseCases use;
    private static String token;
    private final List<AdminApi> started = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        home = Files.createTempDirectory(target, "instances-it-");
        String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache") + "/azt3knet";
        System.setProperty("azt3knet.log.file", home.resolve("azt3knet.log").toString());
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(), "AZT3KNET_DATA_DIR", home.resolve("data").toString(),
                "AZT3KNET_CACHE_DIR", cache, "DNS_ADDRESS_SOURCE_IPV4", "off", "DNS_ADDRESS_SOURCE_IPV6", "off"));
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        env.put("SECRET_KEY_FOR_KV_ENC", java.util.Base64.getEncoder().encodeToString(key));
        config = AppConfig.load(env, home, null, Map.of());
        lifecycle = ProductionModules.start(ProductionModules.storage(config));
        use = lifecycle.injector().getInstance(ApiUseCases.class);
        token = use.tokens().create("ops", Role.ADMIN, "test").token();
    }

    @AfterAll
    static void stop() {
        if (lifecycle != null) lifecycle.close();
    }

    @AfterEach
    void stopApis() {
        started.forEach(AdminApi::close);
    }

    private AdminApi api(String name) {
        AdminApi api = AdminApi.start(use, config, new InetSocketAddress("127.0.0.1", 0), home.resolve(name));
        started.add(api);
        return api;
    }

    private static HttpResponse<byte[]> send(AdminApi api, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    private static QueuedJob awaitJob(long id, Predicate<QueuedJob> until) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            QueuedJob j = use.queue.find(Jobs.QUEUE, id).orElseThrow();
            if (until.test(j)) return j;
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " is still " + use.queue.find(Jobs.QUEUE, id).orElseThrow().state());
    }

    @Test
    void theResultFileOfAPreviewOneProcessRanIsServedByAnotherWithTheSameBytes() throws Exception {
        AdminApi first = api("first");
        HttpResponse<byte[]> accepted = send(first, "POST", "/api/populate",
                "{\"count\": " + (PopulationEndpoints.INLINE_MAX + 5) + ", \"seed\": \"instances\", \"country\": \"MX\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        long id = json(accepted).get("id").asLong();
        assertThat(awaitJob(id, j -> j.state().terminal()).state()).isEqualTo(JobState.DONE);
        assertThat(home.resolve("first").resolve("job-" + id + ".json")).exists();
        byte[] fromFirst = send(first, "GET", "/api/jobs/" + id + "/result", null).body();
        first.close();
        started.remove(first);

        AdminApi second = api("second"); // another process: its data directory has no file of that job
        JsonNode shown = json(send(second, "GET", "/api/jobs/" + id, null));
        assertThat(shown.at("/links/result").asText()).isEqualTo("/api/jobs/" + id + "/result");
        HttpResponse<byte[]> result = send(second, "GET", "/api/jobs/" + id + "/result", null);

        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(result.body()).isEqualTo(fromFirst);
        assertThat(json(result)).hasSize((int) PopulationEndpoints.INLINE_MAX + 5);
        assertThat(home.resolve("second").resolve("job-" + id + ".json")).doesNotExist();
    }

    @Test
    void aPersistJobRunAgainAfterItStoredThePopulationEndsResumedWhileTheSameRequestAgainIsRefused() throws Exception {
        AdminApi first = api("persist-first");
        String request = "{\"count\": 20, \"seed\": \"rerun\", \"domain\": \"rerun.example.org\", \"persist\": true}";
        HttpResponse<byte[]> accepted = send(first, "POST", "/api/populate", request);
        assertThat(accepted.statusCode()).isEqualTo(202);
        long id = json(accepted).get("id").asLong();
        QueuedJob stored = awaitJob(id, j -> j.state().terminal());
        assertThat(stored.state()).isEqualTo(JobState.DONE);
        assertThat(stored.result().orElseThrow().as(JsonNode.class).has("resumed")).isFalse();

        HttpResponse<byte[]> again = send(first, "POST", "/api/populate", request);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("detail").asText()).contains("is stored already").contains("/api/populations/");
        first.close();
        started.remove(first);

        // The same job as a process that died after storing the population leaves it: claimed once, then back in the queue.
        long rerun = use.queue.submit(Jobs.QUEUE, "populate.persist", stored.target(), stored.owner(),
                stored.request().as(JobRequests.Persist.class)).id();
        assertThat(use.queue.claim(Jobs.QUEUE, Duration.ofMinutes(1)).orElseThrow().id()).isEqualTo(rerun);
        use.queue.release(rerun, Duration.ZERO);
        api("persist-next");

        QueuedJob resumed = awaitJob(rerun, j -> j.state().terminal());
        assertThat(resumed.state()).as(resumed.error().map(e -> e.as(JsonNode.class).toString()).orElse("")).isEqualTo(JobState.DONE);
        assertThat(resumed.attempts()).isEqualTo(2);
        JsonNode result = resumed.result().orElseThrow().as(JsonNode.class);
        assertThat(result.get("resumed").asBoolean()).isTrue();
        assertThat(result.get("agents").asLong()).isEqualTo(20);
    }

    @Test
    void aJobOfAKindThisBuildDoesNotKnowFailsOnceSayingWhatRunsIt() throws Exception {
        AdminApi api = api("older");
        long id = use.queue.submit(Jobs.QUEUE, "populate.hologram", "population:x", "token:ops", new JobRequests.DynUpdate("x")).id();

        QueuedJob failed = awaitJob(id, j -> j.state().terminal());
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        JsonNode shown = json(send(api, "GET", "/api/jobs/" + id, null));
        assertThat(shown.get("state").asText()).isEqualTo("failed");
        assertThat(shown.at("/error/status").asInt()).isEqualTo(501);
        assertThat(shown.at("/error/detail").asText()).contains("unknown job kind 'populate.hologram'")
                .contains("run a serve of the version that accepted the job");

        Thread.sleep(Duration.ofSeconds(2).toMillis()); // several claim rounds: it is not taken again
        QueuedJob later = use.queue.find(Jobs.QUEUE, id).orElseThrow();
        assertThat(later.state()).isEqualTo(JobState.FAILED);
        assertThat(later.attempts()).isEqualTo(1);
    }
}
