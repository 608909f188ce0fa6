package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.taskapi.domain.MutableClock;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.PageTokenSealer;
import io.taskapi.domain.SequentialIdGenerator;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskService;
import io.taskapi.memory.InMemoryIdempotencyStore;
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
 * log, with a small builder for {@link HttpRequest}s.
 */
final class TaskApiHarness {
    static final long T0 = 1_703_001_234L;
    static final OwnerId OWNER = OwnerId.SHARED;

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
        TaskService service =
                new TaskService(repository, clock, new SequentialIdGenerator(), PageTokenSealer.withRandomSecret());
        this.api = new TaskApi(service, cors, new RequestLog(new PrintStream(log, true, StandardCharsets.UTF_8)),
                new Idempotency(idempotencyStore, clock));
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
        return repository.list(OWNER, TaskFilter.ALL, 100, null).items();
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

        Request owner(OwnerId owner) {
            this.caller = Caller.owner(owner);
            return this;
        }

        /** Sent by {@code caller}, as a front door authenticated it. */
        Request caller(Caller caller) {
            this.caller = caller;
            return this;
        }

        HttpRequest build(String requestId) {
            return new HttpRequest(method, path, query, headers, body.clone(), requestId, caller);
        }
    }
}
