package net.azt3knet.app.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.azt3knet.domain.population.SpecViolation;

/**
 * An RFC 9457 problem: status, a short title per kind, a detail that says what is wrong and how to fix it, and the
 * request field at fault ({@code field}, or {@code errors} with one entry per field). Never a stack trace.
 */
final class ApiProblem extends RuntimeException {

    static final String CONTENT_TYPE = "application/problem+json";

    final int status;
    final String title;
    final String field;
    final List<SpecViolation> violations;
    /** Seconds to wait, for 429 and 503. */
    final Long retryAfter;

    ApiProblem(int status, String title, String detail, String field, List<SpecViolation> violations, Long retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.field = field;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
        this.retryAfter = retryAfter;
    }

    static ApiProblem badRequest(String field, String detail) {
        return new ApiProblem(400, "Invalid request", detail, field, null, null);
    }

    static ApiProblem invalidSpec(List<SpecViolation> violations) {
        String detail = violations.stream().map(SpecViolation::message).reduce((a, b) -> a + "; " + b).orElse("invalid spec");
        return new ApiProblem(400, "Invalid request", detail, violations.isEmpty() ? null : violations.get(0).field(), violations, null);
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not found", detail, null, null, null);
    }

    static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail, null, null, null);
    }

    static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "Unauthorized", detail, null, null, null);
    }

    static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "Forbidden", detail, null, null, null);
    }

    static ApiProblem tooLarge(String detail) {
        return new ApiProblem(413, "Request too large", detail, null, null, null);
    }

    static ApiProblem tooMany(String detail, long retryAfterSeconds) {
        return new ApiProblem(429, "Too many requests", detail, null, null, retryAfterSeconds);
    }

    static ApiProblem unavailable(String detail) {
        return new ApiProblem(503, "Not available", detail, null, null, null);
    }

    static ApiProblem failed(String detail) {
        return new ApiProblem(502, "An integration failed", detail, null, null, null);
    }

    /** The problem document; {@code instance} is the request path. */
    ObjectNode body(String instance) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("type", "about:blank");
        o.put("title", title);
        o.put("status", status);
        o.put("detail", getMessage());
        if (instance != null) o.put("instance", instance);
        if (field != null) o.put("field", field);
        if (!violations.isEmpty()) {
            ArrayNode errors = o.putArray("errors");
            for (SpecViolation v : violations) {
                errors.addObject().put("field", v.field()).put("detail", v.message());
            }
        }
        return o;
    }
}
