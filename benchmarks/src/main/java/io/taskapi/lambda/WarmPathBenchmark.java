package io.taskapi.lambda;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.application.AuthMode;
import io.taskapi.application.CorsPolicy;
import io.taskapi.application.DeploymentSecret;
import io.taskapi.application.HttpResponse;
import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.application.RequestLog;
import io.taskapi.application.TaskApplication;
import io.taskapi.domain.NewTask;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 2: the Lambda handler's own cost per request on a warm JVM, with the in-memory store, for a read by id, a
 * create and a 25-item list page; each against a baseline that only parses the same event JSON (Gson's JsonParser)
 * and writes a proxy result of exactly the same status, headers and body (with the handler's own writer). Sample-time
 * mode, for p50 and p99.
 *
 * <p>In package {@code io.taskapi.lambda} for the handler's package-private {@code TaskHandler(TaskApplication,
 * AuthMode)} constructor; the request log writes its line for every request, to a null stream.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WarmPathBenchmark {
    static final String SECRET = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    static final int LIST_TASKS = 1_000;

    /** A handler over an in-memory store holding {@value #LIST_TASKS} tasks, and the events it is fed. */
    @State(Scope.Benchmark)
    public static class Handler {
        TaskHandler handler;
        String taskId;
        byte[] getEvent;
        byte[] listEvent;
        byte[] postEvent;
        final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            TaskApplication application = application();
            for (int i = 0; i < LIST_TASKS; i++) {
                taskId = application.tasks().create(OwnerId.SHARED, NewTask.builder("Task number " + i)
                        .status(i % 3 == 0 ? TaskStatus.COMPLETED : TaskStatus.NEW).priority(TaskPriority.HIGH)
                        .build()).id();
            }
            handler = new TaskHandler(application, AuthMode.NONE);
            getEvent = event("GET", "/tasks/" + taskId, null, null);
            listEvent = event("GET", "/tasks", "limit", null);
            check(handle(getEvent), 200);
            check(handle(listEvent), 200);
        }

        byte[] handle(byte[] event) throws IOException {
            out.reset();
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
            return out.toByteArray();
        }
    }

    /** Creates go to a store emptied before each iteration, so the heap does not grow through the run. */
    @State(Scope.Benchmark)
    public static class Creating {
        TaskHandler handler;
        final ByteArrayOutputStream out = new ByteArrayOutputStream(4 * 1024);
        byte[] postEvent;

        @Setup(Level.Iteration)
        public void setUp() throws IOException {
            handler = new TaskHandler(application(), AuthMode.NONE);
            postEvent = event("POST", "/tasks", null, "{\"task\":\"Write the benchmark report\",\"priority\":\"high\"}");
            out.reset();
            handler.handleRequest(new ByteArrayInputStream(postEvent), out, null);
            check(out.toByteArray(), 201);
        }
    }

    /** The same events and, for each, a proxy result with exactly the bytes the handler answered. */
    @State(Scope.Benchmark)
    public static class Baseline {
        byte[] getEvent;
        byte[] listEvent;
        byte[] postEvent;
        Result getResult;
        Result listResult;
        Result postResult;
        final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            // Its own handler, set up like the benchmarked ones, only to record what they answer.
            Handler handler = new Handler();
            handler.setUp();
            Creating creating = new Creating();
            creating.setUp();
            getEvent = handler.getEvent;
            listEvent = handler.listEvent;
            postEvent = creating.postEvent;
            getResult = Result.of(handler.handle(getEvent));
            listResult = Result.of(handler.handle(listEvent));
            creating.out.reset();
            creating.handler.handleRequest(new ByteArrayInputStream(postEvent), creating.out, null);
            postResult = Result.of(creating.out.toByteArray());
        }
    }

    /** A proxy result's parts, to write again. */
    record Result(int status, Map<String, String> headers, String body) {
        static Result of(byte[] proxyResult) {
            JsonObject json = JsonParser.parseString(new String(proxyResult, StandardCharsets.UTF_8)).getAsJsonObject();
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> header : json.getAsJsonObject("headers").entrySet()) {
                headers.put(header.getKey(), header.getValue().getAsString());
            }
            return new Result(json.get("statusCode").getAsInt(), headers, json.get("body").getAsString());
        }
    }

    @Benchmark
    public byte[] getById(Handler state) throws IOException {
        return state.handle(state.getEvent);
    }

    @Benchmark
    public byte[] listPage(Handler state) throws IOException {
        return state.handle(state.listEvent);
    }

    @Benchmark
    public int create(Creating state) throws IOException {
        state.out.reset();
        state.handler.handleRequest(new ByteArrayInputStream(state.postEvent), state.out, null);
        return state.out.size();
    }

    @Benchmark
    public int baselineGetById(Baseline state) throws IOException {
        return parseAndWrite(state.getEvent, state.getResult, state.out);
    }

    @Benchmark
    public int baselineListPage(Baseline state) throws IOException {
        return parseAndWrite(state.listEvent, state.listResult, state.out);
    }

    @Benchmark
    public int baselineCreate(Baseline state) throws IOException {
        return parseAndWrite(state.postEvent, state.postResult, state.out);
    }

    /**
     * The least a handler must do: read the event into a tree and write the same result with the handler's own
     * writer, so that the ratio measures the handler's work between the two, not how it does its I/O.
     */
    static int parseAndWrite(byte[] event, Result result, ByteArrayOutputStream out) throws IOException {
        JsonObject parsed = JsonParser.parseReader(
                new InputStreamReader(new ByteArrayInputStream(event), StandardCharsets.UTF_8)).getAsJsonObject();
        out.reset();
        ProxyEvents.write(new HttpResponse(result.status(), result.headers(), result.body()), out);
        return out.size() + parsed.size();
    }

    /** The application as the Lambda function assembles it, on an in-memory store, logging to a null stream. */
    static TaskApplication application() {
        return TaskApplication.builder(new InMemoryTaskStore())
                .secret(DeploymentSecret.fromBase64(SECRET))
                .cors(CorsPolicy.parse("*"))
                .log(new RequestLog(new PrintStream(OutputStream.nullOutputStream())))
                .build();
    }

    /** An API Gateway REST API (payload 1.0) event as the gateway sends it. */
    static byte[] event(String method, String path, String limitQuery, String body) {
        String query = limitQuery == null ? "null" : "{\"limit\":\"25\"}";
        String multiQuery = limitQuery == null ? "null" : "{\"limit\":[\"25\"]}";
        String contentType = body == null ? "" : ",\"Content-Type\":\"application/json\"";
        String multiContentType = body == null ? "" : ",\"Content-Type\":[\"application/json\"]";
        String bodyJson = body == null ? "null" : new com.google.gson.Gson().toJson(body);
        String resource = path.startsWith("/tasks/") ? "/tasks/{id}" : "/tasks";
        return ("{\"resource\":\"" + resource + "\",\"path\":\"" + path + "\",\"httpMethod\":\"" + method + "\","
                + "\"headers\":{\"Accept\":\"application/json\",\"Host\":\"api.example.com\"" + contentType + "},"
                + "\"multiValueHeaders\":{\"Accept\":[\"application/json\"],\"Host\":[\"api.example.com\"]"
                + multiContentType + "},"
                + "\"queryStringParameters\":" + query + ",\"multiValueQueryStringParameters\":" + multiQuery + ","
                + "\"pathParameters\":null,\"stageVariables\":null,"
                + "\"requestContext\":{\"resourcePath\":\"" + resource + "\",\"httpMethod\":\"" + method + "\","
                + "\"path\":\"/prod" + path + "\",\"stage\":\"prod\","
                + "\"requestId\":\"c6af9ac6-7b61-11e6-9a41-93e8deadbeef\"},"
                + "\"body\":" + bodyJson + ",\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);
    }

    static void check(byte[] proxyResult, int status) {
        Result result = Result.of(proxyResult);
        if (result.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + result.status() + ": " + result.body());
        }
    }
}
