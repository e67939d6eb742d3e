package net.azt3knet.adapters.mailcow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.azt3knet.adapters.http.ProviderFailure;
import net.azt3knet.adapters.http.ProviderHttp.Reply;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException.Reason;

/**
 * Reads Mailcow's answers. Writes answer HTTP 200 whether they worked or not, with a list of log entries whose
 * {@code type} says which ({@code danger}/{@code error} = failed) and whose {@code msg} is a key or {@code [key, args…]}.
 */
final class MailcowReplies {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One log entry: its type and message key (with its arguments joined, for messages). */
    record Entry(String type, String key, String text) {
        boolean failed() {
            return type.equals("danger") || type.equals("error");
        }
    }

    private MailcowReplies() {
    }

    /**
     * The port's exception for a failure the HTTP toolkit recognised (transport, 429, 5xx, breaker); spelled out
     * case by case so a reason added to either side does not compile until it is mapped.
     */
    static MailboxProvisioningException failure(ProviderFailure f) {
        return new MailboxProvisioningException(switch (f.reason()) {
            case CONNECTION_REFUSED, UNREACHABLE -> Reason.UNREACHABLE;
            case TIMEOUT -> Reason.TIMEOUT;
            case RATE_LIMITED -> Reason.RATE_LIMITED;
            case SERVER_ERROR -> Reason.SERVER_ERROR;
            case CIRCUIT_OPEN -> Reason.CIRCUIT_OPEN;
            case BAD_RESPONSE -> Reason.BAD_RESPONSE;
        }, f.message());
    }

    /** The JSON of a 200, or the failure a 401/403/4xx means. */
    static JsonNode json(Reply reply, String doing) {
        if (reply.status() == 401) {
            throw new MailboxProvisioningException(Reason.UNAUTHORIZED, "Mailcow refused the API key while trying to " + doing
                    + " (" + message(reply) + "); check MAILCOW_API_KEY and that this machine's IP is allowed for the key"
                    + " (repeated bad keys get the IP banned by Mailcow's fail2ban)");
        }
        if (reply.status() == 403) {
            throw new MailboxProvisioningException(Reason.FORBIDDEN, "Mailcow forbids " + doing + " (" + message(reply)
                    + "); MAILCOW_API_KEY must be a read-write key");
        }
        if (reply.status() != 200) {
            throw new MailboxProvisioningException(Reason.REJECTED, "Mailcow answered HTTP " + reply.status() + " to " + doing
                    + " (" + message(reply) + ")");
        }
        try {
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new MailboxProvisioningException(Reason.BAD_RESPONSE, "Mailcow sent something that is not JSON to " + doing);
        }
    }

    /** The log entries of a write (array, or the single-object fallback). */
    static List<Entry> entries(Reply reply, String doing) {
        JsonNode body = json(reply, doing);
        List<Entry> out = new ArrayList<>();
        if (body.isArray()) body.forEach(e -> out.add(entry(e)));
        else if (body.isObject()) out.add(entry(body));
        else throw new MailboxProvisioningException(Reason.BAD_RESPONSE, "Mailcow's answer to " + doing + " is not a log");
        return out;
    }

    /** The first failed entry, if any. */
    static Entry failure(List<Entry> entries) {
        return entries.stream().filter(Entry::failed).findFirst().orElse(null);
    }

    private static Entry entry(JsonNode e) {
        JsonNode msg = e.path("msg");
        String key;
        String text;
        if (msg.isArray() && !msg.isEmpty()) {
            key = msg.get(0).asText();
            List<String> parts = new ArrayList<>();
            msg.forEach(p -> parts.add(p.asText()));
            text = String.join(" ", parts);
        } else {
            key = msg.asText("");
            text = key;
        }
        return new Entry(e.path("type").asText(""), key, text);
    }

    private static String message(Reply reply) {
        try {
            JsonNode n = JSON.readTree(reply.body());
            String msg = n.path("msg").asText("");
            return msg.isEmpty() ? "HTTP " + reply.status() : msg;
        } catch (IOException e) {
            return "HTTP " + reply.status();
        }
    }
}
