package net.azt3knet.adapters.mailjet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.azt3knet.adapters.http.MailParts;
import net.azt3knet.adapters.http.ProviderFailure;
import net.azt3knet.adapters.http.ProviderHttp;
import net.azt3knet.ports.out.email.DeliveryResult;
import net.azt3knet.ports.out.email.DeliveryRoute;
import net.azt3knet.ports.out.email.EmailDelivery;
import net.azt3knet.ports.out.spool.SpooledMessage;

/**
 * {@link EmailDelivery} through Mailjet's Send API v3.1: up to 50 messages per {@code POST /v3.1/send}, each with
 * {@code CustomID} = the queue id. Mailjet answers per message in input order; when some fail it answers HTTP 400
 * and has still sent the valid ones, so every message's own {@code Status} decides and a batch is never sent again
 * as a whole. The provider id kept is Mailjet's {@code MessageID} (one per recipient, joined with commas), since
 * Mailjet does not let the {@code Message-Id} header be set. The relay does the retrying: a send is never retried
 * inside the HTTP client, where a timeout would send it twice.
 * <p>
 * A message tried before (a timeout whose outcome is unknown, a crash while {@code sending}) is first looked up by its
 * {@code CustomID} in the Message resource ({@code GET /v3/REST/message?CustomID=…}, as Mailjet's Send API guide
 * documents); one Mailjet lists is not sent again, and while the lookup does not answer nothing is sent.
 */
public final class MailjetEmailDelivery implements EmailDelivery {

    /** Mailjet's ceiling per Send API v3.1 call (v3 allowed 100). */
    static final int BATCH = 50;
    /** Mailjet's ceiling of recipients per message; the Message resource lists one entry per recipient. */
    private static final int RECIPIENTS = 50;

    private final ProviderHttp http;
    private final DeliveryRoute route;

    public MailjetEmailDelivery(MailjetSettings settings, DeliveryRoute route) {
        this.route = route;
        this.http = new ProviderHttp("Mailjet", settings.baseUrl().toString(), settings.limits(), () -> Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((settings.apiKey() + ":" + settings.secretKey().reveal())
                        .getBytes(StandardCharsets.UTF_8))), Failed::new);
    }

    /** A failure the HTTP toolkit recognised (no answer, 429, 5xx, breaker open): every message of the call waits. */
    private static final class Failed extends RuntimeException {
        final ProviderFailure failure;

        Failed(ProviderFailure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }

    @Override
    public DeliveryResult deliver(SpooledMessage message) {
        return deliverAll(List.of(message)).get(0);
    }

    @Override
    public DeliveryRoute route() {
        return route;
    }

    @Override
    public int batchLimit() {
        return BATCH;
    }

    @Override
    public boolean available() {
        return !http.circuitOpen();
    }

    @Override
    public void check() {
        int status = http.probe("/v3/REST/sender?Limit=1").status();
        if (status == 401) throw new IllegalStateException("Mailjet refused the API key pair; check MAILJET_API_KEY and MAILJET_SECRET_KEY");
        if (status != 200) throw new IllegalStateException("Mailjet at " + http.root() + " answered HTTP " + status + " to a sender list");
    }

    @Override
    public List<DeliveryResult> deliverAll(List<SpooledMessage> messages) {
        List<DeliveryResult> results = new ArrayList<>(Collections.nCopies(messages.size(), null));
        for (int from = 0; from < messages.size(); from += BATCH) {
            List<SpooledMessage> chunk = messages.subList(from, Math.min(messages.size(), from + BATCH));
            List<DeliveryResult> got = send(chunk);
            for (int i = 0; i < got.size(); i++) results.set(from + i, got.get(i));
        }
        return results;
    }

    /**
     * One call for at most {@link #BATCH} messages; a message that cannot be built fails alone and is not sent, and one
     * tried before that Mailjet already lists ends sent without a call.
     */
    private List<DeliveryResult> send(List<SpooledMessage> chunk) {
        DeliveryResult[] results = new DeliveryResult[chunk.size()];
        List<Integer> sent = new ArrayList<>();
        ArrayNode list = MailjetReplies.JSON.createArrayNode();
        for (int i = 0; i < chunk.size(); i++) {
            if (chunk.get(i).entry().attempts() > 0) {
                results[i] = alreadySent(chunk.get(i)).orElse(null);
                if (results[i] != null) continue;
            }
            try {
                list.add(message(chunk.get(i)));
                sent.add(i);
            } catch (IllegalArgumentException e) {
                results[i] = new DeliveryResult.PermanentFailure(e.getMessage());
            }
        }
        if (!sent.isEmpty()) {
            ObjectNode body = MailjetReplies.JSON.createObjectNode();
            body.set("Messages", list);
            List<DeliveryResult> answers = call(body.toString(), sent.size());
            for (int k = 0; k < sent.size(); k++) results[sent.get(k)] = answers.get(k);
        }
        return List.of(results);
    }

    private List<DeliveryResult> call(String body, int count) {
        ProviderHttp.Reply reply;
        try {
            reply = http.post("/v3.1/send", "application/json", body);
        } catch (Failed f) {
            DeliveryResult wait = new DeliveryResult.TransientFailure(f.failure.message(), Optional.ofNullable(f.failure.retryAfter()));
            return Collections.nCopies(count, wait);
        }
        if (reply.status() == 401) {
            return Collections.nCopies(count, new DeliveryResult.TransientFailure("Mailjet refused the API key pair;"
                    + " check MAILJET_API_KEY and MAILJET_SECRET_KEY (Account settings › API key management)", Optional.empty()));
        }
        JsonNode answer;
        try {
            answer = MailjetReplies.JSON.readTree(reply.body());
        } catch (IOException e) {
            answer = MailjetReplies.JSON.createObjectNode();
        }
        JsonNode each = answer.path("Messages");
        if (!each.isArray() || each.size() != count) {
            // A global error (malformed request, payload too large): nothing was sent.
            String why = "Mailjet refused the send: HTTP " + reply.status() + " " + answer.path("ErrorCode").asText("")
                    + " " + answer.path("ErrorMessage").asText("(no message)");
            DeliveryResult r = reply.status() >= 400 && reply.status() < 500 && reply.status() != 429
                    ? new DeliveryResult.PermanentFailure(why.strip())
                    : new DeliveryResult.TransientFailure(why.strip(), Optional.empty());
            return Collections.nCopies(count, r);
        }
        List<DeliveryResult> out = new ArrayList<>(count);
        for (JsonNode m : each) out.add(result(m));
        return out;
    }

    /**
     * What Mailjet holds under this message's {@code CustomID}: its messages (one per recipient, all sent by one Send
     * API message) as a sent result, a transient failure while the lookup does not answer, empty when it holds none.
     */
    private Optional<DeliveryResult> alreadySent(SpooledMessage m) {
        ProviderHttp.Reply reply;
        try {
            reply = http.get("/v3/REST/message?CustomID=" + m.id() + "&Limit=" + RECIPIENTS);
        } catch (Failed f) {
            return Optional.of(new DeliveryResult.TransientFailure("cannot tell whether an earlier attempt reached Mailjet: "
                    + f.failure.message() + "; nothing is sent until its message list answers", Optional.ofNullable(f.failure.retryAfter())));
        }
        JsonNode data = null;
        if (reply.status() == 200) {
            try {
                data = MailjetReplies.JSON.readTree(reply.body()).path("Data");
            } catch (IOException e) {
                data = null;
            }
        }
        if (data == null || !data.isArray()) {
            return Optional.of(new DeliveryResult.TransientFailure("cannot tell whether an earlier attempt reached Mailjet: its message"
                    + " list answered HTTP " + reply.status() + (reply.status() == 401 ? " (check MAILJET_API_KEY and MAILJET_SECRET_KEY)" : "")
                    + "; nothing is sent until it answers", Optional.empty()));
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode e : data) ids.add(e.path("ID").asText());
        return ids.isEmpty() ? Optional.empty() : Optional.of(new DeliveryResult.Sent(String.join(",", ids)));
    }

    /** One message's own answer: success with its MessageIDs, or its first error (a 5xx or 429 in it is worth another try). */
    static DeliveryResult result(JsonNode m) {
        if ("success".equals(m.path("Status").asText())) {
            List<String> ids = new ArrayList<>();
            for (String field : List.of("To", "Cc", "Bcc")) for (JsonNode r : m.path(field)) ids.add(r.path("MessageID").asText());
            return new DeliveryResult.Sent(ids.isEmpty() ? m.path("CustomID").asText("") : String.join(",", ids));
        }
        JsonNode e = m.path("Errors").path(0);
        int status = e.path("StatusCode").asInt(400);
        String why = "Mailjet refused the message: " + e.path("ErrorCode").asText("") + " " + e.path("ErrorMessage").asText("(no message)")
                + (e.path("ErrorRelatedTo").isArray() && !e.path("ErrorRelatedTo").isEmpty() ? " (" + e.path("ErrorRelatedTo") + ")" : "");
        return status >= 500 || status == 429 || status == 401
                ? new DeliveryResult.TransientFailure(why, Optional.empty())
                : new DeliveryResult.PermanentFailure(why);
    }

    /**
     * The v3.1 message: From is the envelope sender (the address the gateway let the user send as), recipients are the
     * envelope's, put in To or Cc as the headers name them and in Bcc otherwise.
     */
    private static ObjectNode message(SpooledMessage spooled) {
        MailParts parts = MailParts.read(spooled.content());
        String from = spooled.envelope().reversePath().isEmpty() ? parts.from().orElseThrow(() ->
                new IllegalArgumentException("a message with the null sender and no From header cannot go through Mailjet"))
                : spooled.envelope().reversePath();
        ObjectNode m = MailjetReplies.JSON.createObjectNode();
        ObjectNode sender = m.putObject("From").put("Email", from);
        parts.fromName().ifPresent(n -> sender.put("Name", n));
        Set<String> to = lower(parts.to());
        Set<String> cc = lower(parts.cc());
        ArrayNode toList = m.putArray("To");
        ArrayNode ccList = m.putArray("Cc");
        ArrayNode bccList = m.putArray("Bcc");
        for (String r : spooled.envelope().recipients()) {
            String key = r.toLowerCase(java.util.Locale.ROOT);
            (to.contains(key) ? toList : cc.contains(key) ? ccList : bccList).addObject().put("Email", r);
        }
        if (toList.isEmpty() && ccList.isEmpty()) { // Mailjet wants a visible recipient; the first blind one becomes it
            toList.add(bccList.remove(0));
        }
        if (ccList.isEmpty()) m.remove("Cc");
        if (bccList.isEmpty()) m.remove("Bcc");
        parts.replyTo().ifPresent(r -> m.putObject("ReplyTo").put("Email", r));
        m.put("Subject", parts.subject());
        m.put("TextPart", parts.text().orElse(parts.html().isPresent() ? null : ""));
        if (parts.text().isEmpty() && parts.html().isPresent()) m.remove("TextPart");
        parts.html().ifPresent(h -> m.put("HTMLPart", h));
        if (!parts.attachments().isEmpty()) {
            ArrayNode files = m.putArray("Attachments");
            for (MailParts.Attachment a : parts.attachments()) {
                files.addObject().put("ContentType", a.contentType()).put("Filename", a.filename())
                        .put("Base64Content", Base64.getEncoder().encodeToString(a.content()));
            }
        }
        m.put("CustomID", spooled.id().toString());
        return m;
    }

    private static Set<String> lower(List<String> addresses) {
        Set<String> s = new LinkedHashSet<>();
        addresses.forEach(a -> s.add(a.toLowerCase(java.util.Locale.ROOT)));
        return s;
    }

    @Override
    public String toString() {
        return "MailjetEmailDelivery[" + http.root() + "]";
    }

}
