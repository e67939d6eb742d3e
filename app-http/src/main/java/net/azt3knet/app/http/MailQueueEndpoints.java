package net.azt3knet.app.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import net.azt3knet.ports.in.ManageMailQueueUseCase;
import net.azt3knet.ports.in.ReadAgentMailUseCase;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.out.inbound.InboundMailbox.InboundMessage;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpoolEntry;
import net.azt3knet.ports.out.spool.SpoolQuery;

/** The SMTP gateway's queue and the agents' mail over HTTP: what {@code azt3knet queue} and {@code azt3knet mail} do. */
final class MailQueueEndpoints {

    private static final List<String> FILTERS = List.of("state", "sender", "recipient", "older_than");
    private static final List<String> PURGE_FIELDS = List.of("state", "sender", "recipient", "older_than", "yes");

    private final ManageMailQueueUseCase queue;
    private final ReadAgentMailUseCase mail;
    private final long maxBody;

    MailQueueEndpoints(ManageMailQueueUseCase queue, ReadAgentMailUseCase mail, long maxBody) {
        this.queue = queue;
        this.mail = mail;
        this.maxBody = maxBody;
    }

    void register(Routes routes) {
        routes.get("/api/queue", Access.Level.READ, this::list);
        routes.get("/api/queue/{id}", Access.Level.READ, this::show);
        routes.post("/api/queue/{id}:hold", Access.Level.ADMIN, ctx -> change(ctx, () -> queue.hold(id(ctx), actor(ctx))));
        routes.post("/api/queue/{id}:release", Access.Level.ADMIN, ctx -> change(ctx, () -> queue.release(id(ctx), actor(ctx))));
        routes.post("/api/queue/{id}:retry", Access.Level.ADMIN, ctx -> change(ctx, () -> queue.retry(id(ctx), actor(ctx))));
        routes.delete("/api/queue/{id}", Access.Level.ADMIN, this::delete);
        routes.post("/api/queue:purge", Access.Level.ADMIN, this::purge);
        routes.get("/api/agents/{address}/mail", Access.Level.READ, this::agentMail);
    }

    /** The agent's newest messages, oldest first, each with what was kept (the message, or a provider's payload). */
    private void agentMail(Context ctx) {
        int limit = (int) RequestBody.query(ctx, "limit", 1, ReadAgentMailUseCase.MAX, 100);
        List<InboundMessage> messages;
        try {
            messages = mail.list(ctx.pathParam("address"), limit);
        } catch (RejectedCommandException e) {
            throw ApiProblem.notFound("no stored agent has the address '" + ctx.pathParam("address") + "'");
        }
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("messages");
        for (InboundMessage m : messages) {
            items.addObject().put("message_id", m.messageId()).put("received_at", m.receivedAt().toString()).put("sender", m.sender())
                    .put("subject", m.subject()).put("source", m.source()).put("payload", m.payload());
        }
        Json.send(ctx, 200, body);
    }

    private static String actor(Context ctx) {
        return Access.principal(ctx).actor();
    }

    private static QueueId id(Context ctx) {
        try {
            return QueueId.parse(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("id", e.getMessage() + " (GET /api/queue lists them)");
        }
    }

    private static ApiProblem unknown(QueueId id) {
        return ApiProblem.notFound("no message " + id + " is in the queue (GET /api/queue lists them)");
    }

    static ObjectNode json(SpoolEntry e) {
        ObjectNode o = Json.object().put("id", e.id().value()).put("state", e.state().name().toLowerCase(Locale.ROOT))
                .put("sender", e.envelope().reversePath());
        ArrayNode to = o.putArray("recipients");
        e.envelope().recipients().forEach(to::add);
        o.put("submitter", e.envelope().submitter().orElse(null)).put("client", e.envelope().client()).put("size", e.size())
                .put("attempts", e.attempts()).put("created_at", e.createdAt().toString()).put("updated_at", e.updatedAt().toString())
                .put("next_attempt_at", e.nextAttemptAt().map(Instant::toString).orElse(null))
                .put("last_error", e.lastError().orElse(null)).put("provider_message_id", e.providerMessageId().orElse(null));
        return o;
    }

    private void list(Context ctx) {
        // a refusal names the CLI flag (--older-than), which the API's failure mapping turns into its field (older_than)
        SpoolQuery query = ManageMailQueueUseCase.query(ctx.queryParam("state"), ctx.queryParam("sender"),
                ctx.queryParam("recipient"), ctx.queryParam("older_than"), Instant.now());
        int limit = (int) RequestBody.query(ctx, "limit", 1, ManageMailQueueUseCase.MAX_PAGE, 100);
        QueueId before = ctx.queryParam("before") == null ? null : new QueueId(RequestBody.query(ctx, "before", 1, Long.MAX_VALUE, 1));
        ManageMailQueueUseCase.Page page = queue.list(query, before, limit);
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("messages");
        page.entries().forEach(e -> items.add(json(e)));
        page.next().ifPresent(next -> {
            StringBuilder link = new StringBuilder("/api/queue?limit=" + limit + "&before=" + next);
            for (String f : FILTERS) {
                if (ctx.queryParam(f) != null) link.append('&').append(f).append('=').append(URLEncoder.encode(ctx.queryParam(f), StandardCharsets.UTF_8));
            }
            body.putObject("links").put("next", link.toString());
            ctx.header("Link", "<" + link + ">; rel=\"next\"");
        });
        Json.send(ctx, 200, body);
    }


    private void show(Context ctx) {
        QueueId id = id(ctx);
        Json.send(ctx, 200, json(queue.show(id).orElseThrow(() -> unknown(id)).entry()));
    }

    /** A change that does not apply to the message's state conflicts with it: 409, saying why. */
    private void change(Context ctx, Supplier<Optional<SpoolEntry>> change) {
        QueueId id = id(ctx);
        Optional<SpoolEntry> after;
        try {
            after = change.get();
        } catch (RejectedCommandException e) {
            throw ApiProblem.conflict(e.getMessage());
        }
        Json.send(ctx, 200, json(after.orElseThrow(() -> unknown(id))));
    }

    private void delete(Context ctx) {
        QueueId id = id(ctx);
        boolean deleted;
        try {
            deleted = queue.delete(id, actor(ctx));
        } catch (RejectedCommandException e) {
            throw ApiProblem.conflict(e.getMessage());
        }
        if (!deleted) throw unknown(id);
        ctx.status(204);
    }

    private void purge(Context ctx) {
        RequestBody body = RequestBody.read(ctx, maxBody, PURGE_FIELDS);
        SpoolQuery query = ManageMailQueueUseCase.query(body.text("state", null), body.text("sender", null),
                body.text("recipient", null), body.text("older_than", null), Instant.now());
        boolean yes = body.bool("yes");
        ManageMailQueueUseCase.Purge purge = queue.purge(query, yes, actor(ctx));
        if (!yes) {
            throw ApiProblem.badRequest("yes", purge.matched() + " messages match; nothing removed: send \"yes\": true to remove them");
        }
        Json.send(ctx, 200, Json.object().put("matched", purge.matched()).put("removed", purge.removed()));
    }
}
