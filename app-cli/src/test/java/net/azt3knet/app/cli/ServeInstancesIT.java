package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Several {@code azt3knet serve} processes on one embedded PostgreSQL, shared through its lock file: they split the
 * API's jobs, run each once, cancel across processes, and a job of a killed process is taken over by the next one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target", "azt3knet.jar").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Serve(String name, Process process, String base) {
        long pid() {
            return process.pid();
        }
    }

    private static CliHome home;
    private static Map<String, String> env;
    private static String admin;
    private static final List<Serve> serves = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        home = CliHome.open("instances-it-");
        env = new HashMap<>(home.env);
        env.put("DNS_ADDRESS_SOURCE_IPV4", "off");
        env.put("DNS_ADDRESS_SOURCE_IPV6", "off");
        admin = CliRun.in(env, home.dir, "tokens", "create", "--name", "ops", "--role", "admin").out().strip();
        serve("a");
        serve("b");
    }

    private static Serve serve(String name) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(),
                "serve", "--http", "127.0.0.1:0").directory(home.dir.toFile()).redirectError(home.dir.resolve(name + ".err").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("AZT3KNET_LOG_FILE", home.dir.resolve(name + ".log").toString());
        pb.environment().put("PATH", System.getenv("PATH"));
        Process p = pb.start();
        String base = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(base).as("serve " + name + " prints where it listens").matches("http://127\\.0\\.0\\.1:\\d+");
        Serve s = new Serve(name, p, base);
        serves.add(s);
        return s;
    }

    @AfterAll
    static void stop() throws Exception {
        for (Serve s : serves) {
            if (!s.process().isAlive()) continue;
            s.process().destroy();
            assertThat(s.process().waitFor(30, TimeUnit.SECONDS)).as("serve " + s.name() + " stops on SIGTERM").isTrue();
        }
        if (home != null) home.close();
    }

    private static JsonNode call(Serve at, String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(at.base() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + admin);
        if (body != null) b.header("Content-Type", "application/json");
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + " at " + at.name() + ": " + r.body()).isEqualTo(expected);
        return JSON.readTree(r.body());
    }

    private static String persist(Serve at, int count, String seed) throws Exception {
        // each on its own domain: addresses are unique across populations
        return call(at, "POST", "/api/populate", "{\"count\": " + count + ", \"seed\": \"" + seed + "\", \"domain\": \"" + seed
                + ".example.org\", \"persist\": true}", 202).get("id").asText();
    }

    private static JsonNode await(Serve at, String id, Predicate<JsonNode> until, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = call(at, "GET", "/api/jobs/" + id, null, 200);
            if (until.test(job)) return job;
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not get there: " + job);
    }

    private static boolean ended(JsonNode job) {
        return !Set.of("queued", "running").contains(job.get("state").asText());
    }

    private static boolean running(JsonNode job) {
        return job.get("state").asText().equals("running") && job.path("progress").path("done").asLong() > 0;
    }

    private static long workerPid(JsonNode job) {
        String w = job.get("worker").asText();
        return Long.parseLong(w.substring(w.lastIndexOf('/') + 1));
    }

    @Test
    @Order(1)
    void jobsSentToEitherInstanceAreSplitBetweenThemAndEachRunsOnce() throws Exception {
        Serve a = serves.get(0);
        Serve b = serves.get(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) ids.add(persist(i % 2 == 0 ? a : b, 20_000, "split-" + i));

        Set<Long> workers = new HashSet<>();
        for (String id : ids) {
            JsonNode job = await(a, id, ServeInstancesIT::ended, Duration.ofMinutes(3));
            assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
            assertThat(job.get("attempts").asInt()).as("claimed once").isEqualTo(1);
            assertThat(job.at("/result/agents").asLong()).isEqualTo(20_000);
            workers.add(workerPid(job));
        }
        assertThat(workers).as("both processes ran jobs").containsExactlyInAnyOrder(a.pid(), b.pid());
        JsonNode listed = call(b, "GET", "/api/jobs?limit=200", null, 200);
        List<String> seen = new ArrayList<>();
        listed.get("jobs").forEach(j -> seen.add(j.get("id").asText()));
        assertThat(seen).as("every process lists every job").containsAll(ids);
        JsonNode populations = call(b, "GET", "/api/populations", null, 200).get("populations");
        assertThat(populations).hasSize(8);
        JsonNode persisted = call(a, "GET", "/api/audit?action=population.persist", null, 200).get("entries");
        assertThat(persisted).as("each population was stored by one run").hasSize(8);
    }

    @Test
    @Order(2)
    void aCancelSentToTheOtherInstanceStopsTheJobWhereItRuns() throws Exception {
        Serve a = serves.get(0);
        String id = persist(a, 1_000_000, "cancel");
        JsonNode job = await(a, id, j -> running(j) || ended(j), Duration.ofMinutes(1));
        assertThat(job.get("state").asText()).isEqualTo("running");
        Serve other = workerPid(job) == serves.get(0).pid() ? serves.get(1) : serves.get(0);

        JsonNode answer = call(other, "DELETE", "/api/jobs/" + id, null, 202);
        assertThat(answer.get("cancel_requested").asBoolean()).isTrue();

        JsonNode cancelled = await(other, id, ServeInstancesIT::ended, Duration.ofSeconds(30));
        assertThat(cancelled.get("state").asText()).isEqualTo("cancelled");
        call(other, "DELETE", "/api/jobs/" + id, null, 409);
    }

    @Test
    @Order(3)
    void aJobOfAKilledInstanceIsTakenOverByTheNextAndARestartedInstanceShowsEveryJob() throws Exception {
        Serve a = serves.get(0);
        Serve b = serves.get(1);
        b.process().destroy();
        assertThat(b.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(home.dir.resolve("b.err"))).contains("stopping").doesNotContain("Exception", "\tat ");

        String id = persist(a, 200_000, "takeover");
        JsonNode job = await(a, id, j -> running(j) || ended(j), Duration.ofMinutes(1));
        assertThat(job.get("state").asText()).isEqualTo("running");
        a.process().destroyForcibly(); // kill -9: its lease stays behind, held by a process that no longer exists
        assertThat(a.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        Serve c = serve("c");
        JsonNode done = await(c, id, ServeInstancesIT::ended, Duration.ofMinutes(3));
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.get("attempts").asInt()).as("taken over at once: its holder is gone from this host").isEqualTo(2);
        assertThat(workerPid(done)).isEqualTo(c.pid());
        assertThat(done.at("/result/agents").asLong()).isEqualTo(200_000);
        assertThat(call(c, "GET", "/api/jobs?limit=200", null, 200).get("jobs")).as("the 8 split jobs, the cancelled one, this one")
                .hasSize(10);
    }
}
