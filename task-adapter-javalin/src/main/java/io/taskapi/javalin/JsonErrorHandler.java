package io.taskapi.javalin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises before a request reaches the API (headers too large, server busy, malformed
 * requests) in the API's own error shape, a problem details object led by {@code message}, never with an HTML page or
 * an exception's text.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        // The standard reason phrase only: Jetty's message and cause may describe server internals.
        String reason = HttpStatus.getMessage(code).replace("\\", "").replace("\"", "");
        String body = "{\"message\":\"" + reason + "\",\"type\":\"about:blank\",\"title\":\"" + reason
                + "\",\"status\":" + code + ",\"detail\":\"" + reason + "\"}";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
