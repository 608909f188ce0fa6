package io.taskapi.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lambda's Runtime API on loopback for the training run: hands one event at a time to the runtime's {@code next}
 * poll and returns what the runtime posts back. Closing it fails the next poll, which ends the runtime, as Lambda's
 * shutdown of an environment does.
 */
final class TrainingRuntimeApi implements AutoCloseable {
    private static final String RUNTIME = "/2018-06-01/runtime";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "training-runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private volatile Invocation current;
    private volatile boolean closed;

    private record Invocation(String requestId, byte[] event, CompletableFuture<String> result) {
    }

    TrainingRuntimeApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the training Runtime API on loopback", e);
        }
        server.setExecutor(threads);
        server.createContext(RUNTIME + "/", this::handle);
        server.start();
    }

    /** {@code AWS_LAMBDA_RUNTIME_API}: host and port. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Hands {@code event} to the runtime and waits for its result, or fails if the runtime reports an error. */
    String invoke(String event, Duration timeout) throws InterruptedException, TimeoutException {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event.getBytes(StandardCharsets.UTF_8),
                new CompletableFuture<>());
        queued.add(invocation);
        try {
            return invocation.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Fails every waiting invocation, for example because the runtime process ended. */
    void fail(String reason) {
        IllegalStateException failure = new IllegalStateException(reason);
        queued.forEach(invocation -> invocation.result().completeExceptionally(failure));
        Invocation inFlight = current;
        if (inFlight != null) {
            inFlight.result().completeExceptionally(failure);
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(RUNTIME.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/invocation/next")) {
                Invocation next = null;
                while (next == null && !closed) {
                    next = queued.poll(200, TimeUnit.MILLISECONDS);
                }
                if (next == null) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                current = next;
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.requestId());
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                        Long.toString(System.currentTimeMillis() + 30_000));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:000000000000:function:task-api-training");
                exchange.sendResponseHeaders(200, next.event().length);
                exchange.getResponseBody().write(next.event());
                return;
            }
            Invocation inFlight = current;
            String text = new String(body, StandardCharsets.UTF_8);
            if (inFlight != null && path.equals("/invocation/" + inFlight.requestId() + "/response")) {
                inFlight.result().complete(text);
            } else if (inFlight != null && path.equals("/invocation/" + inFlight.requestId() + "/error")) {
                inFlight.result().completeExceptionally(new IllegalStateException("the runtime reported " + text));
            } else {
                fail("the runtime posted " + path + ": " + text);
            }
            exchange.sendResponseHeaders(202, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
