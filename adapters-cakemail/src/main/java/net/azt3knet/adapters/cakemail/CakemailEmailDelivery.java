package net.azt3knet.adapters.cakemail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.azt3knet.adapters.http.MailParts;
import net.azt3knet.adapters.http.ProviderFailure;
import net.azt3knet.adapters.http.ProviderHttp;
import net.azt3knet.ports.out.email.DeliveryResult;
import net.azt3knet.ports.out.email.DeliveryRoute;
import net.azt3knet.ports.out.email.EmailDelivery;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.spool.SpooledMessage;

/**
 * {@link EmailDelivery} through Cakemail's Email API v2: {@code POST /v2/emails} once per envelope recipient (the API
 * takes one), with the sender referenced by the id of its confirmed Cakemail sender (looked up once per address).
 * A 201 whose {@code data.status} is {@code rejected} or {@code error} is a failure; 400/422 are permanent.
 * <p>
 * Cakemail has no idempotency key. Each recipient's call is tagged {@code azt3knet-q<queue id>-<n>}; the relay has
 * recorded the attempt ({@code sending}) before the call, so a message tried before (a timeout whose outcome is
 * unknown, a crash, a fan-out that stopped half-way) first asks the logs ({@code GET /v2/logs/emails?tags=…}) for
 * each recipient and sends only to those Cakemail has no email for. The HTTP client never retries a send itself.
 */
public final class CakemailEmailDelivery implements EmailDelivery {

    private static final String SENDERS = "/brands/default/senders";
    private static final int PAGE = 100;

    private final CakemailSettings settings;
    private final DeliveryRoute route;
    private final ProviderHttp http;
    private final CakemailTokens tokens;
    /** Confirmed sender ids by lower-case address. */
    private final Map<String, String> senderIds = new ConcurrentHashMap<>();

    public CakemailEmailDelivery(CakemailSettings settings, DeliveryRoute route, Clock clock) {
        this.settings = settings;
        this.route = route;
        this.tokens = new CakemailTokens(settings, clock);
        this.http = new ProviderHttp("Cakemail", settings.baseUrl().toString(), settings.limits(), tokens::headers, Failed::new);
        tokens.use(http);
    }

    /** A failure the HTTP toolkit recognised (no answer, 429, 5xx, breaker open). */
    private static final class Failed extends RuntimeException {
        final ProviderFailure failure;

        Failed(ProviderFailure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }

    /** Ends a delivery early with its result. */
    private static final class Outcome extends RuntimeException {
        final DeliveryResult result;

        Outcome(DeliveryResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    @Override
    public DeliveryRoute route() {
        return route;
    }

    @Override
    public boolean available() {
        return !http.circuitOpen();
    }

    @Override
    public void check() {
        try {
            int status = authed(() -> http.probe(at(SENDERS, "page=1&per_page=1"))).status();
            if (status != 200) throw new IllegalStateException("Cakemail at " + http.root() + " answered HTTP " + status + " to a sender list");
        } catch (Outcome o) {
            throw new IllegalStateException(reason(o.result));
        }
    }

    @Override
    public DeliveryResult deliver(SpooledMessage message) {
        try {
            MailParts parts;
            try {
                parts = MailParts.read(message.content());
            } catch (IllegalArgumentException e) {
                return new DeliveryResult.PermanentFailure(e.getMessage());
            }
            String from = message.envelope().reversePath().isEmpty() ? parts.from().orElse("") : message.envelope().reversePath();
            if (from.isEmpty()) return new DeliveryResult.PermanentFailure("a message with the null sender and no From header cannot go through Cakemail");
            String sender = senderId(from);
            boolean triedBefore = message.entry().attempts() > 0;
            List<String> ids = new ArrayList<>();
            List<String> recipients = message.envelope().recipients();
            for (int n = 0; n < recipients.size(); n++) {
                String tag = "azt3knet-q" + message.id() + "-" + n;
                Optional<String> already = triedBefore ? logged(tag) : Optional.empty();
                ids.add(already.isPresent() ? already.get() : send(recipients.get(n), sender, parts, tag));
            }
            return new DeliveryResult.Sent(String.join(",", ids));
        } catch (Outcome o) {
            return o.result;
        }
    }

    /** One recipient's email; its Cakemail id. */
    private String send(String recipient, String sender, MailParts parts, String tag) {
        ObjectNode body = CakemailReplies.JSON.createObjectNode();
        body.put("email", recipient);
        ObjectNode s = body.putObject("sender").put("id", sender);
        parts.fromName().ifPresent(n -> s.put("name", n));
        ObjectNode content = body.putObject("content").put("subject", parts.subject()).put("encoding", "utf-8").put("type", "transactional");
        parts.text().ifPresent(t -> content.put("text", t));
        parts.html().ifPresent(h -> content.put("html", h));
        if (parts.text().isEmpty() && parts.html().isEmpty()) content.put("text", "");
        body.putArray("tags").add(tag);
        ArrayNode headers = body.putArray("additional_headers");
        parts.replyTo().ifPresent(r -> headers.addObject().put("name", "Reply-To").put("value", r));
        parts.messageId().ifPresent(id -> headers.addObject().put("name", "X-Original-Message-ID").put("value", id));
        if (!parts.attachments().isEmpty()) {
            ArrayNode files = body.putArray("attachment");
            for (MailParts.Attachment a : parts.attachments()) {
                files.addObject().put("filename", a.filename()).put("type", a.contentType())
                        .put("content", Base64.getEncoder().encodeToString(a.content()));
            }
        }
        ProviderHttp.Reply reply = authed(() -> http.post(at("/v2/emails", ""), "application/json", body.toString()));
        if (reply.status() == 400 || reply.status() == 422) {
            throw new Outcome(new DeliveryResult.PermanentFailure("Cakemail refused the email to " + recipient + ": HTTP "
                    + reply.status() + " " + CakemailReplies.detail(reply)));
        }
        if (reply.status() != 200 && reply.status() != 201) {
            throw new Outcome(new DeliveryResult.TransientFailure("Cakemail answered HTTP " + reply.status() + " to the email to "
                    + recipient + ": " + CakemailReplies.detail(reply), Optional.empty()));
        }
        JsonNode data = json(reply).path("data");
        String status = data.path("status").asText("");
        if (status.equals("rejected") || status.equals("error")) {
            throw new Outcome(new DeliveryResult.PermanentFailure("Cakemail took the email to " + recipient + " but its status is "
                    + status + " (its logs say why)"));
        }
        return data.path("id").asText("");
    }

    /** The id of an email Cakemail already holds for this tag (an earlier attempt got through), if any. */
    private Optional<String> logged(String tag) {
        ProviderHttp.Reply reply = authed(() -> http.get(at("/v2/logs/emails", "tags=" + tag)));
        if (reply.status() != 200) {
            throw new Outcome(new DeliveryResult.TransientFailure("cannot tell whether an earlier attempt reached Cakemail: its logs"
                    + " answered HTTP " + reply.status() + "; nothing is sent until they answer", Optional.empty()));
        }
        for (JsonNode e : json(reply).path("data")) {
            String id = e.path("email_id").asText(e.path("id").asText(""));
            if (!id.isEmpty()) return Optional.of(id);
        }
        return Optional.empty();
    }

    /** The confirmed sender's id, looked up once per address. */
    private String senderId(String address) {
        String key = address.toLowerCase(Locale.ROOT);
        String known = senderIds.get(key);
        if (known != null) return known;
        for (int page = 1; ; page++) {
            String path = at(SENDERS, "page=" + page + "&per_page=" + PAGE);
            ProviderHttp.Reply reply = authed(() -> http.get(path));
            if (reply.status() != 200) {
                throw new Outcome(new DeliveryResult.TransientFailure("Cakemail answered HTTP " + reply.status()
                        + " to the sender list: " + CakemailReplies.detail(reply), Optional.empty()));
            }
            JsonNode list = json(reply).path("data");
            for (JsonNode s : list) {
                if (!key.equalsIgnoreCase(s.path("email").asText())) continue;
                if (!s.path("confirmed").asBoolean(false)) {
                    throw new Outcome(new DeliveryResult.TransientFailure("the Cakemail sender " + address + " is not confirmed yet;"
                            + " it is confirmed from the link Cakemail mailed to it", Optional.empty()));
                }
                String id = s.path("id").asText();
                senderIds.put(key, id);
                return id;
            }
            if (list.size() < PAGE) {
                throw new Outcome(new DeliveryResult.PermanentFailure("Cakemail has no sender " + address
                        + "; create it (agents on the cakemail provider get one) and confirm it"));
            }
        }
    }

    /** One call, again once with a fresh token when the API rejected the one it had; failures become outcomes. */
    private ProviderHttp.Reply authed(java.util.function.Supplier<ProviderHttp.Reply> call) {
        try {
            ProviderHttp.Reply r = call.get();
            if (r.status() != 401) return r;
            tokens.rejected();
            r = call.get();
            if (r.status() == 401) {
                throw new Outcome(new DeliveryResult.TransientFailure("Cakemail rejects fresh access tokens for " + settings.username()
                        + "; check that the user is active and CAKEMAIL_ACCOUNT_ID is one of its accounts", Optional.empty()));
            }
            return r;
        } catch (Failed f) {
            ProviderFailure x = f.failure;
            String why = x.reason() == ProviderFailure.Reason.TIMEOUT || x.reason() == ProviderFailure.Reason.UNREACHABLE
                    ? x.message() + "; whether Cakemail took it is unknown: the next attempt asks its logs before sending"
                    : x.message();
            throw new Outcome(new DeliveryResult.TransientFailure(why, Optional.ofNullable(x.retryAfter())));
        } catch (MailboxProvisioningException e) { // the login itself was refused
            throw new Outcome(new DeliveryResult.TransientFailure(e.getMessage(), Optional.empty()));
        }
    }

    private String at(String path, String query) {
        String account = settings.accountId() == null ? "" : "account_id=" + settings.accountId();
        String q = account.isEmpty() ? query : query.isEmpty() ? account : query + "&" + account;
        return q.isEmpty() ? path : path + "?" + q;
    }

    private static JsonNode json(ProviderHttp.Reply reply) {
        try {
            return CakemailReplies.JSON.readTree(reply.body());
        } catch (IOException e) {
            return CakemailReplies.JSON.createObjectNode();
        }
    }

    private static String reason(DeliveryResult r) {
        return switch (r) {
            case DeliveryResult.TransientFailure t -> t.reason();
            case DeliveryResult.PermanentFailure p -> p.reason();
            case DeliveryResult.Sent s -> "sent";
        };
    }

    @Override
    public String toString() {
        return "CakemailEmailDelivery[" + http.root() + "]";
    }
}
