package io.taskapi.application;

import static io.taskapi.application.TaskApiHarness.ALLOWED_HEADERS;
import static io.taskapi.application.TaskApiHarness.ALLOW_TASK;
import static io.taskapi.application.TaskApiHarness.ALLOW_TASKS;
import static io.taskapi.application.TaskApiHarness.CONFIGURED_ORIGINS;
import static io.taskapi.application.TaskApiHarness.EXPOSED_HEADERS;
import static io.taskapi.application.TaskApiHarness.MISSING_ID;
import static io.taskapi.application.TaskApiHarness.assertResponse;
import static io.taskapi.application.TaskApiHarness.utf8;
import static io.taskapi.application.TaskApiHarness.withoutRequestId;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.FailingTaskRepository;
import io.taskapi.application.TaskApiHarness.Request;
import io.taskapi.domain.StoreUnavailableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CORS: the exact preflight headers, no {@code Vary} for any origin, and a configured origin list on every answer. */
class TaskApiCorsTest {
    TaskApiHarness harness = new TaskApiHarness();

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
            expected.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            expected.put("Access-Control-Max-Age", "600");
            expected.put("Access-Control-Allow-Origin", "*");
            expected.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
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
                    .containsEntry("Access-Control-Allow-Headers", ALLOWED_HEADERS)
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
                    .containsEntry("Access-Control-Expose-Headers", EXPOSED_HEADERS)
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
                    .containsEntry("Access-Control-Expose-Headers", EXPOSED_HEADERS);
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
            TaskApiHarness broken = new TaskApiHarness(new FailingTaskRepository(() -> new RuntimeException("boom")),
                    CorsPolicy.parse(CONFIGURED_ORIGINS));
            TaskApiHarness down = new TaskApiHarness(new FailingTaskRepository(
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
                        .containsEntry("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            }
        }
    }
}
