package net.azt3knet.adapters.cakemail;

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
 * Reads Cakemail's answers: JSON objects on 200/201, FastAPI-style {@code {"detail": [{"loc","msg","type"}]}} (or a
 * plain string {@code detail}) on failure.
 */
final class CakemailReplies {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A 401 on an API call: the access token is no longer accepted, and a fresh one may be. */
    static final class TokenRejected extends RuntimeException {
        TokenRejected() {
            super("token rejected", null, false, false);
        }
    }

    private CakemailReplies() {
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

    /** The body of a 200/201; null for a 404. */
    static JsonNode bodyOrAbsent(Reply reply, String doing) {
        int status = reply.status();
        if (status == 404) return null;
        if (status == 401) throw new TokenRejected();
        if (status != 200 && status != 201) throw failure(reply, doing);
        try {
            JsonNode body = JSON.readTree(reply.body());
            if (!body.isObject()) throw new IOException("not an object");
            return body;
        } catch (IOException e) {
            throw new MailboxProvisioningException(Reason.BAD_RESPONSE, "Cakemail's answer to " + doing + " is not the documented JSON");
        }
    }

    static JsonNode body(Reply reply, String doing) {
        JsonNode body = bodyOrAbsent(reply, doing);
        if (body == null) throw new MailboxProvisioningException(Reason.REJECTED, "Cakemail has no such object while trying to " + doing);
        return body;
    }

    static MailboxProvisioningException failure(Reply reply, String doing) {
        String detail = detail(reply);
        if (reply.status() == 403) {
            return new MailboxProvisioningException(Reason.FORBIDDEN, "Cakemail does not let this user " + doing + " (" + detail
                    + "); the user needs the account's sender and domain permissions");
        }
        if (reply.status() == 409 || detail.toLowerCase(java.util.Locale.ROOT).contains("already exist")) {
            return new MailboxProvisioningException(Reason.ALREADY_EXISTS, "Cakemail already holds it (" + detail + ")");
        }
        return new MailboxProvisioningException(Reason.REJECTED, "Cakemail refused to " + doing + ": HTTP " + reply.status() + " " + detail);
    }

    /** The error's messages joined: {@code detail} is a list of {@code {loc, msg}} or a plain string. */
    static String detail(Reply reply) {
        try {
            JsonNode detail = JSON.readTree(reply.body()).path("detail");
            if (detail.isTextual()) return detail.asText();
            List<String> parts = new ArrayList<>();
            for (JsonNode d : detail) {
                List<String> loc = new ArrayList<>();
                d.path("loc").forEach(l -> loc.add(l.asText()));
                parts.add((loc.isEmpty() ? "" : String.join(".", loc) + ": ") + d.path("msg").asText());
            }
            return parts.isEmpty() ? "(no detail)" : String.join("; ", parts);
        } catch (IOException | RuntimeException e) {
            return "(no detail)";
        }
    }
}
