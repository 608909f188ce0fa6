package io.taskapi.javalin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.taskapi.domain.OwnerId;
import io.taskapi.http.HttpRequest;
import io.taskapi.http.HttpResponse;
import io.taskapi.http.TaskApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The local HTTP server: a thin Javalin shell that hands every API request to the shared {@link TaskApi}, so the server
 * answers exactly as the Lambda function does.
 */
public final class TaskServer implements AutoCloseable {
    private static final List<HandlerType> METHODS = List.of(
            HandlerType.GET, HandlerType.HEAD, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE, HandlerType.OPTIONS);
    private static final String HANDLED = TaskServer.class.getName() + ".handled";
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final TaskApi api;
    private final Javalin app;

    public TaskServer(TaskApi api, String host, int port) {
        this.api = api;
        this.app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.generateEtags = false;
            for (HandlerType method : METHODS) {
                config.routes.addHttpHandler(method, "/tasks", this::serve);
                config.routes.addHttpHandler(method, "/tasks/*", this::serve);
            }
            // Paths and methods Javalin does not route still get the API's own JSON answer, not Javalin's page.
            config.routes.error(404, ctx -> {
                if (ctx.attribute(HANDLED) == null) {
                    serve(ctx);
                }
            });
            config.routes.error(405, ctx -> {
                if (ctx.attribute(HANDLED) == null) {
                    serve(ctx);
                }
            });
        });
    }

    /** Starts listening; returns once the port is bound. */
    public TaskServer start() {
        app.start();
        return this;
    }

    /** The bound port (useful when started on port 0). */
    public int port() {
        return app.port();
    }

    /** Stops accepting connections, lets in-flight requests finish, and releases the port. */
    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }

    private void serve(Context ctx) {
        ctx.attribute(HANDLED, Boolean.TRUE);
        HttpResponse response = api.handle(toRequest(ctx));
        ctx.status(response.status());
        response.headers().forEach(ctx::header);
        ctx.result(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest toRequest(Context ctx) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, Collections.list(ctx.req().getHeaders(name)));
        }
        String requestId = ctx.header("X-Request-Id");
        if (requestId == null || !CLIENT_REQUEST_ID.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
        }
        return new HttpRequest(
                ctx.req().getMethod(),
                ctx.path(),
                new HashMap<>(ctx.queryParamMap()),
                headers,
                readBody(ctx),
                requestId,
                OwnerId.SHARED);
    }

    /**
     * Reads at most one byte more than the API accepts, so an oversized body is refused with the API's 413 without
     * being buffered whole.
     */
    private static byte[] readBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > TaskApi.MAX_BODY_BYTES) {
            return new byte[TaskApi.MAX_BODY_BYTES + 1];
        }
        try (InputStream in = ctx.req().getInputStream()) {
            return in.readNBytes(TaskApi.MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
