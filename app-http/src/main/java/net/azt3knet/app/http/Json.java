package net.azt3knet.app.http;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The one JSON mapper and the way responses are written. */
final class Json {

    /** A body naming a field twice is refused: which of the two values counts would be a guess. */
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void problem(Context ctx, ApiProblem p) {
        if (p.retryAfter != null) ctx.header("Retry-After", Long.toString(p.retryAfter));
        if (p.status == 401) ctx.header("WWW-Authenticate", "Bearer realm=\"azt3knet\"");
        try {
            ctx.status(p.status).contentType(ApiProblem.CONTENT_TYPE).result(MAPPER.writeValueAsString(p.body(instance(ctx)))
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request path, or its route where the path holds a secret (the webhook's), which an answer never repeats. */
    private static String instance(Context ctx) {
        return ctx.pathParamMap().containsKey("secret") ? ctx.endpointHandlerPath() : ctx.path();
    }
}
