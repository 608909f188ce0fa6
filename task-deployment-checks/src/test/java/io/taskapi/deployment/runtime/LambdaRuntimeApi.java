package io.taskapi.deployment.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Lambda Runtime API (version 2018-06-01) on 127.0.0.1, playing the Lambda service for one execution environment:
 * it hands queued events to the runtime's long-polling {@code next} request and collects each response or error.
 * SnapStart's {@code restore/next} is answered at once, as right after a restore.
 *
 * <p>When it closes, or this JVM dies, the client's next poll fails and the client exits by itself.
 */
public final class LambdaRuntimeApi implements AutoCloseable {
    private static final String RUNTIME = "/2018-06-01/runtime";
    private static final Duration POLL_STEP = Duration.ofMillis(200);

    private final HttpServer server;
    private final ExecutorService threads;
    private final String functionArn;
    private final Duration functionTimeout;
    private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> initDone = new CompletableFuture<>();
    private final AtomicInteger restores = new AtomicInteger();
    private volatile String initError;
    private volatile String gone;

    /** The outcome of one invocation: the function's result, or the error the runtime reported instead. */
    public record Outcome(boolean isError, String errorType, String body) {
    }

    private record Invocation(String requestId, byte[] event, CompletableFuture<Outcome> outcome) {
    }

    private LambdaRuntimeApi(String functionArn, Duration functionTimeout) throws IOException {
        this.functionArn = functionArn;
        this.functionTimeout = functionTimeout;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        // A long poll holds its thread; a few more serve the runtime's posts meanwhile.
        this.threads = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "lambda-runtime-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext(RUNTIME + "/", this::handle);
        server.start();
    }

    /** Starts the API for a function with this ARN and timeout (the deadline each invocation carries). */
    public static LambdaRuntimeApi start(String functionArn, Duration functionTimeout) {
        try {
            return new LambdaRuntimeApi(functionArn, functionTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Runtime API on loopback", e);
        }
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API} for the runtime: host and port, no scheme. */
    public String address() {
        InetSocketAddress address = server.getAddress();
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /**
     * Waits until the runtime has finished its init phase, which it signals by asking for its first event.
     *
     * @return {@code false} if it did not within {@code timeout}
     * @throws IllegalStateException if the runtime reported an init error or is gone
     */
    public boolean awaitInit(Duration timeout) throws InterruptedException {
        try {
            initDone.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** The init error the runtime reported, if any. */
    public Optional<String> initError() {
        return Optional.ofNullable(initError);
    }

    /** How many times the runtime asked to be restored, which it does once after SnapStart's checkpoint hooks. */
    public int restores() {
        return restores.get();
    }

    /**
     * Invokes the function with {@code event} and waits at most {@code timeout} for its outcome.
     *
     * @throws TimeoutException      if the runtime did not answer in time
     * @throws IllegalStateException if the runtime is gone or failed its init
     */
    public Outcome invoke(byte[] event, Duration timeout) throws TimeoutException, InterruptedException {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event, new CompletableFuture<>());
        if (gone != null) {
            throw new IllegalStateException(gone);
        }
        queued.add(invocation);
        try {
            return invocation.outcome().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            queued.remove(invocation);
            inFlight.remove(invocation.requestId());
        }
    }

    /** Fails every waiting invocation and all later ones, for example because the runtime process exited. */
    public void runtimeGone(String reason) {
        gone = reason;
        initDone.completeExceptionally(new IllegalStateException(reason));
        IllegalStateException failure = new IllegalStateException(reason);
        queued.forEach(invocation -> invocation.outcome().completeExceptionally(failure));
        inFlight.values().forEach(invocation -> invocation.outcome().completeExceptionally(failure));
    }

    @Override
    public void close() {
        runtimeGone("the Runtime API was closed");
        // Long polls notice within one POLL_STEP; a second more lets them answer before the sockets close.
        server.stop(1);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(RUNTIME.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("/invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.matches("/invocation/[^/]+/response")) {
                complete(exchange, path.split("/")[2], false);
            } else if (method.equals("POST") && path.matches("/invocation/[^/]+/error")) {
                complete(exchange, path.split("/")[2], true);
            } else if (method.equals("POST") && path.equals("/init/error")) {
                initError = errorType(exchange) + ": " + body(exchange);
                initDone.completeExceptionally(new IllegalStateException("init error: " + initError));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("GET") && path.equals("/restore/next")) {
                restores.incrementAndGet();
                reply(exchange, 200, "");
            } else if (method.equals("POST") && path.equals("/restore/error")) {
                initError = errorType(exchange) + ": " + body(exchange);
                initDone.completeExceptionally(new IllegalStateException("restore error: " + initError));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"unknown Runtime API call " + method + " " + path + "\"}");
            }
        }
    }

    /** The long poll: returns the next queued event, waiting for one for as long as the API is open. */
    private void next(HttpExchange exchange) throws IOException {
        initDone.complete(null);
        Invocation invocation = null;
        try {
            while (invocation == null && gone == null) {
                invocation = queued.poll(POLL_STEP.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            reply(exchange, 500, "{\"errorMessage\":\"shutting down\"}");
            return;
        }
        inFlight.put(invocation.requestId(), invocation);
        long deadline = System.currentTimeMillis() + functionTimeout.toMillis();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        exchange.sendResponseHeaders(200, invocation.event().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(invocation.event());
        }
    }

    private void complete(HttpExchange exchange, String requestId, boolean isError) throws IOException {
        Invocation invocation = inFlight.remove(requestId);
        if (invocation == null) {
            reply(exchange, 400, "{\"errorMessage\":\"unknown or already answered request id " + requestId + "\"}");
            return;
        }
        String errorType = isError ? errorType(exchange) : null;
        invocation.outcome().complete(new Outcome(isError, errorType, body(exchange)));
        reply(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static String errorType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return type == null ? "Unknown" : type;
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** An X-Ray trace header as Lambda passes it: a new root per invocation, not sampled. */
    private static String traceId() {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        long seconds = System.currentTimeMillis() / 1000;
        return "Root=1-" + Long.toHexString(seconds) + "-" + HexFormat.of().formatHex(random)
                + ";Parent=" + HexFormat.of().formatHex(random, 0, 8) + ";Sampled=0";
    }
}
