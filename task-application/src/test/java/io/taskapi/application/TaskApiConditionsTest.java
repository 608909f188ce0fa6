package io.taskapi.application;

import static io.taskapi.application.TaskApiHarness.EXPOSED_HEADERS;
import static io.taskapi.application.TaskApiHarness.ID1;
import static io.taskapi.application.TaskApiHarness.JSON;
import static io.taskapi.application.TaskApiHarness.MISSING_ID;
import static io.taskapi.application.TaskApiHarness.PROBLEM;
import static io.taskapi.application.TaskApiHarness.T0;
import static io.taskapi.application.TaskApiHarness.assertResponse;
import static io.taskapi.application.TaskApiHarness.error;
import static io.taskapi.application.TaskApiHarness.ordered;
import static io.taskapi.application.TaskApiHarness.taskJson;
import static io.taskapi.application.TaskApiHarness.utf8;
import static io.taskapi.application.TaskApiHarness.withoutRequestId;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.application.TaskApiHarness.Request;
import io.taskapi.domain.Activity;
import io.taskapi.domain.ForwardingTaskRepository;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.VersionConflictException;
import io.taskapi.memory.InMemoryTaskRepository;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ETags, If-Match and If-None-Match (RFC 9110 section 13): forms the suite does not send, and contention. */
class TaskApiConditionsTest {
    static final String STALE = "Task has changed since the version in If-Match; fetch it again";

    TaskApiHarness harness = new TaskApiHarness();

    @Test
    void neitherAListingNorADeletionIsTagged() {
        harness.create("a");

        assertThat(harness.send(Request.get("/tasks")).headers()).doesNotContainKey("ETag");
        assertThat(harness.send(Request.delete("/tasks/" + ID1)).headers()).doesNotContainKey("ETag");
    }

    @Test
    void theLocationStartsWithTheClientsBasePath() {
        HttpResponse response = harness.api.handle(HttpRequest.builder("POST", "/tasks")
                .headers(Map.of("Content-Type", List.of(JSON))).body(utf8("{\"task\":\"a\"}")).requestId("r")
                .caller(Caller.owner(TaskApiHarness.OWNER)).basePath("/dev").build());

        assertThat(response.headers()).containsEntry("Location", "/dev/tasks/" + ID1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "\"7\", \"1\"", "W/\"9\", \"1\""})
    void aPutWhoseIfMatchNamesTheCurrentVersionIsApplied(String ifMatch) {
        harness.create("a");

        HttpResponse response = harness.send(Request.put("/tasks/" + ID1).header("If-Match", ifMatch)
                .json("{\"task\":\"b\"}"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("ETag", "\"2\"");
        assertThat(harness.stored()).extracting(Task::text).containsExactly("b");
    }

    /** Malformed tags; the suite sends a stale one, a weak one and a list without the current one. */
    @ParameterizedTest
    @ValueSource(strings = {"1", "\"01\"", "\"abc\"", "", "\"99999999999999999999\""})
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
            public void replace(TaskScope scope, Task task, long expectedVersion, Activity change) {
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
                "Access-Control-Allow-Origin", "*", "Access-Control-Expose-Headers", EXPOSED_HEADERS));
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
