package io.taskapi.application;

import static io.taskapi.application.TaskApiHarness.ID1;
import static io.taskapi.application.TaskApiHarness.MALFORMED;
import static io.taskapi.application.TaskApiHarness.MISSING_ID;
import static io.taskapi.application.TaskApiHarness.JSON;
import static io.taskapi.application.TaskApiHarness.NOT_AN_OBJECT;
import static io.taskapi.application.TaskApiHarness.PRIORITY_VALUES;
import static io.taskapi.application.TaskApiHarness.STATUS_VALUES;
import static io.taskapi.application.TaskApiHarness.T0;
import static io.taskapi.application.TaskApiHarness.anyOriginHeaders;
import static io.taskapi.application.TaskApiHarness.assertResponse;
import static io.taskapi.application.TaskApiHarness.error;
import static io.taskapi.application.TaskApiHarness.ordered;
import static io.taskapi.application.TaskApiHarness.taskJson;
import static io.taskapi.application.TaskApiHarness.utf8;
import static io.taskapi.application.TaskApiHarness.validation;
import static io.taskapi.application.TaskApiHarness.withoutRequestId;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.application.TaskApiHarness.Request;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskStatus;
import java.util.Optional;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Writes and reads beyond the conformance suite: exact bytes and headers, the clock, the store, PATCH, details. */
class TaskApiWritesTest {
    TaskApiHarness harness = new TaskApiHarness();

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

        /** Rules the suite does not send, or sends without checking the store afterwards (the last two). */
        static Stream<Arguments> invalidTasks() {
            return Stream.of(
                    Arguments.of("{}", validation("task", "is required")),
                    Arguments.of("{\"task\":\"  \\t \\n \"}", validation("task", "must not be empty")),
                    Arguments.of("{\"task\":\"a\\u0085b\"}", validation("task", "must not contain control characters")),
                    Arguments.of("{\"task\":\"a\\u007fb\"}", validation("task", "must not contain control characters")),
                    Arguments.of("{\"task\":\"" + "a".repeat(501) + "\"}",
                            validation("task", "must be at most 500 characters")),
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
                    TaskPriority.LOW, T0, T0 + 5, 2, Optional.empty(), Optional.empty(), List.of()));
            assertResponse(harness.send(Request.get("/tasks/" + ID1)), 200,
                    taskJson(ID1, "Deploy", "completed", "low", T0, T0 + 5));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"task\":\"\"}", "{\"priority\":\"HIGH\"}", "{\"task\":\"a\\u0000\"}"})
        void anInvalidChangeChangesNothing(String body) {
            harness.create("Deploy");
            List<Task> before = harness.stored();

            assertThat(harness.send(Request.put("/tasks/" + ID1).json(body)).status()).isEqualTo(400);
            assertThat(harness.stored()).isEqualTo(before);
        }

        @Test
        void aValidationErrorIsReportedBeforeLookingForTheTask() {
            assertResponse(harness.send(Request.put("/tasks/" + MISSING_ID).json("{}")), 400,
                    validation("body", "must name at least one of: task, status, priority, description, due_date,"
                            + " tags, list_id, assignee"));
        }
    }

    @Nested
    class Delete {
        @Test
        void answersTheDocumentedMessageAndRemovesTheTask() {
            harness.create("Deploy");

            HttpResponse response = harness.send(Request.delete("/tasks/" + ID1));

            assertResponse(response, 200, "{\"message\":\"Task deleted successfully\",\"id\":\"" + ID1 + "\"}");
            assertThat(withoutRequestId(response.headers())).containsExactlyEntriesOf(anyOriginHeaders(Map.of()));
            assertThat(harness.stored()).isEmpty();
            assertResponse(harness.send(Request.get("/tasks/" + ID1)), 404, error("Task not found"));
        }
    }

    /** Description, due date and tags: written after the seed's six fields, and only when set. */
    @Nested
    class Details {
        static final String DETAILED = "{\"task\":\"a\",\"description\":\"Step 1\\nStep 2\",\"due_date\":\"2026-03-01\","
                + "\"tags\":[\"work\",\"q1\",\"work\"]}";

        static String detailedJson(String id) {
            return "{\"id\":\"" + id + "\",\"task\":\"a\",\"status\":\"new\",\"priority\":\"medium\",\"created_at\":" + T0
                    + ",\"updated_at\":" + T0 + ",\"description\":\"Step 1\\nStep 2\",\"due_date\":\"2026-03-01\","
                    + "\"tags\":[\"work\",\"q1\"]}";
        }

        /** The suite checks the created task's fields and the read's bytes; this checks the 201's bytes too. */
        @Test
        void aCreateKeepsTheDetailsAndWritesThemAfterTheSeedFields() {
            HttpResponse response = harness.send(Request.post("/tasks").json(DETAILED));

            assertResponse(response, 201, "{\"id\":\"" + ID1 + "\",\"task\":" + detailedJson(ID1) + "}");
            assertResponse(harness.send(Request.get("/tasks/" + ID1)), 200, detailedJson(ID1));
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
                    Arguments.of("{\"task\":\"a\",\"description\":1}", validation("description",
                            "must be a string or null")),
                    Arguments.of("{\"task\":\"a\",\"due_date\":20260301}", validation("due_date",
                            "must be a string or null")),
                    Arguments.of("{\"task\":\"a\",\"tags\":\"work\"}", validation("tags",
                            "must be an array of strings or null")),
                    Arguments.of("{\"task\":\"a\",\"tags\":[\"ok\",1,null]}",
                            validation("tags[1]", "must be a string", "tags[2]", "must be a string")),
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
        @ValueSource(strings = {"status", "priority"})
        void nullCannotRemoveARequiredField(String field) {
            harness.create("a");
            List<Task> before = harness.stored();

            assertResponse(harness.send(patch(ID1, "{\"" + field + "\":null}")), 400,
                    validation(field, "is required and cannot be removed"));
            assertThat(harness.stored()).isEqualTo(before);
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/json-patch+json", "text/plain", ""})
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
                    "must name at least one of: task, status, priority, description, due_date, tags, list_id,"
                            + " assignee"));
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
}
