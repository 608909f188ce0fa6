package io.taskapi.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.application.AuthMode;
import io.taskapi.application.InMemoryTaskStore;
import io.taskapi.application.RequestLog;
import io.taskapi.application.TaskApplication;
import io.taskapi.application.TestApplications;
import io.taskapi.domain.Actor;
import io.taskapi.domain.NewTask;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.PendingWork;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskScope;
import io.taskapi.lambda.testing.ProxyEventFixtures;
import io.taskapi.memory.InMemoryTaskRepository;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler's own behaviour beyond the conformance suite: priming, odd events, payload 2.0 details. */
class TaskHandlerTest {
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final InMemoryTaskRepository repository = store.tasks();
    private final TaskHandler handler = new TaskHandler(TestApplications.quiet(store).build(), AuthMode.NONE);

    @Test
    void primingRunsTheWholeReadPathAndChangesNothing() {
        JsonObject result = JsonParser.parseString(handler.prime()).getAsJsonObject();

        assertThat(result.get("statusCode").getAsInt()).isEqualTo(404);
        assertThat(result.get("body").getAsString()).isEqualTo("{\"message\":\"Task not found\",\"type\":\"about:blank\","
                + "\"title\":\"Not Found\",\"status\":404,\"detail\":\"Task not found\"}");
        assertThat(repository.list(new TaskScope.Personal(OwnerId.SHARED), TaskFilter.ALL, 10, null).items()).isEmpty();
    }

    /**
     * The maintenance schedule's event runs the work a list deletion left (here more tasks than a request removes
     * itself) and answers whether any is left; it is not an API request, so it writes no request line.
     */
    @Test
    void theMaintenanceEventFinishesWhatADeletionLeft() throws IOException {
        TaskApplication application = TestApplications.quiet(store).build();
        TaskHandler maintaining = new TaskHandler(application, AuthMode.NONE);
        String list = application.lists().create(Actor.SHARED, "big").list().id();
        for (int i = 0; i < 205; i++) {
            application.tasks().create(Actor.SHARED, NewTask.builder("t" + i).listId(list).build());
        }
        application.lists().delete(Actor.SHARED, list);
        assertThat(store.lists().pendingWork(10)).containsExactly(new PendingWork.Purge(list));

        ByteArrayOutputStream result = new ByteArrayOutputStream();
        maintaining.handleRequest(new ByteArrayInputStream("{\"source\":\"taskapi.maintenance\"}"
                .getBytes(StandardCharsets.UTF_8)), result, null);

        assertThat(result.toString(StandardCharsets.UTF_8)).isEqualTo("{\"work_left\":false}");
        assertThat(store.lists().pendingWork(10)).isEmpty();
        assertThat(repository.list(new TaskScope.InList(list), TaskFilter.ALL, 10, null).items()).isEmpty();
    }

    @Test
    void anEventThatOnlyClaimsTheMaintenanceSourceInsideARequestIsAnApiRequest() throws IOException {
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(("{\"source\":\"taskapi.maintenance\",\"httpMethod\":\"GET\","
                + "\"path\":\"/tasks\",\"requestContext\":{\"requestId\":\"r\"}}").getBytes(StandardCharsets.UTF_8)),
                result, null);

        assertThat(JsonParser.parseString(result.toString(StandardCharsets.UTF_8)).getAsJsonObject()
                .get("statusCode").getAsInt()).isEqualTo(200);
    }

    @Test
    void eachRequestLineIsAnEmbeddedMetricsRecordFlaggingOnlyTheColdStart() throws IOException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        RequestLog log = RequestLog.withEmbeddedMetrics(new PrintStream(lines, true, StandardCharsets.UTF_8), "task-api-test");
        TaskHandler measured = new TaskHandler(TaskApplication.builder(store).log(log).build(), AuthMode.NONE);
        String event = "{\"httpMethod\":\"GET\",\"path\":\"/tasks\",\"requestContext\":{\"requestId\":\"r\"}}";

        for (int i = 0; i < 2; i++) {
            measured.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), null);
        }
        measured.afterRestore(null);
        measured.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), null);

        String[] records = lines.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(records).hasSize(3);
        JsonObject first = JsonParser.parseString(records[0]).getAsJsonObject();
        JsonObject directive = first.getAsJsonObject("_aws").getAsJsonArray("CloudWatchMetrics").get(0)
                .getAsJsonObject();
        assertThat(directive.get("Namespace").getAsString()).isEqualTo("TaskApi");
        assertThat(directive.getAsJsonArray("Dimensions").toString())
                .isEqualTo("[[\"Service\",\"Route\"],[\"Service\"]]");
        assertThat(first.get("Service").getAsString()).isEqualTo("task-api-test");
        assertThat(directive.getAsJsonArray("Metrics").toString()).contains("\"Requests\"", "\"ClientErrors\"",
                "\"ServerErrors\"", "\"Latency\"", "\"ColdStart\"");
        assertThat(first.get("Route").getAsString()).isEqualTo("/tasks");
        assertThat(first.get("Requests").getAsInt()).isEqualTo(1);
        assertThat(first.get("ServerErrors").getAsInt()).isZero();
        assertThat(first.get("owner_hash").getAsString()).matches("[0-9a-f]{16}");
        assertThat(records[0]).doesNotContain("\"" + OwnerId.SHARED.value() + "\"");
        assertThat(List.of(records).stream()
                .map(line -> JsonParser.parseString(line).getAsJsonObject().get("ColdStart").getAsInt()))
                .containsExactly(1, 0, 1);
    }

    @Test
    void anEventThatIsNotJsonGetsAProxyResultInsteadOfAnInvocationError() throws IOException {
        JsonObject result = invoke("this is not an API Gateway event");

        assertThat(result.get("statusCode").getAsInt()).isEqualTo(400);
        assertThat(result.get("body").getAsString()).isEqualTo("{\"message\":\"Unsupported event\",\"type\":"
                + "\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"Unsupported event\"}");
        assertThat(result.getAsJsonObject("headers").get("Content-Type").getAsString())
                .isEqualTo("application/problem+json");
        // The core's rendering of the refusal is written as it is, nothing added: no request was ever read.
        Map<String, String> headers = new LinkedHashMap<>();
        result.getAsJsonObject("headers").entrySet()
                .forEach(header -> headers.put(header.getKey(), header.getValue().getAsString()));
        assertThat(headers).isEqualTo(TaskHandler.UNSUPPORTED_EVENT.headers());
        assertThat(result.get("body").getAsString()).isEqualTo(TaskHandler.UNSUPPORTED_EVENT.body());
    }

    @Test
    void anHttpApiEventsRawQueryIsDecodedByTheCoresRuleAndAMalformedEscapeIsJudgedAsWritten() throws IOException {
        String event = "{\"version\":\"2.0\",\"rawPath\":\"/tasks\",\"rawQueryString\":\"%s\","
                + "\"headers\":{},\"requestContext\":{\"http\":{\"method\":\"GET\"},\"requestId\":\"r1\","
                + "\"stage\":\"$default\"},\"isBase64Encoded\":false}";

        JsonObject malformed = invoke(event.formatted("limit=%zz"));
        JsonObject unknownName = invoke(event.formatted("%zz=2&limit=%31"));

        assertThat(malformed.get("statusCode").getAsInt()).isEqualTo(400);
        assertThat(malformed.get("body").getAsString()).contains("\"field\":\"limit\"");
        assertThat(unknownName.get("statusCode").getAsInt()).isEqualTo(200);
    }

    @Test
    void anHttpApiEventOnTheDefaultStageKeepsItsPath() throws IOException {
        String event = "{\"version\":\"2.0\",\"rawPath\":\"/tasks\",\"rawQueryString\":\"limit=1\","
                + "\"headers\":{},\"requestContext\":{\"http\":{\"method\":\"GET\"},\"requestId\":\"r1\","
                + "\"stage\":\"$default\"},\"isBase64Encoded\":false}";

        JsonObject result = invoke(event);

        assertThat(result.get("statusCode").getAsInt()).isEqualTo(200);
        assertThat(result.getAsJsonObject("headers").get("X-Request-Id").getAsString()).isEqualTo("r1");
    }


    // ---- callers ---------------------------------------------------------------------------------------------------

    /** The same store behind {@code TASKS_AUTH=jwt}: the caller is the subject API Gateway's authorizer verified. */
    private final TaskHandler jwt = new TaskHandler(TestApplications.quiet(store).build(), AuthMode.JWT);

    @Test
    void withJwtTheCallerIsTheSubjectOfTheAuthorizersClaimsInEitherPayloadFormat() throws IOException {
        JsonObject rest = ProxyEventFixtures.restApiEvent("POST", "/tasks", Map.of("Content-Type", "application/json"),
                "{\"task\":\"via REST\"}".getBytes(StandardCharsets.UTF_8), "alice");
        JsonObject http = ProxyEventFixtures.httpApiEvent("POST", "/tasks", Map.of("Content-Type", "application/json"),
                "{\"task\":\"via HTTP API\"}".getBytes(StandardCharsets.UTF_8), "alice");

        assertThat(invoke(jwt, rest.toString()).get("statusCode").getAsInt()).isEqualTo(201);
        assertThat(invoke(jwt, http.toString()).get("statusCode").getAsInt()).isEqualTo(201);

        OwnerId alice = new OwnerId("user:" + ProxyEventFixtures.subject("alice"));
        assertThat(repository.list(new TaskScope.Personal(alice), TaskFilter.ALL, 10, null).items()).hasSize(2);
        assertThat(repository.list(new TaskScope.Personal(OwnerId.SHARED), TaskFilter.ALL, 10, null).items()).isEmpty();
    }

    @Test
    void withJwtAnEventWithoutASubjectIsRefusedNeverServedAsTheSharedOwner() throws IOException {
        invoke(ProxyEventFixtures.restApiEvent("POST", "/tasks", Map.of("Content-Type", "application/json"),
                "{\"task\":\"the shared owner's\"}".getBytes(StandardCharsets.UTF_8)).toString());
        List<String> events = List.of(
                // no authorizer at all, as behind a method with authorization NONE
                "{\"httpMethod\":\"GET\",\"path\":\"/tasks\",\"requestContext\":{\"requestId\":\"r\"}}",
                // an authorizer without claims, or with claims but no subject, or a blank one
                "{\"httpMethod\":\"GET\",\"path\":\"/tasks\",\"requestContext\":{\"authorizer\":{\"principalId\":\"x\"}}}",
                "{\"httpMethod\":\"GET\",\"path\":\"/tasks\",\"requestContext\":{\"authorizer\":{\"claims\":"
                        + "{\"email\":\"a@example.com\"}}}}",
                "{\"httpMethod\":\"GET\",\"path\":\"/tasks\",\"requestContext\":{\"authorizer\":{\"claims\":"
                        + "{\"sub\":\" \"}}}}",
                // payload 2.0 keeps JWT claims under authorizer.jwt; claims anywhere else are not an authorizer's
                "{\"version\":\"2.0\",\"rawPath\":\"/tasks\",\"requestContext\":{\"http\":{\"method\":\"GET\"},"
                        + "\"authorizer\":{\"claims\":{\"sub\":\"alice\"}}}}",
                // the subject is never taken from headers, the query or the body
                "{\"httpMethod\":\"GET\",\"path\":\"/tasks\",\"headers\":{\"X-User-Id\":\"shared\","
                        + "\"sub\":\"alice\"},\"queryStringParameters\":{\"sub\":\"alice\"},"
                        + "\"body\":\"{\\\"requestContext\\\":{}}\",\"requestContext\":{}}");

        for (String event : events) {
            JsonObject result = invoke(jwt, event);

            assertThat(result.get("statusCode").getAsInt()).as(event).isEqualTo(401);
            assertThat(result.getAsJsonObject("headers").get("WWW-Authenticate").getAsString())
                    .isEqualTo("Bearer realm=\"tasks\"");
            assertThat(result.get("body").getAsString()).doesNotContain("owner's");
        }
    }

    @Test
    void withoutAuthenticationEveryCallerIsTheSharedOwnerWhateverClaimsArrive() throws IOException {
        JsonObject alices = ProxyEventFixtures.restApiEvent("POST", "/tasks", Map.of("Content-Type", "application/json"),
                "{\"task\":\"everyone's\"}".getBytes(StandardCharsets.UTF_8), "alice");

        assertThat(invoke(alices.toString()).get("statusCode").getAsInt()).isEqualTo(201);

        assertThat(repository.list(new TaskScope.Personal(OwnerId.SHARED), TaskFilter.ALL, 10, null).items()).hasSize(1);
        JsonObject bobs = invoke(ProxyEventFixtures.restApiEvent("GET", "/tasks", Map.of(), null, "bob").toString());
        assertThat(bobs.get("body").getAsString()).contains("everyone's");
    }

    @Test
    void primingWithJwtStillRunsTheWholeReadPath() {
        JsonObject result = JsonParser.parseString(jwt.prime()).getAsJsonObject();

        assertThat(result.get("statusCode").getAsInt()).isEqualTo(404);
    }

    private JsonObject invoke(String event) throws IOException {
        return invoke(handler, event);
    }

    private static JsonObject invoke(TaskHandler handler, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }
}
