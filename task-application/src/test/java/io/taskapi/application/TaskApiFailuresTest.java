package io.taskapi.application;

import static io.taskapi.application.TaskApiHarness.EXPOSED_HEADERS;
import static io.taskapi.application.TaskApiHarness.ID1;
import static io.taskapi.application.TaskApiHarness.JSON;
import static io.taskapi.application.TaskApiHarness.MISSING_ID;
import static io.taskapi.application.TaskApiHarness.PROBLEM;
import static io.taskapi.application.TaskApiHarness.assertResponse;
import static io.taskapi.application.TaskApiHarness.error;
import static io.taskapi.application.TaskApiHarness.parse;
import static io.taskapi.application.TaskApiHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.taskapi.domain.Activity;
import io.taskapi.domain.FailingTaskRepository;
import io.taskapi.application.TaskApiHarness.Request;
import io.taskapi.domain.ForwardingTaskRepository;
import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskAlreadyExistsException;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskSlice;
import io.taskapi.domain.VersionConflictException;
import io.taskapi.memory.InMemoryTaskRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Failing, contended and missing collaborators, and the problem details of every error status, strictly. */
class TaskApiFailuresTest {
    TaskApiHarness harness = new TaskApiHarness();

    @Test
    void theAssemblyRefusesMissingCollaborators() {
        TaskApplication.Builder application = TaskApplication.builder(new InMemoryTaskStore());
        assertThatThrownBy(() -> TaskApplication.builder(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> application.cors(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> application.log(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> application.clock(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> application.ids(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> application.secret(null)).isInstanceOf(NullPointerException.class);
    }

    @Nested
    class ServerFailures {
        static Stream<Arguments> everyOperation() {
            return Stream.of(
                    Arguments.of("POST", "/tasks", "/tasks", "{\"task\":\"a\"}"),
                    Arguments.of("GET", "/tasks", "/tasks", null),
                    Arguments.of("GET", "/tasks/" + MISSING_ID, "/tasks/{id}", null),
                    Arguments.of("HEAD", "/tasks/" + MISSING_ID, "/tasks/{id}", null),
                    Arguments.of("PUT", "/tasks/" + MISSING_ID, "/tasks/{id}", "{\"status\":\"completed\"}"),
                    Arguments.of("DELETE", "/tasks/" + MISSING_ID, "/tasks/{id}", null));
        }

        private static Request request(String method, String path, String body) {
            Request request = Request.of(method, path);
            return body == null ? request : request.json(body);
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("everyOperation")
        void anUnexpectedFailureIsA500WithoutDetailsAndAnErrorLogLine(
                String method, String path, String route, String body) {
            TaskApiHarness broken = new TaskApiHarness(
                    new FailingTaskRepository(() -> new IllegalStateException("connection pool exhausted at db-7:5432")));

            HttpResponse response = broken.send(request(method, path, body));

            assertResponse(response, 500, method.equals("HEAD") ? "" : error("Internal server error"));
            assertThat(response.headers()).containsEntry("Content-Type", PROBLEM).doesNotContainKey("Retry-After");

            List<JsonObject> errors = broken.logEntries("unhandled_exception");
            assertThat(errors).hasSize(1);
            JsonObject line = errors.get(0);
            assertThat(line.get("level").getAsString()).isEqualTo("ERROR");
            assertThat(line.get("request_id").getAsString()).isEqualTo(broken.lastRequestId());
            assertThat(line.get("method").getAsString()).isEqualTo(method);
            assertThat(line.get("route").getAsString()).isEqualTo(route);
            assertThat(line.get("exception").getAsString()).isEqualTo("java.lang.IllegalStateException");
            assertThat(line.get("stack").getAsString()).contains("connection pool exhausted")
                    .contains("FailingTaskRepository");

            List<JsonObject> requests = broken.logEntries("request");
            assertThat(requests).hasSize(1);
            assertThat(requests.get(0).get("status").getAsInt()).isEqualTo(500);
            assertThat(requests.get(0).get("request_id").getAsString()).isEqualTo(broken.lastRequestId());
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("everyOperation")
        void anUnavailableStoreIsA503WithRetryAfter(String method, String path, String route, String body) {
            TaskApiHarness down = new TaskApiHarness(new FailingTaskRepository(
                    () -> new StoreUnavailableException(new RuntimeException("ProvisionedThroughputExceeded"))));

            HttpResponse response = down.send(request(method, path, body));

            assertResponse(response, 503,
                    method.equals("HEAD") ? "" : error("Service temporarily unavailable, please retry"));
            assertThat(response.headers())
                    .containsEntry("Retry-After", "1")
                    .containsEntry("Content-Type", PROBLEM)
                    .containsEntry("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            assertThat(down.logEntries("request")).singleElement()
                    .satisfies(line -> assertThat(line.get("status").getAsInt()).isEqualTo(503));
        }

        @Test
        void anUpdateThatKeepsLosingRacesIsAConflict() {
            InMemoryTaskRepository store = new InMemoryTaskRepository();
            TaskRepository contended = new ForwardingTaskRepository(store) {
                @Override
                public void replace(TaskScope scope, Task task, long expectedVersion, Activity change) {
                    throw new VersionConflictException();
                }
            };
            TaskApiHarness api = new TaskApiHarness(contended);
            api.create("a");

            assertResponse(api.send(Request.put("/tasks/" + ID1).json("{\"task\":\"b\"}")), 409,
                    error("Task was modified by another request"));
            assertThat(store.find(new TaskScope.Personal(TaskApiHarness.OWNER), ID1)).map(Task::text).contains("a");
        }

        @Test
        void aCreateThatKeepsCollidingIsAConflict() {
            TaskRepository colliding = new ForwardingTaskRepository(new InMemoryTaskRepository()) {
                @Override
                public void create(TaskScope scope, Task task, Activity created) {
                    throw new TaskAlreadyExistsException();
                }
            };

            assertResponse(new TaskApiHarness(colliding).send(Request.post("/tasks").json("{\"task\":\"a\"}")), 409,
                    error("Task already exists"));
        }

        @Test
        void aStoreBugOnTheFirstPageIsA500NotABadPageToken() {
            TaskApiHarness broken = new TaskApiHarness(new ForwardingTaskRepository(new InMemoryTaskRepository()) {
                @Override
                public TaskSlice list(TaskScope scope, TaskFilter filter, int limit, String afterPosition) {
                    throw new IllegalArgumentException("unexpected attribute type in item");
                }
            });

            assertResponse(broken.send(Request.get("/tasks")), 500, error("Internal server error"));
            assertThat(broken.logEntries("unhandled_exception")).hasSize(1);
        }
    }

    /** Every error body is JSON with a message, and gives nothing of the implementation away. */
    @Nested
    class ErrorBodies {
        static Stream<Arguments> failingRequests() {
            Map<String, Function<TaskApiHarness, HttpResponse>> cases = new LinkedHashMap<>();
            cases.put("malformed", h -> h.send(Request.post("/tasks").json("{\"task\":")));
            cases.put("trailing", h -> h.send(Request.post("/tasks").json("{\"task\":\"a\"} x")));
            cases.put("array", h -> h.send(Request.post("/tasks").json("[]")));
            cases.put("empty", h -> h.send(Request.post("/tasks").json("")));
            cases.put("utf8", h -> h.send(Request.post("/tasks").header("Content-Type", JSON)
                    .body(new byte[] {'{', (byte) 0xFF, '}'})));
            cases.put("type", h -> h.send(Request.post("/tasks").json("{\"task\":{\"x\":1}}")));
            cases.put("unknown field", h -> h.send(Request.post("/tasks").json("{\"task\":\"a\",\"<script>\":1}")));
            cases.put("server field", h -> h.send(Request.post("/tasks").json("{\"task\":\"a\",\"id\":\"x\"}")));
            cases.put("duplicate", h -> h.send(Request.post("/tasks").json("{\"task\":\"a\",\"task\":\"a\"}")));
            cases.put("NaN", h -> h.send(Request.post("/tasks").json("{\"task\":NaN}")));
            cases.put("rule", h -> h.send(Request.post("/tasks").json("{\"task\":\"\\u0000\"}")));
            cases.put("limit", h -> h.send(Request.get("/tasks").query("limit", "1e2")));
            cases.put("next", h -> h.send(Request.get("/tasks").query("next", "garbage")));
            cases.put("status filter", h -> h.send(Request.get("/tasks").query("status", "NEW")));
            cases.put("413", h -> h.send(Request.post("/tasks").json(" ".repeat(65_537))));
            cases.put("415", h -> h.send(Request.post("/tasks").header("Content-Type", "text/plain")
                    .body(utf8("{}"))));
            cases.put("404 path", h -> h.send(Request.get("/")));
            cases.put("404 id", h -> h.send(Request.get("/tasks/123")));
            cases.put("404 task", h -> h.send(Request.delete("/tasks/" + MISSING_ID)));
            cases.put("405", h -> h.send(Request.of("PATCH", "/tasks")));
            cases.put("empty update", h -> h.send(Request.put("/tasks/" + MISSING_ID).json("{}")));
            cases.put("500", h -> new TaskApiHarness(new FailingTaskRepository(
                    () -> new NullPointerException("Cannot invoke \"io.taskapi.Foo.bar()\""))).send(Request.get("/tasks")));
            cases.put("503", h -> new TaskApiHarness(new FailingTaskRepository(
                    () -> new StoreUnavailableException(new java.io.IOException("java.net.SocketTimeoutException"))))
                    .send(Request.get("/tasks")));
            return cases.entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("failingRequests")
        void isAJsonObjectWithAMessageAndNoImplementationDetails(
                String name, Function<TaskApiHarness, HttpResponse> send) {
            HttpResponse response = send.apply(harness);

            assertThat(response.status()).isBetween(400, 599);
            assertThat(response.headers()).containsEntry("Content-Type", PROBLEM);
            JsonObject body = parse(response.body()).getAsJsonObject();
            assertThat(body.keySet()).isSubsetOf("message", "type", "title", "status", "detail", "errors")
                    .startsWith("message").contains("type", "title", "status", "detail");
            assertThat(body.get("status").getAsInt()).isEqualTo(response.status());
            assertThat(body.get("detail")).isEqualTo(body.get("message"));
            assertThat(body.get("message").getAsJsonPrimitive().isString()).isTrue();
            assertThat(body.get("message").getAsString()).isNotBlank();
            if (body.has("errors")) {
                assertThat(body.getAsJsonArray("errors")).isNotEmpty().allSatisfy(error -> {
                    assertThat(error.getAsJsonObject().keySet()).containsExactly("field", "message");
                    assertThat(error.getAsJsonObject().get("message").getAsString()).isNotBlank();
                });
            }
            assertThat(response.body())
                    .doesNotContain("Exception", "io.taskapi", "java.", "com.google", "gson", "\tat ", "$.",
                            "line 1 column", "Caused by", "null pointer", "NullPointer");
        }
    }

    /**
     * A list id this API cannot have issued names no list: it is answered 404 without asking the store, whose keys such
     * text may not even fit, on create, full update and merge patch alike.
     */
    @Test
    void aMalformedListIdInABodyIsNotFoundWithoutAStoreLookup() {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        io.taskapi.domain.ListRepository lists = new io.taskapi.memory.InMemoryListRepository();
        io.taskapi.domain.ListRepository guarded = (io.taskapi.domain.ListRepository) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {io.taskapi.domain.ListRepository.class},
                        (proxy, method, arguments) -> {
                            if (down.get()) {
                                throw new StoreUnavailableException("unexpected_lookup", null);
                            }
                            try {
                                return method.invoke(lists, arguments);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        TaskApi api = TaskApplication.builder(new TestStore(new InMemoryTaskRepository(), guarded,
                new io.taskapi.memory.InMemoryInvitationRepository(), new InMemoryIdempotencyStore()))
                .log(TestApplications.quietLog()).build().api();
        HttpResponse created = api.handle(Request.post("/tasks").json("{\"task\":\"a\"}").build("r"));
        String id = parse(created.body()).getAsJsonObject().get("id").getAsString();
        down.set(true);

        List<HttpResponse> answers = List.of(
                api.handle(Request.post("/tasks").json("{\"task\":\"b\",\"list_id\":\"not-a-list\"}").build("r")),
                api.handle(Request.put("/tasks/" + id).json("{\"list_id\":\"not-a-list\"}").build("r")),
                api.handle(Request.of("PATCH", "/tasks/" + id).header("Content-Type", "application/merge-patch+json")
                        .body(utf8("{\"list_id\":\"not-a-list\"}")).build("r")));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            assertThat(answer.body()).contains("List not found");
        });
    }
}
