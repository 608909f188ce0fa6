package io.taskapi.javalin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.taskapi.application.Caller;
import io.taskapi.application.HttpRequest;
import io.taskapi.application.HttpResponse;
import io.taskapi.application.TaskApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The local server's translation between Javalin and the core: every path or method Javalin does not route becomes
 * the core's {@link HttpRequest}, so that it gets the API's own answer, and the core's {@link HttpResponse} is written
 * back unchanged, for those and for the server's own routes. Requests for the API's resources never reach Javalin:
 * {@link ApiHandler} serves them.
 */
final class ApiBridge {
    private static final String HANDLED = ApiBridge.class.getName() + ".handled";
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final byte[] NO_BODY = new byte[0];
    /** Oversized bodies up to this size are read and dropped before the 413, larger ones are refused unread. */
    private static final long DRAINED_BODY_BYTES = 1024 * 1024;

    private final TaskApi api;
    private final Authenticator authenticator;

    ApiBridge(TaskApi api, Authenticator authenticator) {
        this.api = api;
        this.authenticator = authenticator;
    }

    void addTo(JavalinConfig config) {
        // Paths and methods Javalin does not route still get the API's own JSON answer, not Javalin's page.
        for (int status : new int[] {404, 405}) {
            config.routes.error(status, ctx -> {
                if (ctx.attribute(HANDLED) == null) {
                    serve(ctx);
                }
            });
        }
    }

    private void serve(Context ctx) {
        write(ctx, api.handle(toRequest(ctx)));
    }

    /** Writes a response of the core, as it is; marks the request answered, so no error page follows it. */
    static void write(Context ctx, HttpResponse response) {
        answered(ctx);
        ctx.status(response.status());
        if (!response.headers().containsKey("Content-Type")) {
            // Javalin starts every answer with a default type; one without a body (204, 304) must not claim one.
            ctx.res().setContentType(null);
        }
        response.headers().forEach(ctx::header);
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        if (body.length >= ApiHandler.SMALLEST_COMPRESSED || ctx.resultInputStream() != null) {
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

    /**
     * Marks a request answered by a route of the server's own, so that the API does not answer it again when its status
     * is one the API answers unrouted requests with (404, 405).
     */
    static void answered(Context ctx) {
        ctx.attribute(HANDLED, Boolean.TRUE);
    }

    private HttpRequest toRequest(Context ctx) {
        HttpRequest.Builder request = describe(ctx).queryString(ctx.queryString()).caller(caller(ctx));
        try {
            readBody(ctx.req().getContentLengthLong(), ctx.req().getHeader("Transfer-Encoding") != null,
                    () -> ctx.req().getInputStream(), request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return request.build();
    }

    /** A request as the core sees it, without its body or query and from an anonymous caller: for operations routes. */
    static HttpRequest operationsRequest(Context ctx) {
        return describe(ctx).caller(Caller.anonymous()).build();
    }

    private static HttpRequest.Builder describe(Context ctx) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, Collections.list(ctx.req().getHeaders(name)));
        }
        return described(ctx.req().getMethod(), ctx.path(), headers);
    }

    /**
     * A request of {@code method} on {@code path} with {@code headers}: the client's {@code X-Request-Id} when it is a
     * plain token, else a new one.
     */
    static HttpRequest.Builder described(String method, String path, Map<String, List<String>> headers) {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        List<String> ids = byName.get("X-Request-Id");
        String requestId = ids == null || ids.size() != 1 || !CLIENT_REQUEST_ID.matcher(ids.get(0)).matches()
                ? newRequestId() : ids.get(0);
        return HttpRequest.builder(method, path).headers(headers).requestId(requestId);
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

    /** Opens a request's body for reading. */
    interface BodySource {
        /** The body's bytes as they arrive. */
        InputStream open() throws IOException;
    }

    /**
     * Gives {@code request} the body of an HTTP request whose {@code Content-Length} is {@code declared} (negative
     * when absent), reading at most one byte more than the API accepts, so an oversized body is refused with the
     * API's 413 without being buffered whole.
     */
    static void readBody(long declared, boolean chunked, BodySource body, HttpRequest.Builder request)
            throws IOException {
        if (declared == 0 || declared < 0 && !chunked) {
            // HTTP/1.1 (the only protocol the server speaks) has a body only with one of these two headers; a GET
            // skips the input stream and its buffer altogether.
            request.body(NO_BODY);
            return;
        }
        if (declared > DRAINED_BODY_BYTES) {
            // Far too large to be worth reading: refused unread, and the connection is closed after the answer.
            request.bodyTooLarge();
            return;
        }
        try (InputStream in = body.open()) {
            byte[] bytes = in.readNBytes(HttpRequest.MAX_BODY_BYTES + 1);
            if (bytes.length > HttpRequest.MAX_BODY_BYTES) {
                // Read the rest of a moderately oversized body and drop it, so the client, still sending, gets to
                // read the 413 instead of a reset connection.
                in.skipNBytes(Math.max(0, declared - bytes.length));
                request.bodyTooLarge();
            } else {
                request.body(bytes);
            }
        }
    }
}
