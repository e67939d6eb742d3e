package net.azt3knet.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's answers that never reach Javalin (a request line or headers too large, a malformed request, an error
 * outside the routes) as problem documents instead of Jetty's HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, ApiProblem.CONTENT_TYPE);
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        return ByteBuffer.wrap(body(status, null));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType(ApiProblem.CONTENT_TYPE);
        response.getOutputStream().write(body(code, request.getRequestURI()));
    }

    /** A detail per status a client can cause before any route runs; Jetty's own reason text is not shown. */
    static byte[] body(int status, String instance) {
        ApiProblem p = switch (status) {
            case 414 -> new ApiProblem(414, "URI too long", "the request line is longer than the server accepts (16 KiB with the"
                    + " headers): send long values in a JSON body instead of the query string", null, null, null);
            case 431 -> new ApiProblem(431, "Request headers too large", "the request headers are larger than the server accepts"
                    + " (16 KiB in all): send fewer or shorter headers", null, null, null);
            case 400 -> ApiProblem.badRequest(null, "the request is not valid HTTP");
            default -> new ApiProblem(status, status >= 500 ? "Internal error" : "Request refused", "the server refused the request"
                    + " with status " + status, null, null, null);
        };
        try {
            return Json.MAPPER.writeValueAsString(p.body(instance)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
