package io.taskapi.javalin;

import io.taskapi.application.Caller;
import io.taskapi.application.HttpResponse;
import io.taskapi.application.TaskApi;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises before a request reaches the API (headers too large, server busy, malformed
 * requests) as the core answers a refused request: its problem details, the request id and CORS headers, and a log
 * line; never an HTML page, an empty body or an exception's text.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final TaskApi api;

    JsonErrorHandler(TaskApi api) {
        this.api = api;
    }

    /** Every method gets a body (Jetty's default leaves all but GET and POST without), except HEAD, which must not. */
    @Override
    public boolean errorPageForMethod(String method) {
        return !HttpMethod.HEAD.is(method);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        HttpResponse problem = api.refused(ApiBridge.described(request.getMethod(),
                request.getHttpURI().getPath(), headers(request.getHeaders())).caller(Caller.anonymous()).build(),
                code);
        problem.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        if (HttpMethod.HEAD.is(request.getMethod())) {
            response.write(true, null, callback);
            return;
        }
        response.write(true, ByteBuffer.wrap(problem.body().getBytes(StandardCharsets.UTF_8)), callback);
    }

    /**
     * Requests Jetty cannot parse at all (a bad request line, illegal header bytes) are answered here, with nothing of
     * the request known: the method is logged as unknown and the path as the root.
     */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        HttpResponse problem = api.refused(ApiBridge.described("UNKNOWN", "/", Map.of())
                .caller(Caller.anonymous()).build(), status);
        problem.headers().forEach(fields::put);
        return ByteBuffer.wrap(problem.body().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, List<String>> headers(HttpFields fields) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : fields) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }
}
