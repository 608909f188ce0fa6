package io.taskapi.application;

import static io.taskapi.application.TaskApiHarness.ID1;
import static io.taskapi.application.TaskApiHarness.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.taskapi.application.TaskApiHarness.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request log: one JSON line per request with its fields, the request id echoed, and nothing a caller sent. */
class TaskApiLogTest {
    TaskApiHarness harness = new TaskApiHarness();

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
