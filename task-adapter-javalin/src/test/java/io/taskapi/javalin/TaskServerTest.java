package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.PageTokenSealer;
import io.taskapi.domain.TaskService;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.application.CorsPolicy;
import io.taskapi.application.RequestLog;
import io.taskapi.application.TaskApi;
import io.taskapi.memory.InMemoryTaskRepository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the local server adds around the API core: the board's files, health probes, limits and a graceful stop. */
class TaskServerTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final FakeStore store = new FakeStore();
    private TaskServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theBoardIsServedAtTheRootAsUtf8HtmlThatMayLoadNothingFromOtherServers() {
        start(ServerLimits.DEFAULTS);

        HttpResponse<String> board = get("/");

        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(board.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html").containsIgnoringCase("charset=utf-8"));
        assertThat(board.body()).contains("<title>Task board</title>", "<script type=\"module\" src=\"app.js\">");
        String policy = board.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'");
        assertThat(board.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @ParameterizedTest
    @CsvSource({
        "/app.js, text/javascript",
        "/api.js, text/javascript",
        "/app.css, text/css",
        "/favicon.svg, image/svg+xml",
        "/index.html, text/html"})
    void everyAssetOfTheBoardHasItsContentType(String path, String type) {
        start(ServerLimits.DEFAULTS);

        HttpResponse<String> asset = get(path);

        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(type));
    }

    @Test
    void theBoardReferencesNoOtherServer() {
        start(ServerLimits.DEFAULTS);

        for (String path : new String[] {"/", "/app.js", "/api.js", "/app.css"}) {
            assertThat(get(path).body()).as(path).doesNotContainPattern("(src|href)=\"(https?:)?//")
                    .doesNotContain("@import", "url(http", "fonts.googleapis");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/tasks/x/y", "/app.jsx", "/public/index.html", "/health/live"})
    void pathsThatAreNeitherFilesNorRoutesGetTheApisJson404(String path) {
        start(ServerLimits.DEFAULTS);

        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).startsWith("{\"message\":\"Not found\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void theBoardLinksToTheApiDocumentationThatTheServerServes() {
        start(ServerLimits.DEFAULTS);

        String board = get("/").body();

        assertThat(board).contains("href=\"docs\"", "href=\"openapi.json\"");
        assertThat(get("/docs").statusCode()).isEqualTo(200);
        assertThat(get("/openapi.json").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCountEveryAnsweredRequestInPrometheusText() {
        start(ServerLimits.DEFAULTS);
        get("/tasks");
        get("/tasks");
        get("/tasks/not-a-task");

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body())
                .contains("# TYPE taskapi_requests_total counter")
                .contains("taskapi_requests_total{route=\"/tasks\",method=\"GET\",status=\"200\"} 2")
                .contains("taskapi_requests_total{route=\"/tasks/{id}\",method=\"GET\",status=\"404\"} 1")
                .contains("taskapi_request_duration_seconds_count{route=\"/tasks\"} 2")
                .contains("taskapi_request_duration_seconds_bucket{route=\"/tasks\",le=\"+Inf\"} 2");
    }

    @Test
    void livenessIsOkWithoutAskingTheStore() {
        start(ServerLimits.DEFAULTS);
        store.reachable.set(false);

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(store.probes.get()).isZero();
    }

    @Test
    void readinessIsReadyWhileTheStoreAnswers() {
        start(ServerLimits.DEFAULTS);

        HttpResponse<String> response = get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ready\"}");
        assertThat(store.probes.get()).isEqualTo(1);
    }

    @Test
    void readinessIs503WithoutInternalDetailsWhenTheStoreDoesNotAnswer() {
        start(ServerLimits.DEFAULTS);
        store.reachable.set(false);

        HttpResponse<String> response = get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"unavailable\",\"message\":\"The task store is not reachable\"}");
    }

    @Test
    void requestHeadersOverTheLimitAre431InTheApisErrorShape() {
        start(ServerLimits.DEFAULTS);

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/tasks"))
                .header("X-Padding", "a".repeat(9 * 1024)).GET().build());

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).isEqualTo("{\"message\":\"Request Header Fields Too Large\",\"type\":\"about:blank\","
                + "\"title\":\"Request Header Fields Too Large\",\"status\":431,"
                + "\"detail\":\"Request Header Fields Too Large\"}");
    }

    @Test
    void requestHeadersWithinTheLimitAreServed() {
        start(ServerLimits.DEFAULTS);

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/tasks"))
                .header("X-Padding", "a".repeat(6 * 1024)).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void requestsBeyondTheConcurrencyLimitAndTheQueueAre503() throws Exception {
        start(new ServerLimits(8 * 1024, Duration.ofSeconds(30), 1, 0, Duration.ofSeconds(1), 16,
                Duration.ofSeconds(5)));

        try (SlowUpload holdsTheOnlySlot = SlowUpload.begin(server.port(), "holding")) {
            awaitHandling();
            HttpResponse<String> rejected = get("/tasks");

            assertThat(rejected.statusCode()).isEqualTo(503);
            assertThat(rejected.body()).startsWith("{\"message\":\"Service Unavailable\",");
            assertThat(holdsTheOnlySlot.finish()).startsWith("HTTP/1.1 201");
        }
        // The slot is released once the response has been fully sent, just after the client has read it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int status;
        do {
            status = get("/tasks").statusCode();
        } while (status == 503 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(200);
    }

    @Test
    void stoppingRefusesNewConnectionsButFinishesTheRequestInFlightThenClosesTheStore() throws Exception {
        start(ServerLimits.DEFAULTS);
        int port = server.port();

        try (SlowUpload inFlight = SlowUpload.begin(port, "in flight")) {
            awaitHandling();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
            awaitRefused(port);
            assertThat(stopping).isNotDone();
            assertThat(store.closed.get()).isFalse();

            assertThat(inFlight.finish()).startsWith("HTTP/1.1 201").contains("\"task\":\"in flight\"");
            stopping.get(10, TimeUnit.SECONDS);
        }
        assertThat(store.closed.get()).isTrue();
    }

    @Test
    void stoppingWaitsForASlowRequestThatDoesNoIoMeanwhile() throws Exception {
        start(ServerLimits.DEFAULTS);
        store.probeDelay = Duration.ofSeconds(3);

        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> get("/health/ready"));
        Thread.sleep(300);
        long started = System.nanoTime();
        server.stop();

        assertThat(slow.get(1, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(2));
    }

    @Test
    void stoppingTwiceClosesTheStoreOnce() {
        start(ServerLimits.DEFAULTS);

        server.stop();
        server.stop();

        assertThat(store.closes.get()).isEqualTo(1);
    }

    @Test
    void unusableLimitsAreRefused() {
        assertThatThrownBy(() -> new ServerLimits(8 * 1024, Duration.ZERO, 1, 0, Duration.ofSeconds(1), 16,
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerLimits(8 * 1024, Duration.ofSeconds(1), 100, 0, Duration.ofSeconds(1), 10,
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void threadingSaysWhichThreadsRunRequestsOnThisJava() {
        start(ServerLimits.DEFAULTS);

        assertThat(server.threading()).startsWith(Runtime.version().feature() >= 21
                ? "virtual threads" : "platform threads (pool of 250)").endsWith("at most 200 requests at once");
    }

    @Test
    void aBodySentInChunksWithoutContentLengthIsRead() {
        start(ServerLimits.DEFAULTS);
        byte[] body = "{\"task\":\"Sent in chunks\",\"priority\":\"high\"}".getBytes(StandardCharsets.UTF_8);

        // A body publisher of unknown length makes the client send Transfer-Encoding: chunked.
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/tasks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build());

        assertThat(created.request().bodyPublisher().orElseThrow().contentLength()).isNegative();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"task\":\"Sent in chunks\"", "\"priority\":\"high\"");
    }

    @Test
    void anOversizedBodySentInChunksIsRefusedWithTheApisError() {
        start(ServerLimits.DEFAULTS);
        byte[] body = ("{\"task\":\"" + "x".repeat(TaskApi.MAX_BODY_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/tasks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build());

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("\"message\"");
        assertThat(get("/tasks").body()).contains("\"count\":0");
    }

    @Test
    void aSmallAnswerIsSentWithItsLengthAndALargePageIsGzippedForClientsThatAcceptIt() throws IOException {
        start(ServerLimits.DEFAULTS);
        String id = null;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/tasks"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"task\":\"A task long enough to fill a page " + i
                            + "\",\"description\":\"" + "d".repeat(100) + "\"}"))
                    .build());
            assertThat(created.statusCode()).isEqualTo(201);
            id = created.body().substring(7, 43);
        }

        HttpResponse<byte[]> one = send(HttpRequest.newBuilder(uri("/tasks/" + id))
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(one.headers().firstValueAsLong("Content-Length")).hasValue(one.body().length);
        assertThat(new String(one.body(), StandardCharsets.UTF_8)).startsWith("{\"id\":\"" + id + "\"");

        HttpResponse<byte[]> page = send(HttpRequest.newBuilder(uri("/tasks"))
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String json;
        try (java.util.zip.GZIPInputStream unzipped =
                new java.util.zip.GZIPInputStream(new ByteArrayInputStream(page.body()))) {
            json = new String(unzipped.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(json).contains("\"count\":20").hasSizeGreaterThan(1500);
    }

    private final RequestLog log = new RequestLog(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));

    private void start(ServerLimits limits) {
        Clock clock = Clock.systemUTC();
        TaskApi api = new TaskApi(
                new TaskService(new InMemoryTaskRepository(), clock, new UuidV7Generator(clock),
                        PageTokenSealer.withRandomSecret()),
                CorsPolicy.anyOrigin(), log);
        server = new TaskServer(api, log.counters(), store, limits, "127.0.0.1", 0).start();
    }

    /** The server parses the headers and starts the handler within milliseconds of receiving them. */
    private static void awaitHandling() throws InterruptedException {
        Thread.sleep(300);
    }

    private static void awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(20);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("port " + port + " still accepts connections while stopping");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return CLIENT.send(request, body);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A store whose reachability the test sets, recording probes and closes. */
    private static final class FakeStore implements StoreConnection {
        final AtomicBoolean reachable = new AtomicBoolean(true);
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger probes = new AtomicInteger();
        volatile Duration probeDelay = Duration.ZERO;

        @Override
        public String kind() {
            return "fake";
        }

        @Override
        public String dataLocation() {
            return "nowhere";
        }

        @Override
        public void verify() {
        }

        @Override
        public boolean isReachable() {
            probes.incrementAndGet();
            try {
                Thread.sleep(probeDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return reachable.get();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            closed.set(true);
        }
    }
}
