package io.taskapi.application;

import static io.taskapi.domain.SequentialIdGenerator.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.taskapi.domain.MutableClock;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.SequentialIdGenerator;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskScope;
import io.taskapi.memory.InMemoryTaskRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link TaskApi} over an in-memory store, a clock that moves only when told, sequential ids and a captured request
 * log, with a small builder for {@link HttpRequest}s and the exact answers the {@code TaskApi*Test} classes expect.
 */
final class TaskApiHarness {
    static final long T0 = 1_703_001_234L;
    static final OwnerId OWNER = OwnerId.SHARED;
    static final String ID1 = id(1);
    static final String ID2 = id(2);
    /** Well formed, but never issued by the harness's id generator. */
    static final String MISSING_ID = "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";
    static final String ALLOW_TASKS = "GET, HEAD, POST, OPTIONS";
    static final String ALLOW_TASK = "GET, HEAD, PUT, PATCH, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, If-Match, If-None-Match";
    static final String EXPOSED_HEADERS = "ETag, Location, Retry-After, WWW-Authenticate, X-Request-Id";
    static final String CONFIGURED_ORIGINS = "https://app.example.com, http://localhost:3000";
    static final String STATUS_VALUES = "must be one of: new, in_progress, completed, cancelled";
    static final String PRIORITY_VALUES = "must be one of: low, medium, high, urgent";
    static final String MALFORMED = "Request body is not valid JSON";
    static final String NOT_AN_OBJECT = "Request body must be a JSON object";
    static final String TOO_LARGE = "Request body is too large (at most 65536 bytes)";
    static final String UNSUPPORTED_TYPE = "Content-Type must be application/json";

    final TaskRepository repository;
    final MutableClock clock = MutableClock.at(T0);
    final TaskApi api;
    final InMemoryIdempotencyStore idempotencyStore = new InMemoryIdempotencyStore();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final AtomicInteger requestCount = new AtomicInteger();
    private String lastRequestId;

    TaskApiHarness() {
        this(new InMemoryTaskRepository(), CorsPolicy.anyOrigin());
    }

    TaskApiHarness(CorsPolicy cors) {
        this(new InMemoryTaskRepository(), cors);
    }

    TaskApiHarness(TaskRepository repository) {
        this(repository, CorsPolicy.anyOrigin());
    }

    TaskApiHarness(TaskRepository repository, CorsPolicy cors) {
        this.repository = repository;
        this.api = TaskApplication.builder(new TestStore(repository, idempotencyStore))
                .clock(clock)
                .ids(new SequentialIdGenerator())
                .cors(cors)
                .log(new RequestLog(new PrintStream(log, true, StandardCharsets.UTF_8)))
                .build()
                .api();
    }

    HttpResponse send(Request request) {
        lastRequestId = "req-" + requestCount.incrementAndGet();
        return api.handle(request.build(lastRequestId));
    }

    String lastRequestId() {
        return lastRequestId;
    }

    /** Creates a task through the API and returns its id. */
    String create(String text) {
        HttpResponse response = send(Request.post("/tasks").json("{\"task\":" + quote(text) + "}"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return parse(response.body()).getAsJsonObject().get("id").getAsString();
    }

    /** Every task of {@link #OWNER} as stored, newest first. */
    List<Task> stored() {
        return repository.list(new TaskScope.Personal(OWNER), TaskFilter.ALL, 100, null).items();
    }

    String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }

    List<JsonObject> logEntries() {
        List<JsonObject> entries = new ArrayList<>();
        for (String line : logText().split("\n", -1)) {
            if (!line.isEmpty()) {
                entries.add(parse(line).getAsJsonObject());
            }
        }
        return entries;
    }

    List<JsonObject> logEntries(String event) {
        return logEntries().stream().filter(entry -> entry.get("event").getAsString().equals(event)).toList();
    }

    /** Parses one complete JSON text strictly, failing the test if it is not valid JSON. */
    static JsonElement parse(String json) {
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            assertThat(reader.peek()).as("nothing after the JSON value in %s", json).isEqualTo(JsonToken.END_DOCUMENT);
            return element;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String text) {
        return new com.google.gson.JsonPrimitive(text).toString();
    }

    static String taskJson(String id, String text, String status, String priority, long createdAt, long updatedAt) {
        return "{\"id\":\"" + id + "\",\"task\":" + quote(text) + ",\"status\":\"" + status + "\",\"priority\":\""
                + priority + "\",\"created_at\":" + createdAt + ",\"updated_at\":" + updatedAt + "}";
    }

    /** A seed-shaped error body: just the message. */
    static String error(String message) {
        return "{\"message\":" + quote(message) + "}";
    }

    /** A seed-shaped validation failure body naming {@code field, message} pairs in order. */
    static String validation(String... fieldsAndMessages) {
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < fieldsAndMessages.length; i += 2) {
            if (i > 0) {
                errors.append(',');
            }
            errors.append("{\"field\":").append(quote(fieldsAndMessages[i]))
                    .append(",\"message\":").append(quote(fieldsAndMessages[i + 1])).append('}');
        }
        return "{\"message\":\"Validation failed\",\"errors\":[" + errors + "]}";
    }

    /**
     * Checks status and exact body. Error bodies are written in the seed's shape ({@link #error}, {@link #validation})
     * and expected in the problem-details shape that extends it ({@link #problem}).
     */
    static void assertResponse(HttpResponse response, int status, String body) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(status >= 400 && !body.isEmpty() ? problem(status, body) : body);
    }

    /** The problem details body of {@code status} that carries the seed-shaped body {@code seed}. */
    static String problem(int status, String seed) {
        JsonObject legacy = parse(seed).getAsJsonObject();
        String message = legacy.get("message").getAsString();
        String errors = legacy.has("errors") ? ",\"errors\":" + legacy.get("errors") : "";
        return "{\"message\":" + quote(message) + ",\"type\":\"about:blank\",\"title\":"
                + quote(Problems.title(status)) + ",\"status\":" + status + ",\"detail\":" + quote(message)
                + errors + "}";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Response headers but the per-request {@code X-Request-Id}, which {@code TaskApiLogTest} covers. */
    static Map<String, String> withoutRequestId(Map<String, String> headers) {
        Map<String, String> rest = new LinkedHashMap<>(headers);
        rest.remove("X-Request-Id");
        return rest;
    }

    static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** The headers of a successful answer with {@code own} of the representation's headers after Content-Type. */
    static Map<String, String> anyOriginHeaders(Map<String, String> own) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        headers.putAll(own);
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        return headers;
    }


    /** A request under construction; every setter returns this builder. */
    static final class Request {
        private final String method;
        private final String path;
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];
        private Caller caller = Caller.owner(OWNER);

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        static Request of(String method, String path) {
            return new Request(method, path);
        }

        static Request get(String path) {
            return new Request("GET", path);
        }

        static Request head(String path) {
            return new Request("HEAD", path);
        }

        static Request post(String path) {
            return new Request("POST", path);
        }

        static Request put(String path) {
            return new Request("PUT", path);
        }

        static Request delete(String path) {
            return new Request("DELETE", path);
        }

        static Request options(String path) {
            return new Request("OPTIONS", path);
        }

        Request query(String name, String... values) {
            query.computeIfAbsent(name, n -> new ArrayList<>()).addAll(Arrays.asList(values));
            return this;
        }

        Request header(String name, String value) {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        Request origin(String origin) {
            return header("Origin", origin);
        }

        /** A body with {@code Content-Type: application/json}. */
        Request json(String json) {
            return header("Content-Type", "application/json").body(json.getBytes(StandardCharsets.UTF_8));
        }

        /** A body without any Content-Type. */
        Request body(byte[] bytes) {
            this.body = bytes.clone();
            return this;
        }

        /** Sent by {@code caller}, as a front door authenticated it. */
        Request caller(Caller caller) {
            this.caller = caller;
            return this;
        }

        HttpRequest build(String requestId) {
            return HttpRequest.builder(method, path).query(query).headers(headers).body(body.clone())
                    .requestId(requestId).caller(caller).build();
        }
    }
}
