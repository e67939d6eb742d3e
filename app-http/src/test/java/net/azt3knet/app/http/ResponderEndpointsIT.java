package net.azt3knet.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.azt3knet.domain.responder.ReplyMode;
import net.azt3knet.domain.responder.ReplyPolicy;
import net.azt3knet.ports.in.ErasePersonalDataUseCase;
import net.azt3knet.ports.in.ManageResponderUseCase;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.UnknownPopulationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The responder's endpoints on a real Javalin socket over an in-memory use case: what each answers, and bad input as problems. */
class ResponderEndpointsIT {

    private static final UUID POPULATION = UUID.fromString("5f0c6a52-1b7e-8d2f-a3c4-9e8b7a6d5c4b");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The use case's rules as the endpoints rely on them, kept in memory. */
    static final class InMemoryResponder implements ManageResponderUseCase, ErasePersonalDataUseCase {
        final List<String> enabled = new ArrayList<>();
        ReplyPolicy policy = ReplyPolicy.DEFAULT;
        final Map<Long, Draft> drafts = new LinkedHashMap<>();
        final List<String> erased = new ArrayList<>();

        InMemoryResponder() {
            drafts.put(17L, draft(17, "draft", Optional.empty()));
        }

        private static Draft draft(long id, String state, Optional<String> queueId) {
            return new Draft(id, 42, "ana@agents.example.org", "someone@example.org", "Re: Hello", state, 320, queueId,
                    Instant.parse("2026-12-03T10:00:00Z"), state.equals("draft") ? Optional.empty() : Optional.of(Instant.parse("2026-12-03T10:05:00Z")),
                    "Thank you.", "<p>Thank you.</p>");
        }

        private void known(UUID population) {
            if (!population.equals(POPULATION)) throw new UnknownPopulationException(population);
        }

        @Override
        public int enable(UUID population, List<String> agents) {
            known(population);
            List<String> added = agents.isEmpty() ? List.of("ana@agents.example.org", "bo@agents.example.org") : agents;
            added.forEach(enabled::add);
            return added.size();
        }

        @Override
        public int disable(UUID population, List<String> agents) {
            known(population);
            int n = enabled.size();
            enabled.clear();
            return n;
        }

        @Override
        public Status status(UUID population) {
            known(population);
            return new Status(population, enabled.size(), policy, Map.of("pending", 2L, "completed", 5L), drafts.size());
        }

        @Override
        public ReplyPolicy setPolicy(UUID population, ReplyPolicy p) {
            known(population);
            policy = p;
            return p;
        }

        @Override
        public List<QueueItem> queue(Optional<String> state, Optional<String> agent, Optional<Long> before, int limit) {
            return List.of(new QueueItem(42, "ana@agents.example.org", "imap", state.orElse("completed"), 1, Optional.of("mailing-list"),
                    Optional.of("List-Id: <news.example>"), Instant.parse("2026-12-03T09:59:00Z"), Optional.empty()));
        }

        @Override
        public QueueItem retry(long id) {
            if (id != 42) throw new RejectedCommandException("no queue entry " + id + " can be retried");
            return new QueueItem(42, "ana@agents.example.org", "imap", "pending", 1, Optional.empty(), Optional.empty(),
                    Instant.parse("2026-12-03T09:59:00Z"), Optional.of(Instant.parse("2026-12-03T10:00:00Z")));
        }

        @Override
        public void drop(long id) {
            if (id != 42) throw new RejectedCommandException("queue entry " + id + " is being processed");
        }

        @Override
        public List<Draft> drafts(Optional<String> state, Optional<String> agent, Optional<Long> before, int limit) {
            return drafts.values().stream().filter(d -> state.map(d.state()::equals).orElse(true)).limit(limit).toList();
        }

        @Override
        public Optional<Draft> draft(long id) {
            return Optional.ofNullable(drafts.get(id));
        }

        @Override
        public Draft approve(long id) {
            return decide(id, "sent", Optional.of("9001"));
        }

        @Override
        public Draft reject(long id) {
            return decide(id, "rejected", Optional.empty());
        }

        private Draft decide(long id, String to, Optional<String> queueId) {
            Draft d = drafts.get(id);
            if (d == null || !d.state().equals("draft")) throw new RejectedCommandException("reply " + id + " is no longer a draft");
            Draft after = draft(id, to, queueId);
            drafts.put(id, after);
            return after;
        }

        @Override
        public Erasure eraseAddress(String address) {
            if (address.endsWith("@agents.example.org")) throw new RejectedCommandException(address + " is one of our agents: use mailboxes teardown");
            erased.add(address);
            return new Erasure("hash-of-" + address, 2, 1, 1);
        }

        @Override
        public Erasure applyRetention(UUID population, int days) {
            return new Erasure("", 0, 0, 0);
        }
    }

    private final InMemoryResponder responder = new InMemoryResponder();
    private Javalin app;
    private String base;

    @BeforeEach
    void start() {
        Routes routes = new Routes();
        new ResponderEndpoints(responder, responder, 64 * 1024).register(routes);
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.router.ignoreTrailingSlashes = true;
        });
        for (Routes.Route r : routes.all()) app.addHttpHandler(HandlerType.valueOf(r.method()), r.path(), r.handler());
        app.exception(ApiProblem.class, (e, ctx) -> Json.problem(ctx, e));
        app.exception(Exception.class, (e, ctx) -> Json.problem(ctx, Failures.problem(e)));
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void enableStatusPolicyAndDisableGoThroughTheUseCase() throws Exception {
        HttpResponse<String> enabled = call("POST", "/api/populations/" + POPULATION + "/responder", "{\"agents\":[\"Ana@Agents.example.org\"]}");
        assertThat(enabled.statusCode()).isEqualTo(200);
        assertThat(json(enabled).get("enabled").asInt()).isEqualTo(1);
        assertThat(responder.enabled).containsExactly("ana@agents.example.org");
        assertThat(json(call("POST", "/api/populations/" + POPULATION + "/responder", null)).get("enabled").asInt()).as("no body: all").isEqualTo(2);

        JsonNode status = json(call("GET", "/api/populations/" + POPULATION + "/responder", null));
        assertThat(status.get("enabled_agents").asInt()).isEqualTo(3);
        assertThat(status.at("/queue/pending").asLong()).isEqualTo(2);
        assertThat(status.at("/queue/failed").asLong()).isZero();
        assertThat(status.at("/policy/mode").asText()).isEqualTo("review");

        HttpResponse<String> put = call("PUT", "/api/populations/" + POPULATION + "/responder/policy",
                "{\"mode\":\"auto\",\"blocked_senders\":[\"@Spam.example\"],\"once_per\":\"12h\",\"per_hour\":50}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(responder.policy.mode()).isEqualTo(ReplyMode.AUTO);
        assertThat(responder.policy.blockedSenders()).containsExactly("@spam.example");
        assertThat(responder.policy.oncePer()).isEqualTo(Duration.ofHours(12));
        assertThat(responder.policy.perHour()).isEqualTo(50);
        assertThat(responder.policy.threadCap()).as("fields left out keep their value").isEqualTo(ReplyPolicy.DEFAULT.threadCap());
        assertThat(json(put).get("once_per").asText()).isEqualTo("PT12H");

        assertThat(json(call("DELETE", "/api/populations/" + POPULATION + "/responder", null)).get("disabled").asInt()).isEqualTo(3);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndChangesNothing() throws Exception {
        HttpResponse<String> mode = call("PUT", "/api/populations/" + POPULATION + "/responder/policy", "{\"mode\":\"sometimes\"}");
        assertThat(mode.statusCode()).isEqualTo(400);
        assertThat(mode.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(mode).get("field").asText()).isEqualTo("mode");
        HttpResponse<String> sender = call("PUT", "/api/populations/" + POPULATION + "/responder/policy", "{\"allowed_senders\":[\"not an address\"]}");
        assertThat(sender.statusCode()).isEqualTo(400);
        assertThat(json(sender).get("field").asText()).isEqualTo("allowed_senders");
        HttpResponse<String> negative = call("PUT", "/api/populations/" + POPULATION + "/responder/policy", "{\"per_hour\":-1}");
        assertThat(json(negative).get("field").asText()).isEqualTo("per_hour");
        HttpResponse<String> unknownField = call("PUT", "/api/populations/" + POPULATION + "/responder/policy", "{\"mood\":\"auto\"}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(responder.policy).isEqualTo(ReplyPolicy.DEFAULT);

        assertThat(call("GET", "/api/populations/not-a-uuid/responder", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/populations/" + UUID.randomUUID() + "/responder", null).statusCode()).isEqualTo(404);
        HttpResponse<String> state = call("GET", "/api/responder/queue?state=lost", null);
        assertThat(state.statusCode()).isEqualTo(400);
        assertThat(json(state).get("field").asText()).isEqualTo("state");
        assertThat(json(call("GET", "/api/responder/drafts?limit=0", null)).get("field").asText()).isEqualTo("limit");
        assertThat(json(call("POST", "/api/responder/drafts/x:approve", null)).get("field").asText()).isEqualTo("id");
    }

    @Test
    void theQueueShowsDecisionsAndRetriesOrDrops() throws Exception {
        JsonNode list = json(call("GET", "/api/responder/queue?state=completed", null));
        assertThat(list.at("/entries/0/outcome").asText()).isEqualTo("mailing-list");
        assertThat(list.at("/entries/0/state").asText()).isEqualTo("completed");
        assertThat(json(call("POST", "/api/responder/queue/42:retry", null)).get("state").asText()).isEqualTo("pending");
        assertThat(call("POST", "/api/responder/queue/7:retry", null).statusCode()).isEqualTo(409);
        assertThat(call("DELETE", "/api/responder/queue/42", null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/api/responder/queue/7", null).statusCode()).isEqualTo(409);
    }

    @Test
    void aDraftIsShownWithItsTextAndDecidedOnce() throws Exception {
        JsonNode listed = json(call("GET", "/api/responder/drafts?state=draft", null));
        assertThat(listed.at("/replies/0/id").asLong()).isEqualTo(17);
        assertThat(listed.at("/replies/0").has("text")).as("listings carry no text").isFalse();
        JsonNode shown = json(call("GET", "/api/responder/drafts/17", null));
        assertThat(shown.get("html").asText()).isEqualTo("<p>Thank you.</p>");
        assertThat(call("GET", "/api/responder/drafts/99", null).statusCode()).isEqualTo(404);

        HttpResponse<String> approved = call("POST", "/api/responder/drafts/17:approve", null);
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(json(approved).get("state").asText()).isEqualTo("sent");
        assertThat(json(approved).get("queue_id").asText()).isEqualTo("9001");
        assertThat(call("POST", "/api/responder/drafts/17:reject", null).statusCode()).as("decided already").isEqualTo(409);
    }

    @Test
    void gdprDeleteAnswersTheCountsAndTheHashAndRefusesOurAgents() throws Exception {
        HttpResponse<String> erased = call("POST", "/api/gdpr:delete", "{\"address\":\" Someone@Example.org \"}");
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(json(erased).get("total").asLong()).isEqualTo(4);
        assertThat(json(erased).get("address_hash").asText()).isEqualTo("hash-of-someone@example.org");
        assertThat(responder.erased).containsExactly("someone@example.org");
        HttpResponse<String> agent = call("POST", "/api/gdpr:delete", "{\"address\":\"ana@agents.example.org\"}");
        assertThat(agent.statusCode()).isEqualTo(400);
        assertThat(agent.body()).contains("mailboxes teardown").doesNotContain("Exception");
        assertThat(json(call("POST", "/api/gdpr:delete", "{\"address\":\"nobody\"}")).get("field").asText()).isEqualTo("address");
        assertThat(responder.erased).hasSize(1);
    }
}
