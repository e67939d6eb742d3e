package net.azt3knet.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.domain.responder.ReplyMode;
import net.azt3knet.domain.responder.ReplyPolicy;
import net.azt3knet.ports.in.ErasePersonalDataUseCase;
import net.azt3knet.ports.in.ManageResponderUseCase;
import net.azt3knet.ports.in.RejectedCommandException;

/** The AI responder over HTTP: what {@code azt3knet responder} and {@code azt3knet gdpr delete} do. */
final class ResponderEndpoints {

    private static final List<String> POLICY_FIELDS = List.of("mode", "allowed_senders", "blocked_senders", "agent_to_agent",
            "thread_cap", "per_hour", "sender_per_hour", "once_per", "daily_tokens", "max_attachment_bytes", "spam_threshold");
    private static final List<String> QUEUE_STATES = List.of("pending", "processing", "completed", "failed");
    private static final List<String> REPLY_STATES = List.of("draft", "rejected", "sent");

    private final ManageResponderUseCase responder;
    private final ErasePersonalDataUseCase privacy;
    private final long maxBody;

    ResponderEndpoints(ManageResponderUseCase responder, ErasePersonalDataUseCase privacy, long maxBody) {
        this.responder = responder;
        this.privacy = privacy;
        this.maxBody = maxBody;
    }

    void register(Routes routes) {
        routes.post("/api/populations/{id}/responder", Access.Level.ADMIN, this::enable);
        routes.delete("/api/populations/{id}/responder", Access.Level.ADMIN, this::disable);
        routes.get("/api/populations/{id}/responder", Access.Level.READ, this::status);
        routes.put("/api/populations/{id}/responder/policy", Access.Level.ADMIN, this::policy);
        routes.get("/api/responder/queue", Access.Level.READ, this::queue);
        routes.post("/api/responder/queue/{id}:retry", Access.Level.ADMIN, this::retry);
        routes.delete("/api/responder/queue/{id}", Access.Level.ADMIN, this::drop);
        routes.get("/api/responder/drafts", Access.Level.READ, this::drafts);
        routes.get("/api/responder/drafts/{id}", Access.Level.READ, this::draft);
        routes.post("/api/responder/drafts/{id}:approve", Access.Level.ADMIN, ctx -> decide(ctx, true));
        routes.post("/api/responder/drafts/{id}:reject", Access.Level.ADMIN, ctx -> decide(ctx, false));
        routes.post("/api/gdpr:delete", Access.Level.ADMIN, this::erase);
    }

    /** The agents named in the body; none (or no body): all of the population's. */
    private List<String> agents(Context ctx) {
        return RequestBody.read(ctx, maxBody, List.of("agents")).list("agents").stream()
                .map(a -> a.strip().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty()).toList();
    }

    private void enable(Context ctx) {
        UUID population = PopulationEndpoints.id(ctx);
        int n = responder.enable(population, agents(ctx));
        Json.send(ctx, 200, Json.object().put("population", population.toString()).put("enabled", n));
    }

    private void disable(Context ctx) {
        UUID population = PopulationEndpoints.id(ctx);
        int n = responder.disable(population, agents(ctx));
        Json.send(ctx, 200, Json.object().put("population", population.toString()).put("disabled", n));
    }

    private void status(Context ctx) {
        ManageResponderUseCase.Status s = responder.status(PopulationEndpoints.id(ctx));
        ObjectNode body = Json.object().put("population", s.population().toString()).put("enabled_agents", s.enabledAgents())
                .put("drafts", s.drafts());
        ObjectNode queue = body.putObject("queue");
        for (String state : QUEUE_STATES) queue.put(state, s.queue().getOrDefault(state, 0L));
        body.set("policy", json(s.policy()));
        Json.send(ctx, 200, body);
    }

    static ObjectNode json(ReplyPolicy p) {
        ObjectNode o = Json.object().put("mode", p.mode().name().toLowerCase(Locale.ROOT));
        ArrayNode allowed = o.putArray("allowed_senders");
        p.allowedSenders().forEach(allowed::add);
        ArrayNode blocked = o.putArray("blocked_senders");
        p.blockedSenders().forEach(blocked::add);
        return o.put("agent_to_agent", p.agentToAgent()).put("thread_cap", p.threadCap()).put("per_hour", p.perHour())
                .put("sender_per_hour", p.senderPerHour()).put("once_per", p.oncePer().toString())
                .put("daily_tokens", p.dailyTokens()).put("max_attachment_bytes", p.maxAttachmentBytes())
                .put("spam_threshold", p.spamThreshold());
    }

    /** The fields sent replace the population's current values; those left out keep theirs. */
    private void policy(Context ctx) {
        UUID population = PopulationEndpoints.id(ctx);
        RequestBody body = RequestBody.read(ctx, maxBody, POLICY_FIELDS);
        ReplyPolicy p = responder.status(population).policy();
        ReplyMode mode = p.mode();
        if (body.has("mode")) {
            mode = switch (body.text("mode").strip().toLowerCase(Locale.ROOT)) {
                case "review" -> ReplyMode.REVIEW;
                case "auto" -> ReplyMode.AUTO;
                default -> throw ApiProblem.badRequest("mode", "mode must be review or auto");
            };
        }
        Duration oncePer = p.oncePer();
        if (body.has("once_per")) {
            String text = body.text("once_per");
            try {
                oncePer = text.strip().startsWith("P") ? Duration.parse(text.strip()) : AppConfig.interval(text);
            } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
                throw ApiProblem.badRequest("once_per", "once_per '" + text + "' is not a period; e.g. 12h, 1d, 7d or 0");
            }
        }
        double spam = p.spamThreshold();
        if (body.has("spam_threshold")) {
            JsonNode v = body.object().get("spam_threshold");
            if (!v.isNumber() || v.asDouble() <= 0) throw ApiProblem.badRequest("spam_threshold", "spam_threshold must be a positive number");
            spam = v.asDouble();
        }
        ReplyPolicy changed = new ReplyPolicy(mode,
                body.has("allowed_senders") ? senders(body, "allowed_senders") : p.allowedSenders(),
                body.has("blocked_senders") ? senders(body, "blocked_senders") : p.blockedSenders(),
                body.has("agent_to_agent") ? body.bool("agent_to_agent") : p.agentToAgent(),
                (int) body.number("thread_cap", 0, Integer.MAX_VALUE, p.threadCap()),
                body.number("max_attachment_bytes", 0, Long.MAX_VALUE, p.maxAttachmentBytes()),
                (int) body.number("sender_per_hour", 0, Integer.MAX_VALUE, p.senderPerHour()),
                (int) body.number("per_hour", 0, Integer.MAX_VALUE, p.perHour()), oncePer,
                body.number("daily_tokens", 0, Long.MAX_VALUE, p.dailyTokens()), spam);
        Json.send(ctx, 200, json(responder.setPolicy(population, changed)));
    }

    private static List<String> senders(RequestBody body, String field) {
        try {
            return AppConfig.senderPatterns(String.join(",", body.list(field)));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, field + ": " + e.getMessage());
        }
    }

    private static Optional<String> word(Context ctx, String name, List<String> allowed) {
        String v = ctx.queryParam(name);
        if (v == null) return Optional.empty();
        String w = v.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(w)) throw ApiProblem.badRequest(name, name + " must be one of " + String.join(", ", allowed));
        return Optional.of(w);
    }

    private static Optional<String> agent(Context ctx) {
        return Optional.ofNullable(ctx.queryParam("agent")).map(a -> a.strip().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty());
    }

    private static Optional<Long> before(Context ctx) {
        return ctx.queryParam("before") == null ? Optional.empty() : Optional.of(RequestBody.query(ctx, "before", 1, Long.MAX_VALUE, 1));
    }

    private static long id(Context ctx, String list) {
        try {
            long id = Long.parseLong(ctx.pathParam("id"));
            if (id > 0) return id;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiProblem.badRequest("id", "'" + ctx.pathParam("id") + "' is not an id; ids are whole numbers (GET " + list + " lists them)");
    }

    static ObjectNode json(ManageResponderUseCase.QueueItem q) {
        return Json.object().put("id", q.id()).put("agent", q.agent()).put("source", q.source()).put("state", q.state())
                .put("attempts", q.attempts()).put("outcome", q.outcome().orElse(null)).put("detail", q.detail().orElse(null))
                .put("received_at", q.receivedAt().toString()).put("next_attempt_at", q.nextAttemptAt().map(Instant::toString).orElse(null));
    }

    private void queue(Context ctx) {
        Optional<String> state = word(ctx, "state", QUEUE_STATES);
        int limit = (int) RequestBody.query(ctx, "limit", 1, ManageResponderUseCase.MAX, 100);
        List<ManageResponderUseCase.QueueItem> items = responder.queue(state, agent(ctx), before(ctx), limit);
        ObjectNode body = Json.object();
        ArrayNode out = body.putArray("entries");
        items.forEach(q -> out.add(json(q)));
        Json.send(ctx, 200, body);
    }

    private void retry(Context ctx) {
        long id = id(ctx, "/api/responder/queue");
        try {
            Json.send(ctx, 200, json(responder.retry(id)));
        } catch (RejectedCommandException e) {
            throw ApiProblem.conflict(e.getMessage());
        }
    }

    private void drop(Context ctx) {
        long id = id(ctx, "/api/responder/queue");
        try {
            responder.drop(id);
        } catch (RejectedCommandException e) {
            throw ApiProblem.conflict(e.getMessage());
        }
        ctx.status(204);
    }

    static ObjectNode json(ManageResponderUseCase.Draft d, boolean content) {
        ObjectNode o = Json.object().put("id", d.id()).put("mail_id", d.mailId()).put("agent", d.agent()).put("to", d.to())
                .put("subject", d.subject()).put("state", d.state()).put("tokens", d.tokens()).put("queue_id", d.queueId().orElse(null))
                .put("created_at", d.createdAt().toString()).put("decided_at", d.decidedAt().map(Instant::toString).orElse(null));
        if (content) o.put("text", d.text()).put("html", d.html());
        return o;
    }

    private void drafts(Context ctx) {
        Optional<String> state = word(ctx, "state", REPLY_STATES);
        int limit = (int) RequestBody.query(ctx, "limit", 1, ManageResponderUseCase.MAX, 100);
        List<ManageResponderUseCase.Draft> drafts = responder.drafts(state, agent(ctx), before(ctx), limit);
        ObjectNode body = Json.object();
        ArrayNode out = body.putArray("replies");
        drafts.forEach(d -> out.add(json(d, false)));
        Json.send(ctx, 200, body);
    }

    private void draft(Context ctx) {
        long id = id(ctx, "/api/responder/drafts");
        ManageResponderUseCase.Draft d = responder.draft(id).orElseThrow(() -> ApiProblem.notFound("no reply " + id
                + " exists (GET /api/responder/drafts?state=… lists them)"));
        Json.send(ctx, 200, json(d, true));
    }

    /** A draft that someone decided first (or is no draft) conflicts: 409, saying why. */
    private void decide(Context ctx, boolean approve) {
        long id = id(ctx, "/api/responder/drafts");
        ManageResponderUseCase.Draft d;
        try {
            d = approve ? responder.approve(id) : responder.reject(id);
        } catch (RejectedCommandException e) {
            throw ApiProblem.conflict(e.getMessage());
        }
        Json.send(ctx, 200, json(d, false));
    }

    private void erase(Context ctx) {
        RequestBody body = RequestBody.read(ctx, maxBody, List.of("address"));
        String address = body.text("address");
        if (address == null || !address.strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ApiProblem.badRequest("address", "address must be an e-mail address, e.g. someone@example.org");
        }
        ErasePersonalDataUseCase.Erasure e;
        try {
            e = privacy.eraseAddress(address.strip().toLowerCase(Locale.ROOT));
        } catch (RejectedCommandException refused) {
            throw ApiProblem.badRequest("address", refused.getMessage());
        }
        Json.send(ctx, 200, Json.object().put("address_hash", e.addressHash()).put("inbound", e.inbound()).put("queued", e.queued())
                .put("replies", e.replies()).put("total", e.total()));
    }
}
