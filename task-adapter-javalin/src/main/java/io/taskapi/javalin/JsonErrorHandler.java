package io.taskapi.javalin;

import io.taskapi.application.HttpResponse;
import io.taskapi.application.Problems;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises before a request reaches the API (headers too large, server busy, malformed
 * requests) with the core's problem details for the status, never with an HTML page, an empty body or an exception's
 * text.
 */
final class JsonErrorHandler extends ErrorHandler {
    /** Every method gets a body (Jetty's default leaves all but GET and POST without), except HEAD, which must not. */
    @Override
    public boolean errorPageForMethod(String method) {
        return !HttpMethod.HEAD.is(method);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        HttpResponse problem = Problems.forStatus(code);
        problem.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        if (HttpMethod.HEAD.is(request.getMethod())) {
            response.write(true, null, callback);
            return;
        }
        response.write(true, ByteBuffer.wrap(problem.body().getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** Requests Jetty cannot parse at all (bad request line, illegal header bytes) are answered here. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        HttpResponse problem = Problems.forStatus(status);
        problem.headers().forEach(fields::put);
        return ByteBuffer.wrap(problem.body().getBytes(StandardCharsets.UTF_8));
    }
}
