package io.taskapi.application;

import static io.taskapi.domain.SequentialIdGenerator.id;
import static io.taskapi.application.TaskApiHarness.T0;
import static io.taskapi.application.TaskApiHarness.parse;
import static io.taskapi.application.TaskApiHarness.quote;
import static io.taskapi.application.TaskApiHarness.taskJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.taskapi.domain.ForwardingTaskRepository;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.PageTokenSealer;
import io.taskapi.domain.SequentialIdGenerator;
import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskAlreadyExistsException;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskService;
import io.taskapi.domain.TaskSlice;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.VersionConflictException;
import io.taskapi.application.TaskApiHarness.Request;
import io.taskapi.memory.InMemoryTaskRepository;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskApiTest {
    static final String ID1 = id(1);
    static final String ID2 = id(2);
    /** Well formed, but never issued by the harness's id generator. */
    static final String MISSING_ID = "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";
    static final String ALLOW_TASKS = "GET, HEAD, POST, OPTIONS";
    static final String ALLOW_TASK = "GET, HEAD, PUT, PATCH, DELETE, OPTIONS";
    static final String STATUS_VALUES = "must be one of: new, in_progress, completed, cancelled";
    static final String PRIORITY_VALUES = "must be one of: low, medium, high, urgent";
    static final String LIMIT_RANGE = "must be an integer from 1 to 100";
    static final String BAD_TOKEN = "is not a valid page token for this query";
    static final String MALFORMED = "Request body is not valid JSON";
    static final String NOT_AN_OBJECT = "Request body must be a JSON object";
    static final String NOT_UTF8 = "Request body is not valid UTF-8";
    static final String TOO_LARGE = "Request body is too large (at most 65536 bytes)";
    static final String UNSUPPORTED_TYPE = "Content-Type must be application/json";
    static final String CONFIGURED_ORIGINS = "https://app.example.com, http://localhost:3000";

    TaskApiHarness harness = new TaskApiHarness();

    static String error(String message) {
        return "{\"message\":" + quote(message) + "}";
    }

    /** A validation failure body naming {@code field, message} pairs in order. */
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
     * Checks status and exact body. Error bodies are written here in the seed's shape ({@link #error},
     * {@link #validation}) and expected in the problem-details shape that extends it ({@link #problem}).
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
                + quote(ErrorResponses.title(status)) + ",\"status\":" + status + ",\"detail\":" + quote(message)
                + errors + "}";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Response headers but the per-request {@code X-Request-Id}, which {@code everyAnswerCarriesTheRequestId} covers. */
    static Map<String, String> withoutRequestId(Map<String, String> headers) {
        Map<String, String> rest = new LinkedHashMap<>(headers);
        rest.remove("X-Request-Id");
        return rest;
    }

    static Map<String, String> anyOriginHeaders() {
        return anyOriginHeaders(Map.of());
    }

    static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** The headers of a successful answer with {@code any} of the representation's own headers after Content-Type. */
    static Map<String, String> anyOriginHeaders(Map<String, String> own) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        headers.putAll(own);
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Access-Control-Expose-Headers", "ETag, Location, Retry-After, WWW-Authenticate, X-Request-Id");
        return headers;
    }

    @Test
    void refusesMissingCollaborators() {
        TaskService service = new TaskService(new InMemoryTaskRepository(), harness.clock, new SequentialIdGenerator(),
                PageTokenSealer.withRandomSecret());
        RequestLog log = new RequestLog(System.out);
        CorsPolicy cors = CorsPolicy.anyOrigin();
        assertThatThrownBy(() -> new TaskApi(null, cors, log)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TaskApi(service, null, log)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TaskApi(service, cors, null)).isInstanceOf(NullPointerException.class);
    }

    @Nested
    class Create {
        @Test
        void answers201WithTheIdAndTheStoredTaskInTheDocumentedShape() {
            HttpResponse response = harness.send(Request.post("/tasks").json("{\"task\":\"Write documentation\"}"));

            assertResponse(response, 201, "{\"id\":\"" + ID1 + "\",\"task\":"
                    + taskJson(ID1, "Write documentation", "new", "medium", T0, T0) + "}");
            assertThat(withoutRequestId(response.headers())).containsExactlyEntriesOf(
                    anyOriginHeaders(ordered("Location", "/tasks/" + ID1, "ETag", "\"1\"")));
            assertThat(harness.stored()).extracting(Task::id).containsExactly(ID1);
        }

        @Test
        void keepsTheGivenStatusAndPriority() {
            HttpResponse response = harness.send(Request.post("/tasks")
                    .json("{\"priority\":\"high\",\"task\":\"Deploy\",\"status\":\"in_progress\"}"));

            assertResponse(response, 201,
                    "{\"id\":\"" + ID1 + "\",\"task\":" + taskJson(ID1, "Deploy", "in_progress", "high", T0, T0) + "}");
        }

        @Test
        void storesTheTextStrippedAndReadsJsonEscapes() {
            HttpResponse response = harness.send(Request.post("/tasks")
                    .json("{\"t\\u0061sk\":\"  Caf\\u00e9 \\ud83d\\ude80 \\\"quoted\\\" \\t\"}"));

            assertThat(response.status()).isEqualTo(201);
            assertThat(harness.stored()).extracting(Task::text).containsExactly("Café \uD83D\uDE80 \"quoted\"");
        }

        @Test
        void accepts500EmojiAndWritesThemBackUnchanged() {
            String text = "\uD83D\uDE80".repeat(500);

            HttpResponse response = harness.send(Request.post("/tasks").json("{\"task\":\"" + text + "\"}"));

            assertResponse(response, 201,
                    "{\"id\":\"" + ID1 + "\",\"task\":" + taskJson(ID1, text, "new", "medium", T0, T0) + "}");
        }

        static Stream<Arguments> invalidTasks() {
            return Stream.of(
                    Arguments.of("{}", validation("task", "is required")),
                    Arguments.of("{\"status\":\"new\",\"priority\":\"low\"}", validation("task", "is required")),
                    Arguments.of("{\"task\":\"\"}", validation("task", "must not be empty")),
                    Arguments.of("{\"task\":\"  \\t \\n \"}", validation("task", "must not be empty")),
                    Arguments.of("{\"task\":\"a\\u0000b\"}", validation("task", "must not contain control characters")),
                    Arguments.of("{\"task\":\"a\\nb\"}", validation("task", "must not contain control characters")),
                    Arguments.of("{\"task\":\"a\\u0085b\"}", validation("task", "must not contain control characters")),
                    Arguments.of("{\"task\":\"a\\u007fb\"}", validation("task", "must not contain control characters")),
                    Arguments.of("{\"task\":\"" + "a".repeat(501) + "\"}",
                            validation("task", "must be at most 500 characters")),
                    Arguments.of("{\"task\":\"a\",\"status\":\"NEW\"}", validation("status", STATUS_VALUES)),
                    Arguments.of("{\"task\":\"a\",\"status\":\"In_Progress\"}", validation("status", STATUS_VALUES)),
                    Arguments.of("{\"task\":\"a\",\"status\":\" new\"}", validation("status", STATUS_VALUES)),
                    Arguments.of("{\"task\":\"a\",\"priority\":\"High\"}", validation("priority", PRIORITY_VALUES)),
                    Arguments.of("{\"task\":\"a\",\"priority\":\"\"}", validation("priority", PRIORITY_VALUES)),
                    Arguments.of("{\"task\":\" \",\"status\":\"done\",\"priority\":\"p1\"}", validation(
                            "task", "must not be empty", "status", STATUS_VALUES, "priority", PRIORITY_VALUES)));
        }

        @ParameterizedTest
        @MethodSource("invalidTasks")
        void rejectsATaskThatBreaksARuleAndStoresNothing(String body, String expected) {
            assertResponse(harness.send(Request.post("/tasks").json(body)), 400, expected);
            assertThat(harness.stored()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"task\":\"\\ud83d\"}", "{\"task\":\"x\\ude80y\"}", "{\"task\":\"\\ude80\\ud83d\"}"})
        void rejectsEscapedUnpairedSurrogatesAsMalformedJson(String body) {
            // The JSON reader refuses them before the task rules (which also forbid them) are reached.
            assertResponse(harness.send(Request.post("/tasks").json(body)), 400, error(MALFORMED));
            assertThat(harness.stored()).isEmpty();
        }
    }

    @Nested
    class Read {
        @Test
        void answersTheTaskInTheDocumentedShape() {
            harness.send(Request.post("/tasks").json("{\"task\":\"Deploy infrastructure\",\"priority\":\"high\"}"));

            HttpResponse response = harness.send(Request.get("/tasks/" + ID1));

            assertResponse(response, 200, taskJson(ID1, "Deploy infrastructure", "new", "high", T0, T0));
            assertThat(withoutRequestId(response.headers())).containsExactlyEntriesOf(
                    anyOriginHeaders(ordered("ETag", "\"1\"")));
        }

        @Test
        void aMissingTaskIsNotFound() {
            assertResponse(harness.send(Request.get("/tasks/" + MISSING_ID)), 404, error("Task not found"));
        }

        @Test
        void anotherOwnersTaskIsNotFoundAnywhere() {
            String id = harness.create("alice's task");
            OwnerId bob = new OwnerId("bob");

            assertResponse(harness.send(Request.get("/tasks/" + id).owner(bob)), 404, error("Task not found"));
            assertResponse(harness.send(Request.put("/tasks/" + id).owner(bob).json("{\"task\":\"mine\"}")), 404,
                    error("Task not found"));
            assertResponse(harness.send(Request.delete("/tasks/" + id).owner(bob)), 404, error("Task not found"));
            assertResponse(harness.send(Request.get("/tasks").owner(bob)), 200,
                    "{\"items\":[],\"count\":0,\"next\":null}");
            assertThat(harness.stored()).extracting(Task::text).containsExactly("alice's task");
        }
    }

    @Nested
    class Update {
        @Test
        void answersTheUpdatedTaskInTheDocumentedShape() {
            harness.send(Request.post("/tasks").json("{\"task\":\"Deploy\",\"priority\":\"low\"}"));
            harness.clock.advance(Duration.ofSeconds(266));

            HttpResponse response = harness.send(Request.put("/tasks/" + ID1)
                    .json("{\"task\":\"Updated task description\",\"status\":\"in_progress\",\"priority\":\"urgent\"}"));

            assertResponse(response, 200, "{\"message\":\"Task updated successfully\",\"task\":"
                    + taskJson(ID1, "Updated task description", "in_progress", "urgent", T0, T0 + 266) + "}");
            assertThat(withoutRequestId(response.headers())).containsExactlyEntriesOf(
                    anyOriginHeaders(ordered("ETag", "\"2\"")));
        }

        @Test
        void changesOnlyTheNamedFieldsAndBumpsTheVersion() {
            harness.send(Request.post("/tasks").json("{\"task\":\"Deploy\",\"priority\":\"low\"}"));
            harness.clock.advance(Duration.ofSeconds(5));

            harness.send(Request.put("/tasks/" + ID1).json("{\"status\":\"completed\"}"));

            assertThat(harness.stored()).containsExactly(new Task(ID1, "Deploy", TaskStatus.COMPLETED,
                    TaskPriority.LOW, T0, T0 + 5, 2));
            assertResponse(harness.send(Request.get("/tasks/" + ID1)), 200,
                    taskJson(ID1, "Deploy", "completed", "low", T0, T0 + 5));
        }

        @Test
        void anEmptyObjectNamesNoFieldAndChangesNothing() {
            harness.create("Deploy");
            List<Task> before = harness.stored();

            assertResponse(harness.send(Request.put("/tasks/" + ID1).json("{}")), 400,
                    validation("body", "must name at least one of: task, status, priority, description, due_date, tags"));
            assertThat(harness.stored()).isEqualTo(before);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"task\":\"\"}", "{\"task\":\"a\",\"status\":\"Done\"}", "{\"priority\":\"HIGH\"}",
                "{\"task\":\"a\\u0000\"}"})
        void anInvalidChangeChangesNothing(String body) {
            harness.create("Deploy");
            List<Task> before = harness.stored();

            assertThat(harness.send(Request.put("/tasks/" + ID1).json(body)).status()).isEqualTo(400);
            assertThat(harness.stored()).isEqualTo(before);
        }

        @Test
        void aMissingTaskIsNotFoundAndNotCreated() {
            assertResponse(harness.send(Request.put("/tasks/" + MISSING_ID).json("{\"task\":\"x\"}")), 404,
                    error("Task not found"));
            assertThat(harness.stored()).isEmpty();
        }

        @Test
        void aValidationErrorIsReportedBeforeLookingForTheTask() {
            assertResponse(harness.send(Request.put("/tasks/" + MISSING_ID).json("{}")), 400,
                    validation("body", "must name at least one of: task, status, priority, description, due_date, tags"));
        }
    }

    @Nested
    class Delete {
        @Test
        void answersTheDocumentedMessageAndRemovesTheTask() {
            harness.create("Deploy");

            HttpResponse response = harness.send(Request.delete("/tasks/" + ID1));

            assertResponse(response, 200, "{\"message\":\"Task deleted successfully\",\"id\":\"" + ID1 + "\"}");
            assertThat(withoutRequestId(response.headers())).containsExactlyEntriesOf(anyOriginHeaders());
            assertThat(harness.stored()).isEmpty();
            assertResponse(harness.send(Request.get("/tasks/" + ID1)), 404, error("Task not found"));
        }

        @Test
        void deletingTwiceIsNotFoundTheSecondTime() {
            harness.create("Deploy");
            harness.send(Request.delete("/tasks/" + ID1));

            assertResponse(harness.send(Request.delete("/tasks/" + ID1)), 404, error("Task not found"));
        }

        @Test
        void deletesOnlyTheNamedTask() {
            harness.create("first");
            harness.create("second");

            harness.send(Request.delete("/tasks/" + ID1));

            assertThat(harness.stored()).extracting(Task::id).containsExactly(ID2);
        }
    }

    /** Description, due date and tags: written after the seed's six fields, and only when set. */
    @Nested
    class Details {
        static final String DETAILED = "{\"task\":\"a\",\"description\":\"Step 1\\nStep 2\",\"due_date\":\"2026-03-01\","
                + "\"tags\":[\"work\",\"q1\",\"work\"]}";

        static String detailedJson(String id, long version) {
            return "{\"id\":\"" + id + "\",\"task\":\"a\",\"status\":\"new\",\"priority\":\"medium\",\"created_at\":" + T0
                    + ",\"updated_at\":" + T0 + ",\"description\":\"Step 1\\nStep 2\",\"due_date\":\"2026-03-01\","
                    + "\"tags\":[\"work\",\"q1\"]}";
        }

        @Test
        void aCreateKeepsTheDetailsAndWritesThemAfterTheSeedFields() {
            HttpResponse response = harness.send(Request.post("/tasks").json(DETAILED));

            assertResponse(response, 201, "{\"id\":\"" + ID1 + "\",\"task\":" + detailedJson(ID1, 1) + "}");
            assertResponse(harness.send(Request.get("/tasks/" + ID1)), 200, detailedJson(ID1, 1));
        }

        @Test
        void nullDetailsOnACreateAreAbsent() {
            assertResponse(harness.send(Request.post("/tasks")
                            .json("{\"task\":\"a\",\"description\":null,\"due_date\":null,\"tags\":null}")), 201,
                    "{\"id\":\"" + ID1 + "\",\"task\":" + taskJson(ID1, "a", "new", "medium", T0, T0) + "}");
        }

        @Test
        void anEmptyTagListIsNotWritten() {
            assertResponse(harness.send(Request.post("/tasks").json("{\"task\":\"a\",\"tags\":[]}")), 201,
                    "{\"id\":\"" + ID1 + "\",\"task\":" + taskJson(ID1, "a", "new", "medium", T0, T0) + "}");
        }

        static Stream<Arguments> invalidDetails() {
            return Stream.of(
                    Arguments.of("{\"task\":\"a\",\"description\":1}", validation("description", "must be a string or null")),
                    Arguments.of("{\"task\":\"a\",\"due_date\":20260301}", validation("due_date", "must be a string or null")),
                    Arguments.of("{\"task\":\"a\",\"due_date\":\"2026-02-30\"}",
                            validation("due_date", "must be a date that exists, such as 2026-02-28")),
                    Arguments.of("{\"task\":\"a\",\"tags\":\"work\"}", validation("tags", "must be an array of strings or null")),
                    Arguments.of("{\"task\":\"a\",\"tags\":[\"ok\",1,null]}",
                            validation("tags[1]", "must be a string", "tags[2]", "must be a string")),
                    Arguments.of("{\"task\":\"a\",\"tags\":[\"Work\"]}", validation("tags[0]", "must be lowercase")),
                    Arguments.of("{\"task\":\"a\",\"description\":\"" + "d".repeat(4001) + "\"}",
                            validation("description", "must be at most 4000 characters")));
        }

        @ParameterizedTest
        @MethodSource("invalidDetails")
        void aCreateWithAnInvalidDetailIsRefusedPerField(String body, String expected) {
            assertResponse(harness.send(Request.post("/tasks").json(body)), 400, expected);
            assertThat(harness.stored()).isEmpty();
        }

        @Test
        void aPutSetsAndRemovesDetailsKeepingTheSeedShape() {
            harness.send(Request.post("/tasks").json(DETAILED));

            HttpResponse response = harness.send(Request.put("/tasks/" + ID1)
                    .json("{\"description\":null,\"tags\":[\"home\"]}"));

            assertResponse(response, 200, "{\"message\":\"Task updated successfully\",\"task\":{\"id\":\"" + ID1
                    + "\",\"task\":\"a\",\"status\":\"new\",\"priority\":\"medium\",\"created_at\":" + T0 + ",\"updated_at\":"
                    + T0 + ",\"due_date\":\"2026-03-01\",\"tags\":[\"home\"]}}");
        }

        @Test
        void aPutStillRefusesNullForARequiredField() {
            harness.create("a");

            assertResponse(harness.send(Request.put("/tasks/" + ID1).json("{\"task\":null}")), 400,
                    validation("task", "must be a string"));
        }
    }

    /** PATCH with a JSON merge patch (RFC 7396). */
    @Nested
    class Patch {
        static final String MERGE_PATCH = "application/merge-patch+json";

        Request patch(String id, String body) {
            return Request.of("PATCH", "/tasks/" + id).header("Content-Type", MERGE_PATCH).body(utf8(body));
        }

        @Test
        void answersTheUpdatedTaskItselfWithItsETag() {
            harness.create("a");
            harness.clock.advance(Duration.ofSeconds(3));

            HttpResponse response = harness.send(patch(ID1, "{\"status\":\"completed\",\"due_date\":\"2026-01-02\"}"));

            assertResponse(response, 200, "{\"id\":\"" + ID1 + "\",\"task\":\"a\",\"status\":\"completed\","
                    + "\"priority\":\"medium\",\"created_at\":" + T0 + ",\"updated_at\":" + (T0 + 3)
                    + ",\"due_date\":\"2026-01-02\"}");
            assertThat(response.headers()).containsEntry("ETag", "\"2\"").containsEntry("Content-Type", JSON);
        }

        @Test
        void nullRemovesAnOptionalDetail() {
            harness.send(Request.post("/tasks").json(Details.DETAILED));

            HttpResponse response = harness.send(patch(ID1, "{\"description\":null,\"due_date\":null,\"tags\":null}"));

            assertResponse(response, 200, taskJson(ID1, "a", "new", "medium", T0, T0));
        }

        @ParameterizedTest
        @ValueSource(strings = {"task", "status", "priority"})
        void nullCannotRemoveARequiredField(String field) {
            harness.create("a");
            List<Task> before = harness.stored();

            assertResponse(harness.send(patch(ID1, "{\"" + field + "\":null}")), 400,
                    validation(field, "is required and cannot be removed"));
            assertThat(harness.stored()).isEqualTo(before);
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/json", "application/json-patch+json", "text/plain", ""})
        void acceptsOnlyAMergePatch(String contentType) {
            harness.create("a");

            assertResponse(harness.send(Request.of("PATCH", "/tasks/" + ID1).header("Content-Type", contentType)
                    .body(utf8("{\"status\":\"completed\"}"))), 415,
                    error("Content-Type must be application/merge-patch+json"));
        }

        @Test
        void acceptsAMergePatchWithAUtf8Charset() {
            harness.create("a");

            assertThat(harness.send(Request.of("PATCH", "/tasks/" + ID1)
                    .header("Content-Type", "application/merge-patch+json; charset=utf-8")
                    .body(utf8("{\"status\":\"completed\"}"))).status()).isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "null", "\"x\"", "[{\"op\":\"replace\"}]"})
        void theBodyMustBeAnObject(String body) {
            harness.create("a");

            assertResponse(harness.send(patch(ID1, body)), 400, error(NOT_AN_OBJECT));
        }

        @Test
        void unknownAndServerFieldsAreRefusedAsForPut() {
            harness.create("a");

            assertResponse(harness.send(patch(ID1, "{\"id\":null,\"colour\":\"red\"}")), 400,
                    validation("id", "is set by the server and cannot be written", "colour", "is not a known field"));
        }

        @Test
        void anEmptyPatchNamesNoField() {
            harness.create("a");

            assertResponse(harness.send(patch(ID1, "{}")), 400, validation("body",
                    "must name at least one of: task, status, priority, description, due_date, tags"));
        }

        @Test
        void aMissingTaskIsNotFound() {
            assertResponse(harness.send(patch(MISSING_ID, "{\"status\":\"new\"}")), 404, error("Task not found"));
        }

        @Test
        void honoursIfMatch() {
            harness.create("a");

            assertThat(harness.send(patch(ID1, "{\"status\":\"completed\"}").header("If-Match", "\"2\"")).status())
                    .isEqualTo(412);
            assertThat(harness.send(patch(ID1, "{\"status\":\"completed\"}").header("If-Match", "\"1\"")).status())
                    .isEqualTo(200);
        }
    }

    /** Idempotency-Key on POST and PATCH. */
    @Nested
    class IdempotentRetries {
        Request post(String key, String body) {
            return Request.post("/tasks").header("Idempotency-Key", key).json(body);
        }

        @Test
        void aRetryGetsTheFirstAnswerAndCreatesNothing() {
            HttpResponse first = harness.send(post("k-1", "{\"task\":\"once\"}"));
            harness.clock.advance(Duration.ofHours(1));

            HttpResponse retry = harness.send(post("k-1", "{\"task\":\"once\"}"));

            assertThat(first.status()).isEqualTo(201);
            assertResponse(retry, 201, first.body());
            assertThat(withoutRequestId(retry.headers())).isEqualTo(withoutRequestId(first.headers()));
            assertThat(harness.stored()).hasSize(1);
        }

        @Test
        void theSameKeyWithAnotherBodyIs422() {
            harness.send(post("k-1", "{\"task\":\"once\"}"));

            assertResponse(harness.send(post("k-1", "{\"task\":\"twice\"}")), 422,
                    error("This Idempotency-Key was already used with a different request"));
            assertThat(harness.stored()).hasSize(1);
        }

        @Test
        void keysAreScopedToTheOwner() {
            harness.send(post("k-1", "{\"task\":\"once\"}"));

            assertThat(harness.send(post("k-1", "{\"task\":\"once\"}").owner(new OwnerId("bob"))).status())
                    .isEqualTo(201);
        }

        @Test
        void aRequestStillInFlightIs409WithRetryAfter() {
            String fingerprint = Idempotency.fingerprint(post("k-1", "{\"task\":\"once\"}").build("x"));
            harness.idempotencyStore.claim(TaskApiHarness.OWNER, "k-1", fingerprint, T0);

            HttpResponse response = harness.send(post("k-1", "{\"task\":\"once\"}"));

            assertResponse(response, 409,
                    error("A request with this Idempotency-Key is still being processed; retry it later"));
            assertThat(response.headers()).containsEntry("Retry-After", "1");
            assertThat(harness.stored()).isEmpty();
        }

        @Test
        void anAttemptAbandonedForAMinuteIsRunAgain() {
            String fingerprint = Idempotency.fingerprint(post("k-1", "{\"task\":\"once\"}").build("x"));
            harness.idempotencyStore.claim(TaskApiHarness.OWNER, "k-1", fingerprint, T0);
            harness.clock.advance(Duration.ofMinutes(1));

            assertThat(harness.send(post("k-1", "{\"task\":\"once\"}")).status()).isEqualTo(201);
        }

        @Test
        void aKeyIsForgottenAfter24Hours() {
            harness.send(post("k-1", "{\"task\":\"once\"}"));
            harness.clock.advance(Duration.ofHours(24));

            assertThat(harness.send(post("k-1", "{\"task\":\"twice\"}")).status()).isEqualTo(201);
            assertThat(harness.stored()).hasSize(2);
        }

        @Test
        void aRefusedRequestKeepsNothingSoACorrectedRetryRuns() {
            assertThat(harness.send(post("k-1", "{\"task\":\"\"}")).status()).isEqualTo(400);

            assertThat(harness.send(post("k-1", "{\"task\":\"fixed\"}")).status()).isEqualTo(201);
        }

        @Test
        void aServerFailureReleasesTheKey() {
            TaskApiHarness down = new TaskApiHarness(new BrokenRepository(
                    () -> new StoreUnavailableException(new RuntimeException("throttled"))));
            down.send(Request.post("/tasks").header("Idempotency-Key", "k").json("{\"task\":\"a\"}"));

            assertThat(down.idempotencyStore.claim(TaskApiHarness.OWNER, "k", "any", T0))
                    .isInstanceOf(io.taskapi.domain.IdempotencyClaim.Granted.class);
        }

        @Test
        void aPatchRetryIsAnsweredWithoutApplyingItAgain() {
            harness.create("a");
            Request patch = Request.of("PATCH", "/tasks/" + ID1).header("Idempotency-Key", "p")
                    .header("Content-Type", "application/merge-patch+json").body(utf8("{\"tags\":[\"x\"]}"));

            HttpResponse first = harness.send(patch);
            HttpResponse retry = harness.send(patch);

            assertResponse(retry, 200, first.body());
            assertThat(retry.headers()).containsEntry("ETag", "\"2\"");
            assertThat(harness.stored()).extracting(Task::version).containsExactly(2L);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "has space", "tab\tkey", "caf\u00e9"})
        void aKeyMustBeVisibleAscii(String key) {
            assertResponse(harness.send(post(key, "{\"task\":\"a\"}")), 400, validation("Idempotency-Key",
                    "must be given once, as 1 to 255 visible ASCII characters"));
            assertThat(harness.stored()).isEmpty();
        }

        @Test
        void aKeyHasAtMost255Characters() {
            assertThat(harness.send(post("k".repeat(255), "{\"task\":\"a\"}")).status()).isEqualTo(201);
            assertThat(harness.send(post("k".repeat(256), "{\"task\":\"a\"}")).status()).isEqualTo(400);
            assertThat(harness.send(post("a", "{\"task\":\"a\"}").header("Idempotency-Key", "b")).status())
                    .isEqualTo(400);
        }

        @Test
        void otherMethodsIgnoreTheHeader() {
            harness.create("a");

            assertThat(harness.send(Request.put("/tasks/" + ID1).header("Idempotency-Key", "has space")
                    .json("{\"task\":\"b\"}")).status()).isEqualTo(200);
        }
    }

    /** ETags, If-Match and If-None-Match (RFC 9110 section 13). */
    @Nested
    class ConditionalRequests {
        static final String STALE = "Task has changed since the version in If-Match; fetch it again";

        @Test
        void everyRepresentationOfATaskIsTaggedWithItsVersion() {
            assertThat(harness.send(Request.post("/tasks").json("{\"task\":\"a\"}")).headers())
                    .containsEntry("ETag", "\"1\"").containsEntry("Location", "/tasks/" + ID1);
            assertThat(harness.send(Request.get("/tasks/" + ID1)).headers()).containsEntry("ETag", "\"1\"");
            assertThat(harness.send(Request.head("/tasks/" + ID1)).headers()).containsEntry("ETag", "\"1\"");
            assertThat(harness.send(Request.put("/tasks/" + ID1).json("{\"task\":\"b\"}")).headers())
                    .containsEntry("ETag", "\"2\"");
            assertThat(harness.send(Request.get("/tasks")).headers()).doesNotContainKey("ETag");
            assertThat(harness.send(Request.delete("/tasks/" + ID1)).headers()).doesNotContainKey("ETag");
        }

        @Test
        void theLocationStartsWithTheClientsBasePath() {
            HttpResponse response = harness.api.handle(new HttpRequest("POST", "/tasks", Map.of(),
                    Map.of("Content-Type", List.of(JSON)), utf8("{\"task\":\"a\"}"), "r", TaskApiHarness.OWNER,
                    "/dev"));

            assertThat(response.headers()).containsEntry("Location", "/dev/tasks/" + ID1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"1\"", "*", "\"7\", \"1\"", "W/\"9\", \"1\""})
        void aPutWhoseIfMatchNamesTheCurrentVersionIsApplied(String ifMatch) {
            harness.create("a");

            HttpResponse response = harness.send(Request.put("/tasks/" + ID1).header("If-Match", ifMatch)
                    .json("{\"task\":\"b\"}"));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers()).containsEntry("ETag", "\"2\"");
            assertThat(harness.stored()).extracting(Task::text).containsExactly("b");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"2\"", "W/\"1\"", "1", "\"01\"", "\"abc\"", "\"2\", \"3\"", "", "\"99999999999999999999\""})
        void aPutWhoseIfMatchDoesNotNameTheCurrentVersionIs412AndChangesNothing(String ifMatch) {
            harness.create("a");
            List<Task> before = harness.stored();

            HttpResponse response = harness.send(Request.put("/tasks/" + ID1).header("If-Match", ifMatch)
                    .json("{\"task\":\"b\"}"));

            assertResponse(response, 412, error(STALE));
            assertThat(response.headers()).containsEntry("Content-Type", PROBLEM);
            assertThat(harness.stored()).isEqualTo(before);
        }

        @Test
        void severalIfMatchLinesFormOneList() {
            harness.create("a");

            assertThat(harness.send(Request.put("/tasks/" + ID1).header("If-Match", "\"5\"")
                    .header("If-Match", "\"1\"").json("{\"task\":\"b\"}")).status()).isEqualTo(200);
        }

        @Test
        void aDeleteWithAStaleIfMatchIs412AndKeepsTheTask() {
            harness.create("a");
            harness.send(Request.put("/tasks/" + ID1).json("{\"task\":\"b\"}"));

            assertResponse(harness.send(Request.delete("/tasks/" + ID1).header("If-Match", "\"1\"")), 412,
                    error(STALE));
            assertThat(harness.stored()).hasSize(1);
            assertThat(harness.send(Request.delete("/tasks/" + ID1).header("If-Match", "\"2\"")).status())
                    .isEqualTo(200);
            assertThat(harness.stored()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"PUT", "DELETE"})
        void aMissingTaskIsNotFoundWhateverTheIfMatch(String method) {
            assertResponse(harness.send(Request.of(method, "/tasks/" + MISSING_ID).header("If-Match", "\"1\"")
                    .json("{\"task\":\"b\"}")), 404, error("Task not found"));
            assertResponse(harness.send(Request.of(method, "/tasks/" + MISSING_ID).header("If-Match", "*")
                    .json("{\"task\":\"b\"}")), 404, error("Task not found"));
        }

        @Test
        void withoutIfMatchALostRaceIsStillA409() {
            TaskApiHarness contended = new TaskApiHarness(new ForwardingTaskRepository(new InMemoryTaskRepository()) {
                @Override
                public void replace(OwnerId owner, Task task, long expectedVersion) {
                    throw new VersionConflictException();
                }
            });
            contended.create("a");

            assertResponse(contended.send(Request.put("/tasks/" + ID1).json("{\"task\":\"b\"}")), 409,
                    error("Task was modified by another request"));
            assertResponse(contended.send(Request.put("/tasks/" + ID1).header("If-Match", "\"1\"")
                    .json("{\"task\":\"b\"}")), 412, error(STALE));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"1\"", "W/\"1\"", "*", "\"3\", \"1\""})
        void aGetWhoseIfNoneMatchNamesTheCurrentVersionIs304WithTheTagAndNoBody(String ifNoneMatch) {
            harness.create("a");

            HttpResponse response = harness.send(Request.get("/tasks/" + ID1).header("If-None-Match", ifNoneMatch));

            assertResponse(response, 304, "");
            assertThat(withoutRequestId(response.headers())).containsExactlyEntriesOf(ordered("ETag", "\"1\"",
                    "Access-Control-Allow-Origin", "*",
                    "Access-Control-Expose-Headers", "ETag, Location, Retry-After, WWW-Authenticate, X-Request-Id"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"2\"", "garbage", "W/\"2\""})
        void aGetWhoseIfNoneMatchIsStaleAnswersTheTask(String ifNoneMatch) {
            harness.create("a");

            HttpResponse response = harness.send(Request.get("/tasks/" + ID1).header("If-None-Match", ifNoneMatch));

            assertResponse(response, 200, taskJson(ID1, "a", "new", "medium", T0, T0));
        }

        @Test
        void ifNoneMatchOnAMissingTaskIsStillNotFound() {
            assertResponse(harness.send(Request.get("/tasks/" + MISSING_ID).header("If-None-Match", "*")), 404,
                    error("Task not found"));
        }
    }

    @Nested
    class ListTasks {
        @Test
        void anEmptyListingHasTheDocumentedShape() {
            HttpResponse response = harness.send(Request.get("/tasks"));

            assertResponse(response, 200, "{\"items\":[],\"count\":0,\"next\":null}");
            assertThat(withoutRequestId(response.headers())).containsExactlyEntriesOf(anyOriginHeaders());
        }

        @Test
        void listsTasksNewestFirstInTheDocumentedShape() {
            harness.create("first");
            harness.clock.advance(Duration.ofSeconds(1));
            harness.create("second");

            assertResponse(harness.send(Request.get("/tasks")), 200, "{\"items\":["
                    + taskJson(ID2, "second", "new", "medium", T0 + 1, T0 + 1) + ","
                    + taskJson(ID1, "first", "new", "medium", T0, T0) + "],\"count\":2,\"next\":null}");
        }

        @Test
        void returns25TasksByDefault() {
            for (int i = 0; i < 30; i++) {
                harness.create("t" + i);
            }

            JsonObject page = parse(harness.send(Request.get("/tasks")).body()).getAsJsonObject();

            assertThat(page.get("count").getAsInt()).isEqualTo(25);
            assertThat(page.getAsJsonArray("items")).hasSize(25);
            assertThat(page.get("next").isJsonNull()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 7, 100})
        void pagesThroughEveryTaskOnceWithSealedTokens(int limit) {
            for (int i = 0; i < 7; i++) {
                harness.create("t" + i);
            }
            List<String> seen = new ArrayList<>();
            String next = null;
            int pages = 0;
            do {
                Request request = Request.get("/tasks").query("limit", String.valueOf(limit));
                if (next != null) {
                    request.query("next", next);
                }
                HttpResponse response = harness.send(request);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                JsonObject page = parse(response.body()).getAsJsonObject();
                page.getAsJsonArray("items").forEach(item -> seen.add(item.getAsJsonObject().get("id").getAsString()));
                assertThat(page.get("count").getAsInt()).isEqualTo(page.getAsJsonArray("items").size())
                        .isLessThanOrEqualTo(limit);
                next = page.get("next").isJsonNull() ? null : page.get("next").getAsString();
                pages++;
            } while (next != null);

            assertThat(seen).containsExactly(id(7), id(6), id(5), id(4), id(3), id(2), id(1));
            assertThat(pages).isEqualTo((7 + limit - 1) / limit);
        }

        @Test
        void filtersByStatusAndPriority() {
            harness.send(Request.post("/tasks").json("{\"task\":\"a\",\"status\":\"completed\",\"priority\":\"high\"}"));
            harness.send(Request.post("/tasks").json("{\"task\":\"b\",\"status\":\"completed\",\"priority\":\"low\"}"));
            harness.send(Request.post("/tasks").json("{\"task\":\"c\",\"status\":\"new\",\"priority\":\"high\"}"));

            assertThat(texts(Request.get("/tasks").query("status", "completed"))).containsExactly("b", "a");
            assertThat(texts(Request.get("/tasks").query("priority", "high"))).containsExactly("c", "a");
            assertThat(texts(Request.get("/tasks").query("status", "completed").query("priority", "high")))
                    .containsExactly("a");
            assertThat(texts(Request.get("/tasks").query("status", "cancelled"))).isEmpty();
        }

        @Test
        void emptyFilterAndTokenParametersAreIgnored() {
            harness.create("a");

            assertThat(texts(Request.get("/tasks").query("status", "").query("priority", "").query("next", "")))
                    .containsExactly("a");
        }

        @Test
        void unknownQueryParametersAreIgnored() {
            harness.create("a");

            assertThat(texts(Request.get("/tasks").query("order", "asc"))).containsExactly("a");
        }

        @Test
        void filtersByTagAndListsByDueDateEarliestFirst() {
            harness.send(Request.post("/tasks").json("{\"task\":\"a\",\"tags\":[\"work\"],\"due_date\":\"2026-03-01\"}"));
            harness.send(Request.post("/tasks").json("{\"task\":\"b\",\"tags\":[\"home\"],\"due_date\":\"2026-01-01\"}"));
            harness.send(Request.post("/tasks").json("{\"task\":\"c\",\"tags\":[\"work\"]}"));
            harness.send(Request.post("/tasks").json("{\"task\":\"d\",\"due_date\":\"2026-02-01\",\"status\":\"completed\"}"));

            assertThat(texts(Request.get("/tasks").query("tag", "work"))).containsExactly("c", "a");
            assertThat(texts(Request.get("/tasks").query("sort", "due_date"))).containsExactly("b", "d", "a");
            assertThat(texts(Request.get("/tasks").query("sort", "due_date").query("due_after", "2026-01-01")))
                    .containsExactly("d", "a");
            assertThat(texts(Request.get("/tasks").query("sort", "due_date").query("due_before", "2026-03-01")
                    .query("status", "new"))).containsExactly("b");
            assertThat(texts(Request.get("/tasks").query("sort", "due_date").query("tag", "work"))).containsExactly("a");
            assertThat(texts(Request.get("/tasks").query("sort", "created_at").query("tag", ""))).hasSize(4);
        }

        @Test
        void anUnsupportedCombinationSaysWhatIsSupported() {
            assertResponse(harness.send(Request.get("/tasks").query("due_before", "2026-01-01")), 400,
                    validation("query", "this combination is not supported; supported: " + TaskFilter.SUPPORTED));
            assertResponse(harness.send(Request.get("/tasks").query("sort", "due_date").query("priority", "high")),
                    400, validation("query", "this combination is not supported; supported: " + TaskFilter.SUPPORTED));
        }

        @ParameterizedTest
        @ValueSource(strings = {"tag=Work|tag|must be lowercase", "sort=newest|sort|must be one of: created_at, due_date",
                "due_before=2026-13-01|due_before|must be a date that exists, such as 2026-02-28",
                "tag=a&tag=b|tag|must be given at most once"})
        void rejectsABadQueryParameter(String testCase) {
            String[] parts = testCase.split("\\|");
            Request request = Request.get("/tasks").query("sort", "due_date");
            for (String pair : parts[0].split("&")) {
                String[] nameValue = pair.split("=");
                if (!nameValue[0].equals("sort")) {
                    request.query(nameValue[0], nameValue[1]);
                }
            }
            if (parts[0].startsWith("sort=")) {
                request = Request.get("/tasks").query("sort", parts[0].substring(5));
            }

            assertResponse(harness.send(request), 400, validation(parts[1], parts[2]));
        }

        @Test
        void aPageTokenIsBoundToTheWholeQuery() {
            for (int i = 0; i < 3; i++) {
                harness.send(Request.post("/tasks").json("{\"task\":\"t" + i + "\",\"tags\":[\"x\"],\"due_date\":\"2026-01-0"
                        + (i + 1) + "\"}"));
            }
            String next = nextToken(Request.get("/tasks").query("limit", "1").query("sort", "due_date"));

            assertThat(harness.send(Request.get("/tasks").query("limit", "1").query("sort", "due_date")
                    .query("next", next)).status()).isEqualTo(200);
            for (Request other : List.of(Request.get("/tasks"), Request.get("/tasks").query("sort", "due_date")
                            .query("tag", "x"), Request.get("/tasks").query("sort", "due_date")
                            .query("due_before", "2027-01-01"))) {
                assertResponse(harness.send(other.query("limit", "1").query("next", next)), 400,
                        validation("next", BAD_TOKEN));
            }
        }

        private List<String> texts(Request request) {
            HttpResponse response = harness.send(request);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            List<String> texts = new ArrayList<>();
            parse(response.body()).getAsJsonObject().getAsJsonArray("items")
                    .forEach(item -> texts.add(item.getAsJsonObject().get("task").getAsString()));
            return texts;
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "1e2", " 5", "5 ", "+5", "", "1000",
                "99999999999", "0x10", "\u0665", "２"})
        void rejectsALimitThatIsNotAnIntegerFrom1To100(String limit) {
            assertResponse(harness.send(Request.get("/tasks").query("limit", limit)), 400,
                    validation("limit", LIMIT_RANGE));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "100", "25"})
        void acceptsALimitFrom1To100(String limit) {
            assertThat(harness.send(Request.get("/tasks").query("limit", limit)).status()).isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"limit", "status", "priority", "next"})
        void rejectsAParameterGivenTwice(String name) {
            String value = name.equals("limit") ? "5" : name.equals("priority") ? "low" : "new";

            assertResponse(harness.send(Request.get("/tasks").query(name, value, value)), 400,
                    validation(name, "must be given at most once"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"NEW", "New", "done", " new", "in-progress", "all"})
        void rejectsAnUnknownStatusFilter(String status) {
            assertResponse(harness.send(Request.get("/tasks").query("status", status)), 400,
                    validation("status", STATUS_VALUES));
        }

        @ParameterizedTest
        @ValueSource(strings = {"HIGH", "High", "critical", "low "})
        void rejectsAnUnknownPriorityFilter(String priority) {
            assertResponse(harness.send(Request.get("/tasks").query("priority", priority)), 400,
                    validation("priority", PRIORITY_VALUES));
        }

        @ParameterizedTest
        @ValueSource(strings = {"garbage", "null", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "%00", "a+b/c="})
        void rejectsAGarbagePageToken(String next) {
            assertResponse(harness.send(Request.get("/tasks").query("next", next)), 400,
                    validation("next", BAD_TOKEN));
        }

        @Test
        void rejectsAnOverlongPageToken() {
            assertResponse(harness.send(Request.get("/tasks").query("next", "A".repeat(5000))), 400,
                    validation("next", BAD_TOKEN));
        }

        @Test
        void rejectsAPageTokenFromAnotherFilter() {
            for (int i = 0; i < 3; i++) {
                harness.create("t" + i);
            }
            String next = nextToken(Request.get("/tasks").query("limit", "1"));

            assertResponse(harness.send(Request.get("/tasks").query("limit", "1").query("status", "new")
                    .query("next", next)), 400, validation("next", BAD_TOKEN));
            assertResponse(harness.send(Request.get("/tasks").query("limit", "2").query("next", next)), 200,
                    "{\"items\":[" + taskJson(ID2, "t1", "new", "medium", T0, T0) + ","
                            + taskJson(ID1, "t0", "new", "medium", T0, T0) + "],\"count\":2,\"next\":null}");
        }

        @Test
        void rejectsAPageTokenFromAnotherOwner() {
            for (int i = 0; i < 3; i++) {
                harness.create("t" + i);
            }
            String next = nextToken(Request.get("/tasks").query("limit", "1"));

            assertResponse(harness.send(Request.get("/tasks").query("limit", "1").query("next", next)
                    .owner(new OwnerId("mallory"))), 400, validation("next", BAD_TOKEN));
        }

        private String nextToken(Request request) {
            JsonElement next = parse(harness.send(request).body()).getAsJsonObject().get("next");
            assertThat(next.isJsonNull()).isFalse();
            return next.getAsString();
        }

        @Test
        void reportsOneQueryProblemAtATime() {
            // Unlike a body, a query is checked one parameter at a time, so only the first problem found is reported.
            HttpResponse response = harness.send(Request.get("/tasks").query("limit", "abc").query("status", "bad")
                    .query("priority", "bad").query("next", "bad"));

            assertResponse(response, 400, validation("limit", LIMIT_RANGE));
        }
    }

    /** Body handling shared by POST /tasks and PUT /tasks/{id}; no rejected write may change the store. */
    @Nested
    class RequestBodies {
        List<Task> before;

        @BeforeEach
        void storeOneTask() {
            harness.create("Existing task");
            before = harness.stored();
        }

        Request write(String method) {
            return method.equals("POST") ? Request.post("/tasks") : Request.put("/tasks/" + ID1);
        }

        void assertRejected(String method, Request request, int status, String body) {
            assertResponse(harness.send(request), status, body);
            assertThat(harness.stored()).as("store after a rejected %s", method).isEqualTo(before);
        }

        static Stream<Arguments> bothMethods(Stream<String> bodies) {
            List<String> list = bodies.toList();
            return Stream.of("POST", "PUT").flatMap(method -> list.stream().map(body -> Arguments.of(method, body)));
        }

        static Stream<Arguments> malformedBodies() {
            return bothMethods(Stream.of(
                    "{", "{\"task\":\"a\"", "{\"task\":\"a\",}", "{\"task\" \"a\"}", "{'task':'a'}", "{task:\"a\"}",
                    "{\"task\":\"a\"} x", "{\"task\":\"a\"}{\"task\":\"b\"}", "{\"task\":\"a\"}]", "{\"task\":\"a\"}}",
                    "{\"task\":\"a\"/*c*/}", "{\"task\":\"a\"}//c", "{\"task\":\"a\\x\"}", "{\"task\":\"a\\'\"}",
                    "{\"task\":\"a\";\"status\":\"new\"}", "{\"task\":\"a\"}\u0000", "nul", "tru", "task=a", "=",
                    " ", "\n\t ", "{\"task\":\"a\",\"x\":01}"));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("malformedBodies")
        void rejectsMalformedJson(String method, String body) {
            assertRejected(method, write(method).json(body), 400, error(MALFORMED));
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT"})
        void rejectsRawControlCharactersInsideStringsAsMalformedJson(String method) {
            // RFC 8259 section 7: control characters in strings must be escaped.
            assertRejected(method, write(method).json("{\"task\":\"\tWrite docs\n\"}"), 400, error(MALFORMED));
            assertRejected(method, write(method).json("{\"task\":\"a\u0001b\"}"), 400, error(MALFORMED));
        }

        static Stream<Arguments> nonFiniteNumbers() {
            return bothMethods(Stream.of("{\"task\":NaN}", "{\"task\":Infinity}", "{\"task\":-Infinity}",
                    "{\"task\":\"a\",\"version\":NaN}", "{\"task\":\"a\",\"colour\":Infinity}", "NaN"));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("nonFiniteNumbers")
        void rejectsNaNAndInfinityAsMalformedJson(String method, String body) {
            assertRejected(method, write(method).json(body), 400, error(MALFORMED));
        }

        static Stream<Arguments> nonObjects() {
            return bothMethods(Stream.of("[]", "[{\"task\":\"a\"}]", "\"task\"", "42", "-1.5e3", "null", "true",
                    "false", " [ ] "));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("nonObjects")
        void rejectsAJsonValueThatIsNotAnObject(String method, String body) {
            assertRejected(method, write(method).json(body), 400, error(NOT_AN_OBJECT));
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT"})
        void rejectsAnEmptyBody(String method) {
            assertRejected(method, write(method).json(""), 400, error(NOT_AN_OBJECT));
        }

        static Stream<Arguments> invalidUtf8() {
            return Stream.of("POST", "PUT").flatMap(method -> Stream.of(
                    new byte[] {(byte) 0xFF},
                    new byte[] {(byte) 0x80},
                    new byte[] {(byte) 0xC0, (byte) 0xAF},
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    new byte[] {(byte) 0xE2, (byte) 0x82},
                    new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    new byte[] {(byte) 0xE9}).map(bytes -> Arguments.of(method, bytes)));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("invalidUtf8")
        void rejectsBytesThatAreNotUtf8(String method, byte[] bad) {
            byte[] body = concat(utf8("{\"task\":\"a"), bad, utf8("b\"}"));

            assertRejected(method, write(method).header("Content-Type", JSON).body(body), 400, error(NOT_UTF8));
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT"})
        void rejectsLatin1EncodedText(String method) {
            byte[] body = "{\"task\":\"café\"}".getBytes(StandardCharsets.ISO_8859_1);

            assertRejected(method, write(method).header("Content-Type", JSON).body(body), 400, error(NOT_UTF8));
        }

        static Stream<Arguments> wrongTypes() {
            List<Arguments> cases = new ArrayList<>();
            for (String method : List.of("POST", "PUT")) {
                for (String field : List.of("task", "status", "priority")) {
                    for (String value : List.of("1", "1.5", "-0", "true", "false", "null", "{}", "[]",
                            "{\"value\":\"new\"}", "[\"new\"]")) {
                        cases.add(Arguments.of(method, field, value));
                    }
                }
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0} {1}={2}")
        @MethodSource("wrongTypes")
        void rejectsAFieldThatIsNotAString(String method, String field, String value) {
            String body = field.equals("task")
                    ? "{\"task\":" + value + "}"
                    : "{\"task\":\"a\",\"" + field + "\":" + value + "}";

            assertRejected(method, write(method).json(body), 400, validation(field, "must be a string"));
        }

        static Stream<Arguments> unknownFields() {
            return bothMethods(Stream.of("colour", "Task", "STATUS", "Description", "dueDate", "tag", "", "task ", "__proto__"));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("unknownFields")
        void rejectsAnUnknownField(String method, String name) {
            assertRejected(method, write(method).json("{\"task\":\"a\"," + quote(name) + ":\"red\"}"), 400,
                    validation(name, "is not a known field"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT"})
        void echoesAtMost64CharactersOfAnUnknownFieldName(String method) {
            String name = "x".repeat(65) + "y".repeat(1000);

            assertRejected(method, write(method).json("{\"task\":\"a\",\"" + name + "\":1}"), 400,
                    validation("x".repeat(64) + "\u2026", "is not a known field"));
        }

        static Stream<Arguments> serverFields() {
            return bothMethods(Stream.of("\"id\":\"" + MISSING_ID + "\"", "\"created_at\":1", "\"updated_at\":1",
                    "\"version\":2", "\"id\":null"));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("serverFields")
        void rejectsAServerOwnedField(String method, String member) {
            String field = member.substring(1, member.indexOf('"', 1));

            assertRejected(method, write(method).json("{\"task\":\"a\"," + member + "}"), 400,
                    validation(field, "is set by the server and cannot be written"));
        }

        static Stream<Arguments> duplicates() {
            return bothMethods(Stream.of(
                    "{\"task\":\"a\",\"task\":\"b\"}|task",
                    "{\"task\":\"a\",\"task\":\"a\"}|task",
                    "{\"task\":\"a\",\"t\\u0061sk\":\"b\"}|task",
                    "{\"task\":\"a\",\"status\":\"new\",\"status\":\"done\"}|status",
                    "{\"task\":\"a\",\"priority\":\"low\",\"priority\":\"low\"}|priority"));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("duplicates")
        void rejectsAFieldThatAppearsTwice(String method, String bodyAndField) {
            String[] parts = bodyAndField.split("\\|");

            assertRejected(method, write(method).json(parts[0]), 400,
                    validation(parts[1], "must not appear more than once"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT"})
        void reportsEveryStructuralProblemAtOnceInBodyOrder(String method) {
            assertRejected(method, write(method).json(
                            "{\"task\":1,\"id\":\"x\",\"colour\":\"red\",\"task\":\"b\",\"status\":[]}"), 400,
                    validation("task", "must be a string", "id", "is set by the server and cannot be written",
                            "colour", "is not a known field", "task", "must not appear more than once",
                            "status", "must be a string"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT"})
        void reportsStructuralProblemsBeforeTaskRules(String method) {
            // The unknown field is reported; the empty text is not, because the body never reaches the task rules.
            assertRejected(method, write(method).json("{\"task\":\"\",\"colour\":\"red\"}"), 400,
                    validation("colour", "is not a known field"));
        }
    }

    @Nested
    class BodySize {
        static final String SMALL = "{\"task\":\"x\"}";

        static String padded(int bytes) {
            return SMALL + " ".repeat(bytes - SMALL.length());
        }

        @Test
        void acceptsACreateOfExactly64KiB() {
            String body = padded(65_536);

            assertThat(utf8(body)).hasSize(TaskApi.MAX_BODY_BYTES);
            assertThat(harness.send(Request.post("/tasks").json(body)).status()).isEqualTo(201);
        }

        @Test
        void acceptsAnUpdateOfExactly64KiB() {
            harness.create("a");

            assertThat(harness.send(Request.put("/tasks/" + ID1).json(padded(65_536))).status()).isEqualTo(200);
        }

        @Test
        void rejectsACreateOneByteOver64KiB() {
            assertResponse(harness.send(Request.post("/tasks").json(padded(65_537))), 413, error(TOO_LARGE));
            assertThat(harness.stored()).isEmpty();
        }

        @Test
        void rejectsAnUpdateOneByteOver64KiB() {
            harness.create("a");
            List<Task> before = harness.stored();

            String body = "{\"task\":\"changed\"}";
            body += " ".repeat(65_537 - body.length());

            assertResponse(harness.send(Request.put("/tasks/" + ID1).json(body)), 413, error(TOO_LARGE));
            assertThat(harness.stored()).isEqualTo(before);
        }

        @Test
        void checksTheSizeBeforeTheContentTypeAndTheSyntax() {
            byte[] large = new byte[1 << 20];
            Arrays.fill(large, (byte) 'x');

            assertResponse(harness.send(Request.post("/tasks").header("Content-Type", "text/plain").body(large)), 413,
                    error(TOO_LARGE));
            assertResponse(harness.send(Request.post("/tasks").body(large)), 413, error(TOO_LARGE));
        }
    }

    @Nested
    class ContentTypes {
        @Test
        void rejectsAWriteWithoutContentType() {
            assertResponse(harness.send(Request.post("/tasks").body(utf8("{\"task\":\"a\"}"))), 415,
                    error(UNSUPPORTED_TYPE));
            assertThat(harness.stored()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1",
                "application/json; charset=ISO-8859-1", "application/json; charset=utf-16", "application/json; charset",
                "application/json; charset=", "application/jsonp", "application/json-patch+json", "text/json",
                "multipart/form-data; boundary=x", "", "json", "application/json, text/plain"})
        void rejectsACreateWithAnotherContentType(String contentType) {
            assertResponse(harness.send(Request.post("/tasks").header("Content-Type", contentType)
                    .body(utf8("{\"task\":\"a\"}"))), 415, error(UNSUPPORTED_TYPE));
            assertThat(harness.stored()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"text/plain", "application/json; charset=latin1"})
        void rejectsAnUpdateWithAnotherContentType(String contentType) {
            harness.create("a");
            List<Task> before = harness.stored();

            assertResponse(harness.send(Request.put("/tasks/" + ID1).header("Content-Type", contentType)
                    .body(utf8("{\"task\":\"b\"}"))), 415, error(UNSUPPORTED_TYPE));
            assertThat(harness.stored()).isEqualTo(before);
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/json", "application/json; charset=UTF-8", "application/json;charset=utf-8",
                "APPLICATION/JSON", "Application/Json; Charset=\"UTF-8\"", " application/json ",
                "application/json; version=1"})
        void acceptsJsonInUtf8(String contentType) {
            assertThat(harness.send(Request.post("/tasks").header("Content-Type", contentType)
                    .body(utf8("{\"task\":\"a\"}"))).status()).isEqualTo(201);
        }

        @Test
        void matchesTheHeaderNameInAnyCase() {
            assertThat(harness.send(Request.post("/tasks").header("content-type", JSON)
                    .body(utf8("{\"task\":\"a\"}"))).status()).isEqualTo(201);
        }

        @Test
        void checksTheContentTypeBeforeTheBody() {
            assertResponse(harness.send(Request.post("/tasks").header("Content-Type", "text/plain")), 415,
                    error(UNSUPPORTED_TYPE));
        }
    }

    @Nested
    class Routing {
        static Stream<Arguments> unknownPaths() {
            List<Arguments> cases = new ArrayList<>();
            for (String path : List.of("/", "", "/task", "/tasks/", "/tasks/a/b", "/TASKS", "/Tasks", "//tasks",
                    "/tasks//", "/tasks/" + MISSING_ID + "/", "/tasks/" + MISSING_ID + "/x", "/v1/tasks", "/tasksx")) {
                for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
                    cases.add(Arguments.of(method, path));
                }
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0} \"{1}\"")
        @MethodSource("unknownPaths")
        void anUnknownPathIsNotFound(String method, String path) {
            HttpResponse response = harness.send(Request.of(method, path).json("{\"task\":\"a\"}"));

            assertResponse(response, 404, error("Not found"));
            assertThat(response.headers()).doesNotContainKey("Allow");
            assertThat(harness.stored()).isEmpty();
        }

        static Stream<Arguments> malformedIds() {
            List<Arguments> cases = new ArrayList<>();
            for (String id : List.of("123", "not-a-uuid", MISSING_ID.toUpperCase(), "{" + MISSING_ID + "}",
                    MISSING_ID.substring(1), MISSING_ID + "0", MISSING_ID.replace("-", ""), " " + MISSING_ID,
                    "..", "%2e%2e", "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2g")) {
                for (String method : List.of("GET", "PUT", "DELETE")) {
                    cases.add(Arguments.of(method, id));
                }
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("malformedIds")
        void anIdThatIsNotAUuidIsATaskNotFound(String method, String id) {
            harness.create("a");
            List<Task> before = harness.stored();

            assertResponse(harness.send(Request.of(method, "/tasks/" + id).json("{\"task\":\"b\"}")), 404,
                    error("Task not found"));
            assertThat(harness.stored()).isEqualTo(before);
        }
    }

    @Nested
    class Methods {
        @ParameterizedTest
        @ValueSource(strings = {"PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "get", "Post", "FOO"})
        void theCollectionRefusesOtherMethodsWithItsAllowHeader(String method) {
            HttpResponse response = harness.send(Request.of(method, "/tasks").json("{\"task\":\"a\"}"));

            assertResponse(response, 405, error("Method not allowed"));
            assertThat(response.headers()).containsEntry("Allow", ALLOW_TASKS)
                    .containsEntry("Content-Type", PROBLEM)
                    .containsEntry("Access-Control-Allow-Origin", "*");
            assertThat(harness.stored()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "TRACE", "CONNECT", "put", "delete", "patch"})
        void aTaskRefusesOtherMethodsWithItsAllowHeader(String method) {
            harness.create("a");
            List<Task> before = harness.stored();

            HttpResponse response = harness.send(Request.of(method, "/tasks/" + ID1).json("{\"task\":\"b\"}"));

            assertResponse(response, 405, error("Method not allowed"));
            assertThat(response.headers()).containsEntry("Allow", ALLOW_TASK);
            assertThat(harness.stored()).isEqualTo(before);
        }

    }

    @Nested
    class Preflight {
        @Test
        void answersThePreflightOfTheCollection() {
            HttpResponse response = harness.send(Request.options("/tasks").origin("https://app.example.com")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type"));

            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("Allow", ALLOW_TASKS);
            expected.put("Access-Control-Allow-Methods", ALLOW_TASKS);
            expected.put("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key, If-Match, If-None-Match");
            expected.put("Access-Control-Max-Age", "600");
            expected.put("Access-Control-Allow-Origin", "*");
            expected.put("Access-Control-Expose-Headers", "ETag, Location, Retry-After, WWW-Authenticate, X-Request-Id");
            assertResponse(response, 204, "");
            assertThat(withoutRequestId(response.headers())).containsExactlyEntriesOf(expected);
        }

        @Test
        void answersThePreflightOfATask() {
            HttpResponse response = harness.send(Request.options("/tasks/" + MISSING_ID));

            assertResponse(response, 204, "");
            assertThat(response.headers())
                    .containsEntry("Allow", ALLOW_TASK)
                    .containsEntry("Access-Control-Allow-Methods", ALLOW_TASK)
                    .containsEntry("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key, If-Match, If-None-Match")
                    .containsEntry("Access-Control-Max-Age", "600")
                    .doesNotContainKey("Content-Type");
        }

        @Test
        void echoesAConfiguredOriginOnThePreflight() {
            TaskApiHarness configured = new TaskApiHarness(CorsPolicy.parse(CONFIGURED_ORIGINS));

            HttpResponse response = configured.send(Request.options("/tasks").origin("http://localhost:3000"));

            assertThat(response.status()).isEqualTo(204);
            assertThat(response.headers())
                    .containsEntry("Access-Control-Allow-Origin", "http://localhost:3000")
                    .containsEntry("Vary", "Origin")
                    .containsEntry("Access-Control-Allow-Methods", ALLOW_TASKS);
        }

        @Test
        void givesAnUnlistedOriginNoAllowOriginOnThePreflight() {
            TaskApiHarness configured = new TaskApiHarness(CorsPolicy.parse(CONFIGURED_ORIGINS));

            HttpResponse response = configured.send(Request.options("/tasks").origin("https://evil.example.com"));

            assertThat(response.headers()).doesNotContainKey("Access-Control-Allow-Origin")
                    .containsEntry("Vary", "Origin");
        }
    }

    @Nested
    class Cors {
        /** One request for each kind of answer, success and error. */
        static Stream<Arguments> everyKindOfAnswer() {
            return Stream.of(
                    Arguments.of(201, (Supplier<Request>) () -> Request.post("/tasks").json("{\"task\":\"a\"}")),
                    Arguments.of(200, (Supplier<Request>) () -> Request.get("/tasks")),
                    Arguments.of(204, (Supplier<Request>) () -> Request.options("/tasks")),
                    Arguments.of(400, (Supplier<Request>) () -> Request.post("/tasks").json("{}")),
                    Arguments.of(400, (Supplier<Request>) () -> Request.post("/tasks").json("{")),
                    Arguments.of(400, (Supplier<Request>) () -> Request.get("/tasks").query("limit", "0")),
                    Arguments.of(404, (Supplier<Request>) () -> Request.get("/tasks/" + MISSING_ID)),
                    Arguments.of(404, (Supplier<Request>) () -> Request.get("/nope")),
                    Arguments.of(405, (Supplier<Request>) () -> Request.of("PATCH", "/tasks")),
                    Arguments.of(413, (Supplier<Request>) () -> Request.post("/tasks").json(" ".repeat(70_000))),
                    Arguments.of(415, (Supplier<Request>) () -> Request.post("/tasks").body(utf8("{}"))));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("everyKindOfAnswer")
        void anyOriginIsAllowedOnEveryAnswer(int status, Supplier<Request> request) {
            HttpResponse response = harness.send(request.get().origin("https://anywhere.example"));

            assertThat(response.status()).isEqualTo(status);
            assertThat(response.headers())
                    .containsEntry("Access-Control-Allow-Origin", "*")
                    .containsEntry("Access-Control-Expose-Headers", "ETag, Location, Retry-After, WWW-Authenticate, X-Request-Id")
                    .doesNotContainKey("Vary");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("everyKindOfAnswer")
        void aListedOriginIsEchoedOnEveryAnswer(int status, Supplier<Request> request) {
            TaskApiHarness configured = new TaskApiHarness(CorsPolicy.parse(CONFIGURED_ORIGINS));

            HttpResponse response = configured.send(request.get().origin("https://app.example.com"));

            assertThat(response.status()).isEqualTo(status);
            assertThat(response.headers())
                    .containsEntry("Access-Control-Allow-Origin", "https://app.example.com")
                    .containsEntry("Vary", "Origin")
                    .containsEntry("Access-Control-Expose-Headers", "ETag, Location, Retry-After, WWW-Authenticate, X-Request-Id");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("everyKindOfAnswer")
        void anUnlistedOriginGetsNoAllowOriginOnAnyAnswer(int status, Supplier<Request> request) {
            TaskApiHarness configured = new TaskApiHarness(CorsPolicy.parse(CONFIGURED_ORIGINS));

            HttpResponse response = configured.send(request.get().origin("https://evil.example.com"));

            assertThat(response.status()).isEqualTo(status);
            assertThat(response.headers()).doesNotContainKey("Access-Control-Allow-Origin")
                    .containsEntry("Vary", "Origin");
        }

        @Test
        void everyListedOriginIsEchoed() {
            TaskApiHarness configured = new TaskApiHarness(CorsPolicy.parse(CONFIGURED_ORIGINS));

            assertThat(configured.send(Request.get("/tasks").origin("http://localhost:3000")).headers())
                    .containsEntry("Access-Control-Allow-Origin", "http://localhost:3000");
            assertThat(configured.send(Request.get("/tasks").origin("https://app.example.com")).headers())
                    .containsEntry("Access-Control-Allow-Origin", "https://app.example.com");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://app.example.com.evil.com", "https://app.example.com:443",
                "http://app.example.com", "https://app.example.com/", "null", "", "*", "http://localhost:3001"})
        void onlyAnExactlyListedOriginIsEchoed(String origin) {
            TaskApiHarness configured = new TaskApiHarness(CorsPolicy.parse(CONFIGURED_ORIGINS));

            assertThat(configured.send(Request.get("/tasks").origin(origin)).headers())
                    .doesNotContainKey("Access-Control-Allow-Origin");
        }

        @Test
        void aRequestWithoutOriginGetsNoAllowOriginButVary() {
            TaskApiHarness configured = new TaskApiHarness(CorsPolicy.parse(CONFIGURED_ORIGINS));

            assertThat(configured.send(Request.get("/tasks")).headers())
                    .doesNotContainKey("Access-Control-Allow-Origin")
                    .containsEntry("Vary", "Origin");
        }

        @Test
        void serverFailuresCarryCorsHeadersToo() {
            TaskApiHarness broken = new TaskApiHarness(new BrokenRepository(() -> new RuntimeException("boom")),
                    CorsPolicy.parse(CONFIGURED_ORIGINS));
            TaskApiHarness down = new TaskApiHarness(new BrokenRepository(
                    () -> new StoreUnavailableException(new RuntimeException("throttled"))),
                    CorsPolicy.parse(CONFIGURED_ORIGINS));

            HttpResponse internal = broken.send(Request.get("/tasks").origin("https://app.example.com"));
            HttpResponse unavailable = down.send(Request.get("/tasks").origin("https://app.example.com"));

            assertThat(internal.status()).isEqualTo(500);
            assertThat(unavailable.status()).isEqualTo(503);
            for (HttpResponse response : List.of(internal, unavailable)) {
                assertThat(response.headers())
                        .containsEntry("Access-Control-Allow-Origin", "https://app.example.com")
                        .containsEntry("Vary", "Origin")
                        .containsEntry("Access-Control-Expose-Headers", "ETag, Location, Retry-After, WWW-Authenticate, X-Request-Id");
            }
        }
    }

    @Nested
    class Head {
        static Stream<String> paths() {
            return Stream.of("/tasks", "/tasks/" + ID1, "/tasks/" + MISSING_ID, "/tasks/not-a-uuid", "/nowhere");
        }

        @ParameterizedTest
        @MethodSource("paths")
        void answersWithTheStatusAndHeadersOfGetButNoBody(String path) {
            harness.create("Deploy");

            HttpResponse get = harness.send(Request.get(path));
            HttpResponse head = harness.send(Request.head(path));

            assertThat(head.status()).isEqualTo(get.status());
            assertThat(withoutRequestId(head.headers())).containsExactlyEntriesOf(withoutRequestId(get.headers()));
            assertThat(head.body()).isEmpty();
            assertThat(get.body()).isNotEmpty();
        }

        @Test
        void validatesTheQueryLikeGet() {
            HttpResponse head = harness.send(Request.head("/tasks").query("limit", "abc"));

            assertResponse(head, 400, "");
            assertThat(head.headers()).containsEntry("Content-Type", PROBLEM);
        }

        @Test
        void changesNothing() {
            harness.create("Deploy");
            List<Task> before = harness.stored();

            harness.send(Request.head("/tasks/" + ID1).json("{\"task\":\"changed\"}"));

            assertThat(harness.stored()).isEqualTo(before);
        }
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
                    new BrokenRepository(() -> new IllegalStateException("connection pool exhausted at db-7:5432")));

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
                    .contains("BrokenRepository");

            List<JsonObject> requests = broken.logEntries("request");
            assertThat(requests).hasSize(1);
            assertThat(requests.get(0).get("status").getAsInt()).isEqualTo(500);
            assertThat(requests.get(0).get("request_id").getAsString()).isEqualTo(broken.lastRequestId());
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("everyOperation")
        void anUnavailableStoreIsA503WithRetryAfter(String method, String path, String route, String body) {
            TaskApiHarness down = new TaskApiHarness(new BrokenRepository(
                    () -> new StoreUnavailableException(new RuntimeException("ProvisionedThroughputExceeded"))));

            HttpResponse response = down.send(request(method, path, body));

            assertResponse(response, 503,
                    method.equals("HEAD") ? "" : error("Service temporarily unavailable, please retry"));
            assertThat(response.headers())
                    .containsEntry("Retry-After", "1")
                    .containsEntry("Content-Type", PROBLEM)
                    .containsEntry("Access-Control-Expose-Headers", "ETag, Location, Retry-After, WWW-Authenticate, X-Request-Id");
            assertThat(down.logEntries("request")).singleElement()
                    .satisfies(line -> assertThat(line.get("status").getAsInt()).isEqualTo(503));
        }

        @Test
        void anUpdateThatKeepsLosingRacesIsAConflict() {
            InMemoryTaskRepository store = new InMemoryTaskRepository();
            TaskRepository contended = new ForwardingTaskRepository(store) {
                @Override
                public void replace(OwnerId owner, Task task, long expectedVersion) {
                    throw new VersionConflictException();
                }
            };
            TaskApiHarness api = new TaskApiHarness(contended);
            api.create("a");

            assertResponse(api.send(Request.put("/tasks/" + ID1).json("{\"task\":\"b\"}")), 409,
                    error("Task was modified by another request"));
            assertThat(store.find(TaskApiHarness.OWNER, ID1)).map(Task::text).contains("a");
        }

        @Test
        void aCreateThatKeepsCollidingIsAConflict() {
            TaskRepository colliding = new ForwardingTaskRepository(new InMemoryTaskRepository()) {
                @Override
                public void create(OwnerId owner, Task task) {
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
                public TaskSlice list(OwnerId owner, TaskFilter filter, int limit, String afterPosition) {
                    throw new IllegalArgumentException("unexpected attribute type in item");
                }
            });

            assertResponse(broken.send(Request.get("/tasks")), 500, error("Internal server error"));
            assertThat(broken.logEntries("unhandled_exception")).hasSize(1);
        }
    }

    /** Front doors authenticate; the core only acts for an authenticated caller and renders every refusal itself. */
    @Nested
    class Authentication {
        static final String REQUIRED = "Authentication required: send a bearer token in the Authorization header";

        @Test
        void aCallerWithoutCredentialsIsChallengedAndNothingIsStored() {
            HttpResponse response = harness.send(Request.post("/tasks").json("{\"task\":\"x\"}")
                    .caller(Caller.anonymous()));

            assertResponse(response, 401, error(REQUIRED));
            assertThat(response.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"tasks\"")
                    .containsEntry("Content-Type", "application/problem+json")
                    .containsEntry("Access-Control-Allow-Origin", "*");
            assertThat(harness.stored()).isEmpty();
        }

        @Test
        void aRejectedTokenIsAnInvalidTokenChallengeThatSaysNoMore() {
            HttpResponse response = harness.send(Request.get("/tasks").caller(Caller.rejected("bad_signature")));

            assertResponse(response, 401, error("The access token is invalid or has expired"));
            assertThat(response.headers())
                    .containsEntry("WWW-Authenticate", "Bearer realm=\"tasks\", error=\"invalid_token\"");
            assertThat(response.body()).doesNotContain("signature");
        }

        @Test
        void aTokenThatCannotBeCheckedNowIsA503ToRetry() {
            HttpResponse response = harness.send(Request.get("/tasks").caller(Caller.unverifiable("jwks_unreachable")));

            assertResponse(response, 503, error("The access token cannot be verified right now; retry later"));
            assertThat(response.headers()).containsEntry("Retry-After", "5").doesNotContainKey("WWW-Authenticate");
        }

        @Test
        void preflightsUnknownPathsAndUnservedMethodsNeedNoCredentials() {
            Caller nobody = Caller.anonymous();

            assertThat(harness.send(Request.options("/tasks").caller(nobody)).status()).isEqualTo(204);
            assertThat(harness.send(Request.get("/elsewhere").caller(nobody)).status()).isEqualTo(404);
            assertThat(harness.send(Request.delete("/tasks").caller(nobody)).status()).isEqualTo(405);
        }

        @Test
        void aUsersOwnerIsTheSubjectAfterAPrefixThatNoSharedOwnerHas() {
            assertThat(Caller.user("8f1e-42")).isEqualTo(Caller.owner(new OwnerId("user:8f1e-42")));
            assertThat(Caller.user("shared")).isNotEqualTo(Caller.owner(OwnerId.SHARED));
            assertThat(Caller.user("")).isInstanceOf(Caller.Rejected.class);
            assertThat(Caller.user("a\u0000b")).isInstanceOf(Caller.Rejected.class);
            assertThat(Caller.user("x".repeat(300))).isInstanceOf(Caller.Rejected.class);
        }

        @Test
        void theLogNamesWhyATokenWasRefusedButNeverAnOwnerOrTheReasonsText() {
            harness.send(Request.get("/tasks").caller(Caller.rejected("expired")));
            harness.send(Request.get("/tasks").caller(Caller.rejected("Bearer eyJhbGciOi...")));
            harness.send(Request.get("/tasks").caller(Caller.anonymous()));

            List<JsonObject> lines = harness.logEntries("request");
            assertThat(lines.get(0).get("auth_failure").getAsString()).isEqualTo("expired");
            assertThat(lines.get(1).get("auth_failure").getAsString()).isEqualTo("unspecified");
            assertThat(lines).allSatisfy(line -> assertThat(line.has("owner_hash")).isFalse());
            assertThat(lines.get(2).has("auth_failure")).isFalse();
            assertThat(harness.logText()).doesNotContain("eyJ");
        }
    }

    @Nested
    class RequestLogging {
        @Test
        void everyAnswerCarriesTheRequestIdSoAClientCanQuoteIt() {
            for (Request request : List.of(Request.get("/tasks"), Request.get("/nope"),
                    Request.post("/tasks").json("{"), Request.options("/tasks"))) {
                HttpResponse response = harness.send(request);

                assertThat(response.headers()).containsEntry("X-Request-Id", harness.lastRequestId());
            }
        }

        @Test
        void writesExactlyOneJsonLinePerRequest() {
            List<Request> requests = List.of(
                    Request.post("/tasks").json("{\"task\":\"a\"}"),
                    Request.get("/tasks"),
                    Request.get("/tasks/" + ID1),
                    Request.head("/tasks/" + ID1),
                    Request.put("/tasks/" + ID1).json("{\"status\":\"completed\"}"),
                    Request.options("/tasks/" + ID1),
                    Request.of("PATCH", "/tasks/" + ID1),
                    Request.post("/tasks").json("{"),
                    Request.get("/tasks").query("limit", "0"),
                    Request.get("/nowhere"),
                    Request.delete("/tasks/" + ID1),
                    Request.delete("/tasks/" + ID1));
            List<String> ids = new ArrayList<>();
            List<Integer> statuses = new ArrayList<>();

            for (Request request : requests) {
                statuses.add(harness.send(request).status());
                ids.add(harness.lastRequestId());
            }

            List<String> lines = List.of(harness.logText().split("\n"));
            assertThat(lines).hasSize(requests.size());
            List<JsonObject> entries = harness.logEntries();
            assertThat(entries).extracting(e -> e.get("request_id").getAsString()).containsExactlyElementsOf(ids);
            assertThat(entries).extracting(e -> e.get("status").getAsInt()).containsExactlyElementsOf(statuses);
            assertThat(statuses).containsExactly(201, 200, 200, 200, 200, 204, 415, 400, 400, 404, 200, 404);
        }

        @Test
        void aLineNamesTheMethodRouteTemplateStatusLatencyAndRequestId() {
            String id = harness.create("a");

            harness.send(Request.put("/tasks/" + id).json("{\"status\":\"completed\"}"));

            JsonObject line = harness.logEntries().get(1);
            assertThat(line.keySet()).containsExactly(
                    "level", "event", "request_id", "method", "route", "status", "latency_ms", "owner_hash");
            assertThat(line.get("level").getAsString()).isEqualTo("INFO");
            assertThat(line.get("event").getAsString()).isEqualTo("request");
            assertThat(line.get("request_id").getAsString()).isEqualTo(harness.lastRequestId());
            assertThat(line.get("method").getAsString()).isEqualTo("PUT");
            assertThat(line.get("route").getAsString()).isEqualTo("/tasks/{id}");
            assertThat(line.get("status").getAsInt()).isEqualTo(200);
            assertThat(line.get("latency_ms").getAsJsonPrimitive().isNumber()).isTrue();
            assertThat(line.get("latency_ms").getAsDouble()).isGreaterThanOrEqualTo(0.0);
        }

        @Test
        void namesRoutesByTemplateNeverByTheRealId() {
            String id = harness.create("a");

            harness.send(Request.get("/tasks/" + id));
            harness.send(Request.get("/tasks/not-a-uuid"));
            harness.send(Request.get("/secret/path"));

            assertThat(harness.logEntries()).extracting(e -> e.get("route").getAsString())
                    .containsExactly("/tasks", "/tasks/{id}", "/tasks/{id}", "unknown");
            assertThat(harness.logText()).doesNotContain(id).doesNotContain("not-a-uuid").doesNotContain("secret");
        }

        @Test
        void neverLogsTaskTextBodiesTokensOrHeaders() {
            String secret = "SECRET-TASK-TEXT";
            harness.send(Request.post("/tasks").json("{\"task\":\"" + secret + " one\"}").header("Authorization",
                    "Bearer SECRET-HEADER"));
            harness.send(Request.post("/tasks").json("{\"task\":\"" + secret + " two\"}"));
            harness.send(Request.put("/tasks/" + ID1).json("{\"task\":\"" + secret + " three\"}"));
            harness.send(Request.post("/tasks").json("{\"task\":\"" + secret + "\",\"" + secret + "\":1}"));
            harness.send(Request.post("/tasks").json("{\"task\":\"" + secret.repeat(40) + "\"}"));
            HttpResponse list = harness.send(Request.get("/tasks").query("limit", "1"));
            String next = parse(list.body()).getAsJsonObject().get("next").getAsString();
            harness.send(Request.get("/tasks").query("limit", "1").query("next", next));
            harness.send(Request.get("/tasks/" + ID1));

            assertThat(list.body()).contains(secret);
            assertThat(harness.logText()).doesNotContain("SECRET").doesNotContain(next).doesNotContain("Bearer");
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
            cases.put("500", h -> new TaskApiHarness(new BrokenRepository(
                    () -> new NullPointerException("Cannot invoke \"io.taskapi.Foo.bar()\""))).send(Request.get("/tasks")));
            cases.put("503", h -> new TaskApiHarness(new BrokenRepository(
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

    /** A store that fails every call with a fresh exception from {@code failure}. */
    static final class BrokenRepository implements TaskRepository {
        private final Supplier<RuntimeException> failure;

        BrokenRepository(Supplier<RuntimeException> failure) {
            this.failure = failure;
        }

        @Override
        public void create(OwnerId owner, Task task) {
            throw failure.get();
        }

        @Override
        public Optional<Task> find(OwnerId owner, String id) {
            throw failure.get();
        }

        @Override
        public void replace(OwnerId owner, Task task, long expectedVersion) {
            throw failure.get();
        }

        @Override
        public void delete(OwnerId owner, String id, Long expectedVersion) {
            throw failure.get();
        }

        @Override
        public TaskSlice list(OwnerId owner, TaskFilter filter, int limit, String afterPosition) {
            throw failure.get();
        }
    }
}
