package net.azt3knet.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.app.wiring.IntegrationHealth;
import net.azt3knet.app.wiring.Readiness;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.domain.audit.AuditEntry;
import net.azt3knet.ports.in.InspectAuditTrailUseCase;
import net.azt3knet.ports.in.ReceiveInboundMailUseCase;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.ports.out.inbound.InboundMailbox.Delivery;
import net.azt3knet.ports.out.store.JobQueue.QueuedJob;
import net.azt3knet.ports.out.store.JobState;

/** Jobs, the audit trail, the inbound-mail webhook, health, readiness, metrics and the OpenAPI document. */
final class OperatorEndpoints {

    /** A parse-route payload carries the whole message, attachments in base64: this is its ceiling. */
    private static final long MAX_INBOUND = 15L << 20;
    private static final int JOBS_PAGE_MAX = 200;

    private final InspectAuditTrailUseCase auditTrail;
    private final ReceiveInboundMailUseCase inboundMail;
    private final IntegrationHealth integrations;
    private final Readiness readiness;
    private final AppConfig config;
    private final Jobs jobs;
    private final Metrics metrics;
    private final Access access;
    private final byte[] openApi;

    OperatorEndpoints(InspectAuditTrailUseCase auditTrail, ReceiveInboundMailUseCase inboundMail, IntegrationHealth integrations,
                      Readiness readiness, AppConfig config, Jobs jobs, Metrics metrics, Access access) {
        this.auditTrail = auditTrail;
        this.inboundMail = inboundMail;
        this.integrations = integrations;
        this.readiness = readiness;
        this.config = config;
        this.jobs = jobs;
        this.metrics = metrics;
        this.access = access;
        this.openApi = openApiDocument();
    }

    void register(Routes routes) {
        routes.get("/api/jobs", Access.Level.READ, this::jobList);
        routes.get("/api/jobs/{id}", Access.Level.READ, this::job);
        routes.delete("/api/jobs/{id}", Access.Level.ADMIN, this::cancel);
        routes.get("/api/jobs/{id}/result", Access.Level.READ, this::result);
        routes.get("/api/audit", Access.Level.READ, this::audit);
        routes.get("/api/audit:verify", Access.Level.READ, this::verify);
        routes.post("/hooks/mailjet/inbound/{secret}", Access.Level.OPEN, this::inbound);
        routes.get("/healthz", Access.Level.OPEN, ctx -> Json.send(ctx, 200, Json.object().put("status", "UP")));
        routes.get("/readyz", Access.Level.OPEN, this::ready);
        routes.get("/api/integrations", Access.Level.READ, this::integrations);
        routes.get("/metrics", Access.Level.READ, ctx -> ctx.status(200)
                .contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        routes.get("/openapi.json", Access.Level.OPEN, ctx -> ctx.status(200).contentType("application/json").result(openApi));
    }

    private static byte[] openApiDocument() {
        try (InputStream in = OperatorEndpoints.class.getResourceAsStream("openapi.json")) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the OpenAPI document is missing from this build", e);
        }
    }

    private QueuedJob jobOf(Context ctx) {
        return jobs.get(ctx.pathParam("id")).orElseThrow(() -> ApiProblem.notFound("job '" + ctx.pathParam("id")
                + "' does not exist (GET /api/jobs lists them; ended jobs are kept for " + shown(config.jobRetention()) + ")"));
    }

    /** 7d, 12h or 90m, as AZT3KNET_JOB_RETENTION is written. */
    static String shown(java.time.Duration d) {
        long m = d.toMinutes();
        return m % 1440 == 0 ? m / 1440 + "d" : m % 60 == 0 ? m / 60 + "h" : m + "m";
    }

    private void job(Context ctx) {
        Json.send(ctx, 200, jobs.json(jobOf(ctx)));
    }

    /** Newest first, {@code limit} at a time; {@code cursor} pages to older ones. */
    private void jobList(Context ctx) {
        String limitText = ctx.queryParam("limit");
        int limit;
        try {
            limit = limitText == null ? 50 : Integer.parseInt(limitText);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > JOBS_PAGE_MAX) throw ApiProblem.badRequest("limit", "limit must be a whole number from 1 to " + JOBS_PAGE_MAX);
        String cursor = ctx.queryParam("cursor");
        Long before = cursor == null || cursor.isEmpty() ? null : PopulationEndpoints.cursor(cursor);
        List<QueuedJob> page = jobs.list(before, limit);
        ArrayNode out = Json.MAPPER.createArrayNode();
        page.forEach(j -> out.add(jobs.json(j)));
        ObjectNode body = Json.object().set("jobs", out);
        if (page.size() == limit) {
            String next = PopulationEndpoints.cursorOf(page.get(page.size() - 1).id());
            String link = "/api/jobs?limit=" + limit + "&cursor=" + next;
            body.put("next_cursor", next).putObject("links").put("next", link);
            ctx.header("Link", "<" + link + ">; rel=\"next\"");
        }
        Json.send(ctx, 200, body);
    }

    private void cancel(Context ctx) {
        QueuedJob job = jobOf(ctx);
        if (job.state().terminal()) {
            throw ApiProblem.conflict("job " + job.id() + " has ended already (" + Jobs.state(job.state()) + ")");
        }
        QueuedJob now = jobs.cancel(job).orElse(job);
        if (now.state().terminal() && now.state() != JobState.CANCELLED) {
            throw ApiProblem.conflict("job " + job.id() + " has ended already (" + Jobs.state(now.state()) + ")");
        }
        Json.send(ctx, 202, jobs.json(now).put("note", now.state() == JobState.CANCELLED ? "cancelled before it started"
                : "cancelling: the process running it stops at its next step; send the same request again to resume"));
    }

    /** A job's result file, from any process on the database: the one that ran the job, or another that writes it again. */
    private void result(Context ctx) throws IOException {
        QueuedJob job = jobOf(ctx);
        if (!jobs.hasOutput(job)) {
            throw ApiProblem.notFound("job " + job.id() + " has no result file" + (job.state() != JobState.DONE ? " yet" : ""));
        }
        ctx.status(200).contentType("application/json");
        OutputStream out = new java.io.BufferedOutputStream(ctx.outputStream(), 1 << 16);
        jobs.sendOutput(job, out);
        out.flush();
    }

    /** Entries newest last; {@code before} pages to older ones, {@code since}, {@code action}, {@code target} filter. */
    private void audit(Context ctx) {
        Instant since = null;
        String sinceText = ctx.queryParam("since");
        if (sinceText != null) {
            try {
                since = sinceText.length() == 10 ? java.time.LocalDate.parse(sinceText).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                        : Instant.parse(sinceText);
            } catch (DateTimeParseException e) {
                throw ApiProblem.badRequest("since", "since must be an ISO instant (2026-11-01T00:00:00Z) or date (2026-11-01)");
            }
        }
        int limit = (int) RequestBody.query(ctx, "limit", 1, 10_000, 100);
        Long before = ctx.queryParam("before") == null ? null : RequestBody.query(ctx, "before", 1, Long.MAX_VALUE, 0);
        List<AuditEntry> entries = auditTrail.list(new AuditQuery(since,
                ctx.queryParam("action"), ctx.queryParam("target"), limit, before));
        ObjectNode o = Json.object();
        ArrayNode list = o.putArray("entries");
        for (AuditEntry e : entries) {
            ObjectNode x = list.addObject().put("sequence", e.sequence()).put("occurred_at", e.occurredAt().toString())
                    .put("actor", e.event().actor()).put("action", e.event().action()).put("target", e.event().target())
                    .put("outcome", e.event().outcome()).put("hash", e.hash());
            ObjectNode details = x.putObject("details");
            e.event().details().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(d -> details.put(d.getKey(), d.getValue()));
        }
        if (entries.size() == limit && entries.get(0).sequence() > 1) {
            StringBuilder next = new StringBuilder("/api/audit?limit=" + limit + "&before=" + entries.get(0).sequence());
            for (String f : List.of("since", "action", "target")) {
                if (ctx.queryParam(f) != null) next.append('&').append(f).append('=')
                        .append(java.net.URLEncoder.encode(ctx.queryParam(f), StandardCharsets.UTF_8));
            }
            o.putObject("links").put("older", next.toString());
            ctx.header("Link", "<" + next + ">; rel=\"next\"");
        }
        Json.send(ctx, 200, o);
    }


    private void verify(Context ctx) {
        var v = auditTrail.verify(ctx.queryParam("expect_head"));
        ObjectNode o = Json.object().put("intact", v.intact()).put("checked", v.checked()).put("head", v.head());
        if (v.problem() != null) o.put("problem", v.problem());
        Json.send(ctx, 200, o);
    }

    /** Mailjet's parse route: its own path secret instead of a token; unknown recipient 404, idempotent on Message-ID. */
    private void inbound(Context ctx) {
        Optional<String> secret = config.secret(Setting.MAILJET_INBOUND_SECRET).map(s -> s.reveal());
        if (secret.isEmpty() || secret.get().length() < AppConfig.MIN_INBOUND_SECRET) {
            throw ApiProblem.notFound("no such endpoint (the Mailjet inbound webhook is off: set MAILJET_INBOUND_SECRET)");
        }
        byte[] given = ctx.pathParam("secret").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, secret.get().getBytes(StandardCharsets.UTF_8))) {
            throw ApiProblem.unauthorized("the webhook secret in the path is wrong");
        }
        byte[] bytes = RequestBody.bytes(ctx, MAX_INBOUND);
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw ApiProblem.badRequest(null, "the payload is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (m == null || !m.isObject()) throw ApiProblem.badRequest(null, "the payload must be a JSON object (Mailjet's parse format)");
        String recipient = m.path("Recipient").asText("");
        if (recipient.isBlank()) throw ApiProblem.badRequest("Recipient", "the payload has no Recipient");
        JsonNode headers = m.path("Headers");
        String messageId = null;
        for (var it = headers.fields(); it.hasNext(); ) {
            var h = it.next();
            if (h.getKey().equalsIgnoreCase("Message-ID")) messageId = h.getValue().isArray() ? h.getValue().path(0).asText() : h.getValue().asText();
        }
        Delivery d = inboundMail.receive(new ReceiveInboundMailUseCase.Received("mailjet",
                recipient, m.path("Sender").asText(null), m.path("Subject").asText(null), messageId,
                new String(bytes, StandardCharsets.UTF_8)));
        switch (d) {
            case UNKNOWN_RECIPIENT -> throw ApiProblem.notFound("no agent has the address " + recipient);
            case DUPLICATE -> Json.send(ctx, 200, Json.object().put("status", "duplicate"));
            case STORED -> Json.send(ctx, 201, Json.object().put("status", "stored"));
        }
    }

    /** Every integration with the state readiness last saw (one probe each, shared with /readyz). */
    private void integrations(Context ctx) {
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (IntegrationHealth.Entry e : integrations.current(readiness)) {
            ObjectNode x = items.addObject().put("name", e.name()).put("kind", e.kind())
                    .put("enabled", e.enabled()).put("status", e.status().name()).put("message", e.message())
                    .put("breaker", e.breaker()).put("degradation", e.degradation());
            if (e.latency() == null) x.putNull("latency_ms"); else x.put("latency_ms", e.latency().toMillis());
        }
        ObjectNode o = Json.object();
        o.set("items", items);
        Json.send(ctx, 200, o);
    }

    /** The overall state for anyone; each integration's state and reason only with a token. */
    private void ready(Context ctx) {
        Readiness.Report r = readiness.report();
        ObjectNode o = Json.object().put("status", r.status().name());
        if (access.authenticate(ctx).isPresent()) {
            ArrayNode checks = o.putArray("checks");
            for (Readiness.Check c : r.checks()) {
                ObjectNode x = checks.addObject().put("integration", c.integration()).put("status", c.status().name())
                        .put("checked_at", c.checkedAt().toString());
                if (c.reason() != null) x.put("reason", c.reason());
            }
        }
        Json.send(ctx, r.status() == Readiness.Status.DOWN ? 503 : 200, o);
    }
}
