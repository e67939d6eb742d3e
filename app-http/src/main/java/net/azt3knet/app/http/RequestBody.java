package net.azt3knet.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A request's JSON object, read within the size limit, with unknown fields refused and each field read as its type;
 * every mistake is a 400 (413 when too large) that names the field.
 */
final class RequestBody {

    /** Jackson's words for a field named twice (STRICT_DUPLICATE_DETECTION). */
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate field '([^']*)'");

    private final ObjectNode object;

    private RequestBody(ObjectNode object) {
        this.object = object;
    }

    /** The body as an object whose fields are all among {@code allowed}; an empty body is an empty object. */
    static RequestBody read(Context ctx, long maxBytes, Collection<String> allowed) {
        byte[] bytes = bytes(ctx, maxBytes);
        JsonNode root;
        if (bytes.length == 0) {
            root = Json.object();
        } else {
            String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
            if (!type.isEmpty() && !type.startsWith("application/json")) {
                throw new ApiProblem(415, "Unsupported media type", "the body must be JSON: send Content-Type: application/json",
                        null, null, null);
            }
            try {
                root = Json.MAPPER.readTree(bytes);
            } catch (JsonProcessingException e) {
                var at = e.getLocation();
                java.util.regex.Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
                if (duplicate.lookingAt()) {
                    throw ApiProblem.badRequest(duplicate.group(1), "the body names " + duplicate.group(1) + " more than once"
                            + (at == null ? "" : " (again at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                            + "; give each field once");
                }
                throw ApiProblem.badRequest(null, "the body is not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                        + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage().lines().findFirst().orElse("")
                        .replaceAll("\\s*\\(start marker.*|\\s*at \\[Source.*", ""));
            } catch (IOException e) {
                throw ApiProblem.badRequest(null, "the body could not be read: " + e.getMessage());
            }
        }
        if (!(root instanceof ObjectNode o)) {
            throw ApiProblem.badRequest(null, "the body must be a JSON object, e.g. {\"count\": 10, \"seed\": \"42\"}");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) unknown.add(name);
        }
        if (!unknown.isEmpty()) {
            throw ApiProblem.badRequest(unknown.get(0), "unknown field(s) " + unknown + "; allowed: " + String.join(", ", allowed));
        }
        return new RequestBody(o);
    }

    /** At most {@code maxBytes}: a larger body is refused before it is read whole. */
    static byte[] bytes(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) throw tooLarge(maxBytes);
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) throw tooLarge(maxBytes);
            return bytes;
        } catch (IOException e) {
            throw ApiProblem.badRequest(null, "the body could not be read: " + e.getMessage());
        }
    }

    private static ApiProblem tooLarge(long maxBytes) {
        return ApiProblem.tooLarge("the body is larger than " + maxBytes / 1024 + " KiB (AZT3KNET_HTTP_MAX_BODY)");
    }

    ObjectNode object() {
        return object;
    }

    boolean has(String field) {
        JsonNode v = object.get(field);
        return v != null && !v.isNull();
    }

    String text(String field) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ApiProblem.badRequest(field, field + " must be a string, was " + type(v));
        return v.asText();
    }

    String text(String field, String fallback) {
        String v = text(field);
        return v == null ? fallback : v;
    }

    boolean bool(String field) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) return false;
        if (!v.isBoolean()) throw ApiProblem.badRequest(field, field + " must be true or false, was " + type(v));
        return v.asBoolean();
    }

    /** A whole number within bounds, or {@code fallback} when absent. */
    long number(String field, long min, long max, long fallback) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiProblem.badRequest(field, field + " must be a whole number from " + min + " to " + max + ", was " + type(v));
        }
        long n = v.asLong();
        if (n < min || n > max) throw ApiProblem.badRequest(field, field + " must be from " + min + " to " + max + ", was " + n);
        return n;
    }

    /** A list of strings, written as a JSON array or as one comma-separated string. */
    List<String> list(String field) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) return List.of();
        List<String> out = new ArrayList<>();
        if (v.isTextual()) {
            for (String s : v.asText().split(",")) if (!s.isBlank()) out.add(s.strip());
            return out;
        }
        if (!v.isArray()) throw ApiProblem.badRequest(field, field + " must be an array of strings, was " + type(v));
        for (JsonNode item : v) {
            if (!item.isTextual()) throw ApiProblem.badRequest(field, field + " must hold strings only, found " + type(item));
            out.add(item.asText());
        }
        return out;
    }

    private static String type(JsonNode v) {
        return "a JSON " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    static Set<String> fields(Collection<String> a, String... more) {
        Set<String> all = new java.util.LinkedHashSet<>(a);
        all.addAll(List.of(more));
        return all;
    }

    /** A bounded whole-number query parameter, {@code fallback} when absent; anything else is a 400 naming it. */
    static long query(Context ctx, String name, long min, long max, long fallback) {
        String v = ctx.queryParam(name);
        if (v == null) return fallback;
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiProblem.badRequest(name, name + " must be a whole number from " + min + " to " + max);
    }
}
