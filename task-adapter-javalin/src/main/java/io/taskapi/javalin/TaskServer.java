package io.taskapi.javalin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.taskapi.application.Caller;
import io.taskapi.application.HttpRequest;
import io.taskapi.application.HttpResponse;
import io.taskapi.application.RequestCounters;
import io.taskapi.application.TaskApi;
import io.taskapi.javalin.auth.SharedOwner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The local HTTP server: a thin Javalin shell that hands every API request to the shared {@link TaskApi}, so the server
 * answers exactly as the Lambda function does, plus what only a standalone server needs: the task board at {@code /},
 * health probes, request limits and a graceful stop.
 */
public final class TaskServer implements AutoCloseable {
    /** Virtual threads exist from Java 21; on 17 to 20 the server uses a bounded pool of platform threads. */
    public static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;

    private static final List<HandlerType> METHODS = List.of(
            HandlerType.GET, HandlerType.HEAD, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE, HandlerType.OPTIONS);
    private static final String HANDLED = TaskServer.class.getName() + ".handled";
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final String JSON = "application/json";
    private static final int MIN_PLATFORM_THREADS = 8;
    /** Javalin's default {@code minSizeForCompression}: smaller bodies are never compressed. */
    private static final int SMALLEST_COMPRESSED = 1500;
    private static final int IDLE_THREAD_MILLIS = 60_000;

    /**
     * The board is served from this jar only: the policy forbids every other source of code, styles, fonts and
     * frames, while API calls may go to any http(s) origin because the board can be pointed at a deployed API.
     */
    private static final Map<String, String> STATIC_HEADERS = Map.of(
            "Cache-Control", "no-cache",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                    + " connect-src 'self' http: https:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");

    private final TaskApi api;
    private final RequestCounters counters;
    private final StoreConnection store;
    private final ServerLimits limits;
    private final Authenticator authenticator;
    private final Javalin app;
    private final AtomicBoolean stopped = new AtomicBoolean();

    /** A server without authentication: every caller is the one local owner. */
    public TaskServer(
            TaskApi api, RequestCounters counters, StoreConnection store, ServerLimits limits, String host, int port) {
        this(api, counters, store, limits, host, port, new SharedOwner());
    }

    public TaskServer(TaskApi api, RequestCounters counters, StoreConnection store, ServerLimits limits, String host,
            int port, Authenticator authenticator) {
        this.api = Objects.requireNonNull(api, "api");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.generateEtags = false;
            config.concurrency.useVirtualThreads = VIRTUAL_THREADS;
            if (!VIRTUAL_THREADS) {
                QueuedThreadPool threads = new QueuedThreadPool(
                        limits.maxPlatformThreads(), MIN_PLATFORM_THREADS, IDLE_THREAD_MILLIS);
                threads.setName("task-server");
                config.jetty.threadPool = threads;
            }
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(limits.maxRequestHeaderBytes());
                http.setResponseHeaderSize(limits.maxRequestHeaderBytes());
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                connector.setIdleTimeout(limits.idleTimeout().toMillis());
                try {
                    // Binding here, before Jetty starts, lets a taken port fail as one exception the caller explains,
                    // rather than also as a log line of Javalin's; Jetty keeps using the open socket.
                    connector.open();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return connector;
            });
            config.jetty.modifyServer(server -> {
                // Stopping first closes the listener, then waits this long for requests already being handled.
                server.setStopTimeout(limits.stopTimeout().toMillis());
                // Bounds concurrency the same way whichever threads run the requests; virtual threads are unbounded.
                QoSHandler admission = new QoSHandler();
                admission.setMaxRequestCount(limits.maxConcurrentRequests());
                admission.setMaxSuspendedRequestCount(limits.maxQueuedRequests());
                admission.setMaxSuspend(limits.maxQueueWait());
                server.insertHandler(admission);
                // Tracks the requests being handled, so that stopping waits for them (up to the stop timeout) instead
                // of closing their connections under them: without it Jetty's stop is not graceful for requests.
                server.insertHandler(new GracefulHandler());
                server.setErrorHandler(new JsonErrorHandler());
            });
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
                files.headers = STATIC_HEADERS;
                // The files are UTF-8; saying so spares browsers from guessing.
                files.mimeTypes.add("text/html; charset=utf-8", "html");
                files.mimeTypes.add("text/css; charset=utf-8", "css");
                files.mimeTypes.add("text/javascript; charset=utf-8", "js");
            });
            config.routes.addHttpHandler(HandlerType.GET, "/health", this::liveness);
            config.routes.addHttpHandler(HandlerType.HEAD, "/health", this::liveness);
            config.routes.addHttpHandler(HandlerType.GET, "/health/ready", this::readiness);
            config.routes.addHttpHandler(HandlerType.HEAD, "/health/ready", this::readiness);
            config.routes.addHttpHandler(HandlerType.GET, "/metrics", this::metrics);
            config.routes.addHttpHandler(HandlerType.GET, "/openapi.json", ApiDocs::document);
            config.routes.addHttpHandler(HandlerType.GET, "/docs", ApiDocs::page);
            config.routes.addHttpHandler(HandlerType.GET, "/docs/swagger-initializer.js", ApiDocs::initializer);
            config.routes.addHttpHandler(HandlerType.GET, "/docs/swagger-ui/*", ApiDocs::swaggerUi);
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

    /** How requests are run, in words for the startup message. */
    public String threading() {
        return (VIRTUAL_THREADS ? "virtual threads" : "platform threads (pool of " + limits.maxPlatformThreads() + ")")
                + ", at most " + limits.maxConcurrentRequests() + " requests at once";
    }

    /**
     * Stops accepting connections, lets in-flight requests finish (for at most the stop timeout), releases the port,
     * then closes the store. Idempotent.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            app.stop();
        } finally {
            store.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The request counters in the Prometheus text format, for a scraper; the same figures Lambda sends CloudWatch. */
    private void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
        ctx.result(counters.prometheusText());
    }

    private void liveness(Context ctx) {
        health(ctx, 200, Map.of("status", "ok"));
    }

    private void readiness(Context ctx) {
        if (store.isReachable()) {
            health(ctx, 200, Map.of("status", "ready"));
        } else {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("status", "unavailable");
            body.put("message", "The task store is not reachable");
            health(ctx, 503, body);
        }
    }

    private static void health(Context ctx, int status, Map<String, String> fields) {
        ctx.attribute(HANDLED, Boolean.TRUE);
        StringBuilder json = new StringBuilder("{");
        // Keys and values are constants of this class: no escaping needed.
        fields.forEach((key, value) -> json.append(json.length() > 1 ? "," : "")
                .append('"').append(key).append("\":\"").append(value).append('"'));
        json.append('}');
        ctx.status(status);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(JSON);
        ctx.result(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void serve(Context ctx) {
        ctx.attribute(HANDLED, Boolean.TRUE);
        HttpResponse response = api.handle(toRequest(ctx));
        ctx.status(response.status());
        response.headers().forEach(ctx::header);
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        if (body.length >= SMALLEST_COMPRESSED || ctx.resultInputStream() != null) {
            // Also when Javalin has set a result of its own (its answer to a path it does not route), which this one
            // must replace rather than follow.
            ctx.result(body);
            return;
        }
        // Javalin decides on compression at the first write of every result (a header lookup and a case-insensitive
        // match of the content type against its exclusions), which was a fifth of the server's time under load. A
        // body too small for it to compress is written to the response directly, as it would have been. Without a
        // declared length the response stays in Jetty's buffer until the handler returns, as a result does, and Jetty
        // then sends it with its length: the response completes when it did before, not while the handler still runs.
        if (body.length == 0) {
            return;
        }
        try {
            ctx.res().getOutputStream().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest toRequest(Context ctx) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, Collections.list(ctx.req().getHeaders(name)));
        }
        String requestId = ctx.header("X-Request-Id");
        if (requestId == null || !CLIENT_REQUEST_ID.matcher(requestId).matches()) {
            requestId = newRequestId();
        }
        return new HttpRequest(
                ctx.req().getMethod(),
                ctx.path(),
                new HashMap<>(ctx.queryParamMap()),
                headers,
                readBody(ctx),
                requestId,
                caller(ctx));
    }

    /**
     * A random (version 4) UUID for a request that brings no id of its own. Drawn from {@link ThreadLocalRandom}, not
     * {@link UUID#randomUUID()}: a request id must be unique, not unguessable, and the one SecureRandom behind
     * {@code randomUUID} is a lock that every request thread queued on under load.
     */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    /**
     * Who sent the request, from its {@code Authorization} headers alone. Preflights are answered without credentials,
     * so they are not authenticated at all.
     */
    private Caller caller(Context ctx) {
        if (ctx.req().getMethod().equals("OPTIONS")) {
            return Caller.anonymous();
        }
        return authenticator.authenticate(Collections.list(ctx.req().getHeaders("Authorization")));
    }

    private static final byte[] NO_BODY = new byte[0];

    /** Oversized bodies up to this size are read and dropped before the 413, larger ones are refused unread. */
    private static final long DRAINED_BODY_BYTES = 1024 * 1024;

    /**
     * Reads at most one byte more than the API accepts, so an oversized body is refused with the API's 413 without
     * being buffered whole.
     */
    private static byte[] readBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared == 0 || declared < 0 && ctx.req().getHeader("Transfer-Encoding") == null) {
            // HTTP/1.1 (the only protocol the server speaks) has a body only with one of these two headers; a GET
            // skips the input stream and its buffer altogether.
            return NO_BODY;
        }
        if (declared > DRAINED_BODY_BYTES) {
            // Far too large to be worth reading: refused unread, and the connection is closed after the answer.
            return new byte[TaskApi.MAX_BODY_BYTES + 1];
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(TaskApi.MAX_BODY_BYTES + 1);
            if (body.length > TaskApi.MAX_BODY_BYTES) {
                // Read the rest of a moderately oversized body and drop it, so the client, still sending, gets to
                // read the 413 instead of a reset connection.
                in.skipNBytes(Math.max(0, declared - body.length));
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
