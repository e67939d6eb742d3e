package net.azt3knet.adapters.mailjet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import net.azt3knet.adapters.http.ProviderFailure;
import net.azt3knet.adapters.http.ProviderHttp.Reply;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException.Reason;

/**
 * Reads Mailjet's v3 REST answers: {@code {"Count","Data":[…],"Total"}} on success (Data is always an array), 204
 * and 304 without a body, and {@code {"ErrorMessage","StatusCode"}} on failure, where {@code MJ18} means the object
 * already exists.
 */
final class MailjetReplies {

    static final ObjectMapper JSON = new ObjectMapper();

    private MailjetReplies() {
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

    /** The {@code Data} array of a success; an empty array for 204/304. */
    static JsonNode data(Reply reply, String doing) {
        JsonNode data = dataOrAbsent(reply, doing);
        if (data == null) throw failure(reply, doing);
        return data;
    }

    /** Like {@link #data}, but null for a 404 (Mailjet's "Object not found"). */
    static JsonNode dataOrAbsent(Reply reply, String doing) {
        int status = reply.status();
        if (status == 404) return null;
        if (status == 204 || status == 304) return JSON.createArrayNode();
        if (status != 200 && status != 201) throw failure(reply, doing);
        try {
            JsonNode data = JSON.readTree(reply.body()).path("Data");
            if (!data.isArray()) throw new IOException("no Data array");
            return data;
        } catch (IOException e) {
            throw new MailboxProvisioningException(Reason.BAD_RESPONSE, "Mailjet's answer to " + doing
                    + " is not the documented {Count, Data, Total} JSON");
        }
    }

    /** The exception a failed answer means. */
    static MailboxProvisioningException failure(Reply reply, String doing) {
        String message = message(reply);
        return switch (reply.status()) {
            case 401 -> new MailboxProvisioningException(Reason.UNAUTHORIZED, "Mailjet refused the API key pair while trying to "
                    + doing + "; check MAILJET_API_KEY and MAILJET_SECRET_KEY (Account settings › API key management)");
            case 403 -> new MailboxProvisioningException(Reason.FORBIDDEN, "Mailjet does not let this API key " + doing
                    + " (" + message + ")");
            case 404 -> new MailboxProvisioningException(Reason.REJECTED, "Mailjet has no such object while trying to " + doing);
            default -> message.contains("MJ18")
                    ? new MailboxProvisioningException(Reason.ALREADY_EXISTS, "Mailjet already holds it (" + message + ")")
                    : new MailboxProvisioningException(Reason.REJECTED, "Mailjet refused to " + doing + ": HTTP "
                    + reply.status() + " " + message);
        };
    }

    private static String message(Reply reply) {
        try {
            JsonNode n = JSON.readTree(reply.body());
            if (n.isArray() && !n.isEmpty()) n = n.get(0);
            String m = n.path("ErrorMessage").asText("");
            return m.isEmpty() ? "(no message)" : m;
        } catch (IOException | RuntimeException e) {
            return "(no message)";
        }
    }
}
