package io.taskapi.application;

import static io.taskapi.application.TaskApiHarness.ALLOW_TASK;
import static io.taskapi.application.TaskApiHarness.ALLOW_TASKS;
import static io.taskapi.application.TaskApiHarness.ID1;
import static io.taskapi.application.TaskApiHarness.MISSING_ID;
import static io.taskapi.application.TaskApiHarness.PROBLEM;
import static io.taskapi.application.TaskApiHarness.assertResponse;
import static io.taskapi.application.TaskApiHarness.error;
import static io.taskapi.application.TaskApiHarness.withoutRequestId;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.application.TaskApiHarness.Request;
import io.taskapi.domain.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unknown paths, malformed ids, unserved methods and HEAD, for every method: exact answers and an untouched store. */
class TaskApiRoutingTest {
    TaskApiHarness harness = new TaskApiHarness();

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

        @ParameterizedTest
        @ValueSource(strings = {"/", "", "/task", "/tasks/", "/tasks/a/b", "/TASKS", "/tasksx", "/v1/tasks",
            "/health", "/health/ready", "/metrics", "/openapi.json", "/index.html", "/files/a/b", "/me/x"})
        void aFrontDoorIsToldThatAPathOfNoResourceIsNotTheApis(String path) {
            assertThat(harness.api.serves(path)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"/tasks", "/tasks/not-a-uuid", "/tasks/" + MISSING_ID + "/comments",
            "/tasks/a/comments/b", "/tasks/a/activity", "/tasks/a/attachments", "/tasks/a/attachments/b",
            "/tasks/a/attachments/b/complete", "/me", "/lists", "/lists/a", "/lists/a/members", "/lists/a/members/b",
            "/lists/a/invitations", "/invitations/a"})
        void aFrontDoorIsToldThatEveryResourcePathIsTheApis(String path) {
            assertThat(harness.api.serves(path)).isTrue();
        }

        /** Every malformed id for every method, but the GETs the suite sends ({@code not-a-uuid}, upper case). */
        static Stream<Arguments> malformedIds() {
            List<Arguments> cases = new ArrayList<>();
            for (String id : List.of("123", "not-a-uuid", MISSING_ID.toUpperCase(), "{" + MISSING_ID + "}",
                    MISSING_ID.substring(1), MISSING_ID + "0", MISSING_ID.replace("-", ""), " " + MISSING_ID,
                    "..", "%2e%2e", "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2g")) {
                for (String method : List.of("GET", "PUT", "DELETE")) {
                    boolean onTheSuite = method.equals("GET")
                            && (id.equals("not-a-uuid") || id.equals(MISSING_ID.toUpperCase()));
                    if (!onTheSuite) {
                        cases.add(Arguments.of(method, id));
                    }
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
}
