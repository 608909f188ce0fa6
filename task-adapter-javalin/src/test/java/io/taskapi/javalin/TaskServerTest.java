package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.application.InMemoryIdempotencyStore;
import io.taskapi.application.TestApplications;
import io.taskapi.application.TestStore;
import io.taskapi.domain.ForwardingTaskRepository;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskSlice;
import io.taskapi.javalin.auth.SharedOwner;
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
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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

    /**
     * The server most cases share, with the default limits: they only send requests, so each starts from an empty,
     * reachable store whose probes are counted from zero. Cases that stop a server, need other limits or fresh
     * counters start one of their own.
     */
    private static final InMemoryTaskRepository TASKS = new InMemoryTaskRepository();
    private static final InMemoryIdempotencyStore KEYS = new InMemoryIdempotencyStore();
    private static final TestStore STORE = new TestStore(TASKS, KEYS);
    private static TaskServer shared;

    /** The server the case talks to: the shared one, or the case's own. */
    private TaskServer server;
    private TaskServer own;

    @BeforeAll
    static void startSharedServer() {
        shared = serverOf(STORE, ServerLimits.DEFAULTS);
    }

    @AfterAll
    static void stopSharedServer() {
        shared.stop();
    }

    @BeforeEach
    void useTheSharedServerOnAnEmptyStore() {
        TASKS.clear();
        KEYS.clear();
        STORE.reachable.set(true);
        STORE.probes.set(0);
        server = shared;
    }

    @AfterEach
    void stopOwnServer() {
        if (own != null) {
            own.stop();
        }
    }

    @Test
    void theBoardIsServedAtTheRootAsUtf8HtmlThatMayLoadNothingFromOtherServers() {
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
        HttpResponse<String> asset = get(path);

        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(type));
    }

    @Test
    void theBoardReferencesNoOtherServer() {
        for (String path : new String[] {"/", "/app.js", "/api.js", "/app.css"}) {
            assertThat(get(path).body()).as(path).doesNotContainPattern("(src|href)=\"(https?:)?//")
                    .doesNotContain("@import", "url(http", "fonts.googleapis");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/tasks/x/y", "/app.jsx", "/public/index.html", "/health/live"})
    void pathsThatAreNeitherFilesNorRoutesGetTheApisJson404(String path) {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).startsWith("{\"message\":\"Not found\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void theBoardLinksToTheApiDocumentationThatTheServerServes() {
        String board = get("/").body();

        assertThat(board).contains("href=\"docs\"", "href=\"openapi.json\"");
        assertThat(get("/docs").statusCode()).isEqualTo(200);
        assertThat(get("/openapi.json").statusCode()).isEqualTo(200);
    }

    @Test
    void livenessIsOkWithoutAskingTheStore() {
        STORE.reachable.set(false);

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(STORE.probes.get()).isZero();
    }

    @Test
    void readinessIsReadyWhileTheStoreAnswers() {
        HttpResponse<String> response = get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ready\"}");
        assertThat(STORE.probes.get()).isEqualTo(1);
    }

    @Test
    void readinessIs503WithoutInternalDetailsWhenTheStoreDoesNotAnswer() {
        STORE.reachable.set(false);

        HttpResponse<String> response = get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"unavailable\",\"message\":\"The task store is not reachable\"}");
    }

    @Test
    void requestHeadersOverTheLimitAre431InTheApisErrorShape() {
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
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/tasks"))
                .header("X-Padding", "a".repeat(6 * 1024)).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
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
        assertThat(server.threading()).startsWith(Runtime.version().feature() >= 21
                ? "virtual threads" : "platform threads (pool of 250)").endsWith("at most 200 requests at once");
    }

    @Test
    void aBodySentInChunksWithoutContentLengthIsRead() {
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
        byte[] body = ("{\"task\":\"" + "x".repeat(io.taskapi.application.HttpRequest.MAX_BODY_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);

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

        HttpResponse<String> plain = send(HttpRequest.newBuilder(uri("/tasks"))
                .header("Accept-Encoding", "br, gzip;q=0").GET().build());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body()).isEqualTo(json);
    }

    @Test
    void aMalformedEscapeInTheQueryIsKeptAsWrittenAndJudgedByTheApiAsOnLambda() throws IOException {
        for (int i = 0; i < 2; i++) {
            assertThat(send(HttpRequest.newBuilder(uri("/tasks")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"task\":\"Task " + i + "\"}")).build())
                    .statusCode()).isEqualTo(201);
        }

        // Sent as bytes: a URI with a malformed escape is one no Java HTTP client sends.
        assertThat(rawGet("/tasks?limit=%zz")).startsWith("HTTP/1.1 400 ").contains("\"field\":\"limit\"");
        assertThat(rawGet("/lists?limit=%zz")).startsWith("HTTP/1.1 400 ").contains("\"field\":\"limit\"");
        assertThat(rawGet("/tasks?%zz=2&limit=%31")).startsWith("HTTP/1.1 200 ").contains("\"count\":1");
        assertThat(get("/tasks").body()).contains("\"count\":2");
    }

    /** The whole answer to a GET of {@code target} sent as it is, on a connection of its own. */
    private String rawGet(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            String request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---- cases with a server of their own: fresh counters, other limits, or a stop ----------------------------

    @Test
    void metricsCountEveryAnsweredRequestInPrometheusText() {
        // A server of its own: the shared server's counters also hold the other cases' requests.
        startOwn(TestStore.inMemory(), ServerLimits.DEFAULTS);
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
    void requestsBeyondTheConcurrencyLimitAndTheQueueAre503() throws Exception {
        startOwn(TestStore.inMemory(), new ServerLimits(8 * 1024, Duration.ofSeconds(30), 1, 0, Duration.ofSeconds(1),
                16, Duration.ofSeconds(5)));

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
        TestStore store = TestStore.inMemory();
        startOwn(store, ServerLimits.DEFAULTS);
        int port = server.port();

        try (SlowUpload inFlight = SlowUpload.begin(port, "in flight")) {
            awaitHandling();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
            awaitRefused(port);
            assertThat(stopping).isNotDone();
            assertThat(store.closes.get()).isZero();

            assertThat(inFlight.finish()).startsWith("HTTP/1.1 201").contains("\"task\":\"in flight\"");
            stopping.get(10, TimeUnit.SECONDS);
        }
        assertThat(store.closes.get()).isEqualTo(1);
    }

    @Test
    void stoppingWaitsForASlowRequestThatDoesNoIoMeanwhile() throws Exception {
        // Listing takes 3 s in the store, during which the request's connection carries nothing.
        startOwn(TestStore.of(new ForwardingTaskRepository(new InMemoryTaskRepository()) {
            @Override
            public TaskSlice list(TaskScope scope, TaskFilter filter, int limit, String afterPosition) {
                pause(Duration.ofSeconds(3));
                return super.list(scope, filter, limit, afterPosition);
            }
        }), ServerLimits.DEFAULTS);

        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> get("/tasks"));
        Thread.sleep(300);
        long started = System.nanoTime();
        server.stop();

        assertThat(slow.get(1, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(2));
    }

    @Test
    void stoppingTwiceClosesTheStoreOnce() {
        TestStore store = TestStore.inMemory();
        startOwn(store, ServerLimits.DEFAULTS);

        server.stop();
        server.stop();

        assertThat(store.closes.get()).isEqualTo(1);
    }

    /** A started server of {@code store}, without authentication, within {@code limits}, with a quiet request log. */
    private static TaskServer serverOf(TestStore store, ServerLimits limits) {
        return new TaskServer(TestApplications.quiet(store).build(), new SharedOwner(), limits, "127.0.0.1", 0,
                ServerAccess.OPEN).start();
    }

    /** Starts a server of the case's own, which the case talks to and which is stopped after it. */
    private void startOwn(TestStore store, ServerLimits limits) {
        own = serverOf(store, limits);
        server = own;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
}
