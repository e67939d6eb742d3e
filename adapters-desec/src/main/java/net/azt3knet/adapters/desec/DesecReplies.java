package net.azt3knet.adapters.desec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.azt3knet.adapters.http.ProviderFailure;
import net.azt3knet.adapters.http.ProviderHttp.Reply;
import net.azt3knet.ports.out.dns.DnsRecordsException;
import net.azt3knet.ports.out.dns.DnsRecordsException.Reason;

/**
 * Reads deSEC's answers: Django REST framework errors — {@code {"detail": …}} for authentication, permission, not
 * found and throttling; {@code {"field": ["message"]}} and {@code non_field_errors} for validation; and for a bulk
 * request an array parallel to the request, {@code {}} for the good items.
 */
final class DesecReplies {

    static final ObjectMapper JSON = new ObjectMapper();

    private DesecReplies() {
    }

    /**
     * The port's exception for a failure the HTTP toolkit recognised (transport, 429, 5xx, breaker); spelled out
     * case by case so a reason added to either side does not compile until it is mapped.
     */
    static DnsRecordsException failure(ProviderFailure f) {
        return new DnsRecordsException(switch (f.reason()) {
            case CONNECTION_REFUSED, UNREACHABLE -> Reason.UNREACHABLE;
            case TIMEOUT -> Reason.TIMEOUT;
            case RATE_LIMITED -> Reason.RATE_LIMITED;
            case SERVER_ERROR -> Reason.SERVER_ERROR;
            case CIRCUIT_OPEN -> Reason.CIRCUIT_OPEN;
            case BAD_RESPONSE -> Reason.BAD_RESPONSE;
        }, f.message());
    }

    static JsonNode json(Reply reply, String doing) {
        try {
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new DnsRecordsException(Reason.BAD_RESPONSE, "deSEC's answer to " + doing + " is not JSON (HTTP " + reply.status() + ")");
        }
    }

    /** The exception a failed answer means; {@code items} names the items of a bulk request, in order. */
    static DnsRecordsException failure(Reply reply, String doing, List<String> items) {
        String detail = detail(reply, items);
        return switch (reply.status()) {
            case 401 -> new DnsRecordsException(Reason.UNAUTHORIZED, "deSEC refused the token while trying to " + doing
                    + " (" + detail + "); check DESEC_TOKEN (desec.io › Token management)");
            case 403 -> new DnsRecordsException(Reason.FORBIDDEN, "deSEC does not let this token " + doing + " (" + detail
                    + "); a token needs perm_create_domain to create zones, and its policies must allow the records");
            case 404 -> new DnsRecordsException(Reason.NO_ZONE, "deSEC has no such zone in this account while trying to " + doing);
            case 413 -> new DnsRecordsException(Reason.REJECTED, "deSEC found the request too large while trying to " + doing);
            default -> new DnsRecordsException(Reason.REJECTED, "deSEC refused to " + doing + ": HTTP " + reply.status() + " " + detail);
        };
    }

    /** The messages of an error body, each bulk item's prefixed with the item it is about. */
    static String detail(Reply reply, List<String> items) {
        JsonNode n;
        try {
            n = JSON.readTree(reply.body());
        } catch (IOException | RuntimeException e) {
            return "(no message)";
        }
        if (n == null) return "(no message)";
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                String m = messages(n.get(i));
                if (!m.isEmpty()) out.add((i < items.size() ? items.get(i) : "item " + i) + ": " + m);
            }
        } else {
            String m = messages(n);
            if (!m.isEmpty()) out.add(m);
        }
        return out.isEmpty() ? "(no message)" : String.join("; ", out);
    }

    private static String messages(JsonNode n) {
        if (n.isTextual()) return n.asText();
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(x -> out.add(messages(x)));
        } else if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String m = messages(f.getValue());
                if (m.isEmpty()) continue;
                out.add(f.getKey().equals("detail") || f.getKey().equals("non_field_errors") ? m : f.getKey() + ": " + m);
            }
        }
        out.removeIf(String::isEmpty);
        return String.join(", ", out);
    }
}
