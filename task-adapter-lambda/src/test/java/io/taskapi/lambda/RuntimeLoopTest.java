package io.taskapi.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.taskapi.application.AuthMode;
import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.application.TestApplications;
import io.taskapi.lambda.testing.ProxyEventFixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The custom runtime's loop against a Runtime API on loopback that hands out queued events and records every call,
 * so each test sees exactly what the runtime sent Lambda.
 */
class RuntimeLoopTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:task-api:live";

    /** A call the runtime made: method, path, the error-type header and the body. */
    private record Call(String method, String path, String errorType, String body) {
    }

    private final BlockingQueue<Map<String, String>> events = new LinkedBlockingQueue<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final RuntimeApi api;
    private final TaskHandler handler = new TaskHandler(TestApplications.quiet(new InMemoryTaskStore()).build(),
            AuthMode.NONE);

    RuntimeLoopTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/2018-06-01/runtime/", this::answer);
        server.start();
        api = new RuntimeApi("127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
        System.clearProperty(RuntimeLoop.TRACE_PROPERTY);
    }

    @Test
    void anEventIsHandledAndItsResultPostedUnderItsRequestId() throws IOException {
        queue("req-1", String.valueOf(System.currentTimeMillis() + 30_000), "Root=1-5759e988-bd862e3fe1be46a994272793",
                ProxyEventFixtures.restApiEvent("POST", "/tasks", Map.of("Content-Type", "application/json"),
                        "{\"task\":\"Write the runtime\"}".getBytes(StandardCharsets.UTF_8)).toString());

        RuntimeApi.Invocation invocation = api.next();
        new RuntimeLoop(api, handler, Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")).serveOne(invocation);

        assertThat(invocation.requestId()).isEqualTo("req-1");
        assertThat(invocation.functionArn()).isEqualTo(ARN);
        assertThat(System.getProperty(RuntimeLoop.TRACE_PROPERTY)).isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793");
        Call posted = calls.get(calls.size() - 1);
        assertThat(posted.method()).isEqualTo("POST");
        assertThat(posted.path()).isEqualTo("/2018-06-01/runtime/invocation/req-1/response");
        JsonObject result = JsonParser.parseString(posted.body()).getAsJsonObject();
        assertThat(result.get("statusCode").getAsInt()).isEqualTo(201);
        assertThat(result.get("body").getAsString()).contains("\"Write the runtime\"");
    }

    @Test
    void theContextCarriesTheDeadlineTheFunctionAndItsMemory() throws IOException {
        queue("req-2", String.valueOf(System.currentTimeMillis() + 20_000), null, "{}");

        RuntimeApi.Invocation invocation = api.next();
        InvocationContext context = new InvocationContext(invocation, Map.of("AWS_LAMBDA_FUNCTION_NAME", "task-api",
                "AWS_LAMBDA_FUNCTION_VERSION", "7", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256"));

        assertThat(context.getAwsRequestId()).isEqualTo("req-2");
        assertThat(context.getRemainingTimeInMillis()).isBetween(10_000, 20_000);
        assertThat(context.getFunctionName()).isEqualTo("task-api");
        assertThat(context.getFunctionVersion()).isEqualTo("7");
        assertThat(context.getMemoryLimitInMB()).isEqualTo(256);
        assertThat(invocation.traceId()).isEmpty();
    }

    @Test
    void anInvocationWithoutTraceClearsTheLastOne() throws IOException {
        System.setProperty(RuntimeLoop.TRACE_PROPERTY, "Root=old");
        queue("req-3", String.valueOf(System.currentTimeMillis() + 20_000), null,
                ProxyEventFixtures.restApiEvent("GET", "/tasks", Map.of(), null).toString());

        new RuntimeLoop(api, handler, Map.of()).serveOne(api.next());

        assertThat(System.getProperty(RuntimeLoop.TRACE_PROPERTY)).isNull();
    }

    @Test
    void anEventWithoutARequestIdIsRefused() {
        queue(null, "1", null, "{}");

        assertThatThrownBy(api::next).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request id");
    }

    @Test
    void errorsCarryTheirTypeInTheHeaderAndOnlyTheRuntimesOwnWords() throws IOException {
        api.reportError("req-4", RuntimeLoop.HANDLER_ERROR, "The function failed; see its log");
        api.reportInitError(RuntimeLoop.INIT_ERROR, "The function could not start; see its log");

        assertThat(calls).containsExactly(
                new Call("POST", "/2018-06-01/runtime/invocation/req-4/error", "Runtime.HandlerError",
                        "{\"errorMessage\":\"The function failed; see its log\",\"errorType\":\"Runtime.HandlerError\"}"),
                new Call("POST", "/2018-06-01/runtime/init/error", "Runtime.InitError",
                        "{\"errorMessage\":\"The function could not start; see its log\","
                                + "\"errorType\":\"Runtime.InitError\"}"));
    }

    @Test
    void theLoopEndsOnlyWhenTheRuntimeApiIsGone() {
        queue("req-5", String.valueOf(System.currentTimeMillis() + 20_000), null,
                ProxyEventFixtures.restApiEvent("GET", "/tasks", Map.of(), null).toString());
        queue("stop", "0", null, "");

        assertThatThrownBy(() -> new RuntimeLoop(api, handler, Map.of()).serve()).isInstanceOf(IOException.class);
        assertThat(calls).extracting(Call::path).contains("/2018-06-01/runtime/invocation/req-5/response");
    }

    @Test
    void theAddressMustBeHostAndPort() {
        assertThatThrownBy(() -> RuntimeApi.fromEnvironment(Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RuntimeApi("http://127.0.0.1:9001/")).isInstanceOf(IllegalArgumentException.class);
    }

    private void queue(String requestId, String deadline, String trace, String event) {
        Map<String, String> entry = new java.util.HashMap<>();
        if (requestId != null) {
            entry.put("id", requestId);
        }
        entry.put("deadline", deadline);
        if (trace != null) {
            entry.put("trace", trace);
        }
        entry.put("event", event);
        events.add(entry);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"), body));
            if (!path.endsWith("/invocation/next")) {
                exchange.sendResponseHeaders(202, -1);
                return;
            }
            Map<String, String> event = events.poll();
            if (event == null || "stop".equals(event.get("id"))) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            if (event.containsKey("id")) {
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", event.get("id"));
            }
            exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", event.get("deadline"));
            exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", ARN);
            if (event.containsKey("trace")) {
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", event.get("trace"));
            }
            byte[] bytes = event.get("event").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
