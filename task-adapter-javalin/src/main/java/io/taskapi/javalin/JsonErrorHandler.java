package io.taskapi.javalin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises before a request reaches the API (headers too large, server busy, malformed
 * requests) in the API's own error shape, a problem details object led by {@code message}, never with an HTML page, an
 * empty body or an exception's text.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final String PROBLEM_JSON = "application/problem+json";

    /** Every method gets a body (Jetty's default leaves all but GET and POST with none), except HEAD, which must not. */
    @Override
    public boolean errorPageForMethod(String method) {
        return !HttpMethod.HEAD.is(method);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        if (HttpMethod.HEAD.is(request.getMethod())) {
            response.write(true, null, callback);
            return;
        }
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    /** Requests Jetty cannot parse at all (bad request line, illegal header bytes) are answered here. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, PROBLEM_JSON));
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int code) {
        // The standard reason phrase only: Jetty's message and cause may describe server internals.
        String reason = HttpStatus.getMessage(code).replace("\\", "").replace("\"", "");
        return ("{\"message\":\"" + reason + "\",\"type\":\"about:blank\",\"title\":\"" + reason
                + "\",\"status\":" + code + ",\"detail\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
