package io.taskapi.application;

import static io.taskapi.application.TaskApiHarness.ID1;
import static io.taskapi.application.TaskApiHarness.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.application.TaskApiHarness.Request;
import io.taskapi.domain.FailingTaskRepository;
import io.taskapi.domain.StoreUnavailableException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private static final List<String> COMMON =
            List.of("level", "event", "request_id", "method", "route", "status", "latency_ms");

    /**
     * The documented fields, and only those, for every kind of caller: an authenticated one's owner only as a hash, a
     * refused token's reason code, an unverifiable token's reason code, and nothing more for no credentials.
     */
    @Test
    void eachKindOfCallerGetsTheDocumentedFieldsAndNoOthers() {
        harness.send(Request.get("/tasks").caller(Caller.user("0f8fad5b-d9cb-469f-a165-70867728950e", "Ada")));
        harness.send(Request.get("/tasks").caller(Caller.rejected("expired")));
        harness.send(Request.get("/tasks").caller(Caller.unverifiable("jwks_unreachable")));
        harness.send(Request.get("/tasks").caller(Caller.anonymous()));

        List<JsonObject> lines = harness.logEntries();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).keySet()).containsExactlyElementsOf(with("owner_hash"));
        assertThat(lines.get(1).keySet()).containsExactlyElementsOf(with("auth_failure"));
        assertThat(lines.get(1).get("auth_failure").getAsString()).isEqualTo("expired");
        assertThat(lines.get(2).keySet()).containsExactlyElementsOf(with("auth_unavailable"));
        assertThat(lines.get(2).get("auth_unavailable").getAsString()).isEqualTo("jwks_unreachable");
        assertThat(lines.get(3).keySet()).containsExactlyElementsOf(COMMON);
        assertThat(lines).extracting(line -> line.get("status").getAsInt()).containsExactly(200, 401, 503, 401);
    }

    /**
     * No user id, owner id or name reaches the log: a user is known there only by a 64-bit hash, the same for each of
     * their requests and different from another user's.
     */
    @Test
    void usersAreKnownToTheLogOnlyByAHashOfTheirOwner() {
        String alice = "alice-0f8fad5b-d9cb";
        String bob = "bob-7c9e6679-7425-40de";
        harness.send(Request.post("/tasks").json("{\"task\":\"a\"}").caller(Caller.user(alice, "Alice Liddell")));
        harness.send(Request.get("/tasks").caller(Caller.user(alice, "Alice Liddell")));
        harness.send(Request.get("/tasks").caller(Caller.user(bob, "Bob Builder")));
        harness.send(Request.get("/me").caller(Caller.user(bob, "Bob Builder")));

        List<String> hashes = harness.logEntries().stream().map(line -> line.get("owner_hash").getAsString()).toList();
        assertThat(hashes).allSatisfy(hash -> assertThat(hash).matches("[0-9a-f]{16}"));
        assertThat(hashes.get(0)).isEqualTo(hashes.get(1)).isNotEqualTo(hashes.get(2));
        assertThat(hashes.get(2)).isEqualTo(hashes.get(3));
        assertThat(harness.logText()).doesNotContain("alice").doesNotContain("bob").doesNotContain("user:")
                .doesNotContain("Liddell").doesNotContain("Builder");
    }

    /** Every instance of one deployment (one secret) hashes an owner alike; another deployment does not. */
    @Test
    void instancesSharingADeploymentSecretHashAnOwnerAlike() {
        DeploymentSecret secret = DeploymentSecret.random();

        String first = ownerHashLoggedBy(secret);

        assertThat(ownerHashLoggedBy(secret)).isEqualTo(first);
        assertThat(ownerHashLoggedBy(DeploymentSecret.random())).isNotEqualTo(first);
    }

    private static String ownerHashLoggedBy(DeploymentSecret secret) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TaskApi api = TaskApplication.builder(TestStore.inMemory()).secret(secret)
                .log(new RequestLog(new PrintStream(out, true, StandardCharsets.UTF_8))).build().api();
        api.handle(Request.get("/tasks").caller(Caller.user("carol")).build("r"));
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject().get("owner_hash")
                .getAsString();
    }

    /** A store that cannot answer leaves a warning naming its short reason, then the request's own line (503). */
    @Test
    void aStoreOutageIsLoggedAsAWarningWithItsReasonBesideTheRequestLine() {
        TaskApiHarness down = new TaskApiHarness(new FailingTaskRepository(
                () -> new StoreUnavailableException("throttled", new RuntimeException("SECRET engine text"))));

        HttpResponse response = down.send(Request.get("/tasks"));

        assertThat(response.status()).isEqualTo(503);
        List<JsonObject> lines = down.logEntries();
        assertThat(lines).hasSize(2);
        JsonObject warning = lines.get(0);
        assertThat(warning.keySet()).containsExactly("level", "event", "request_id", "method", "route", "reason");
        assertThat(warning.get("level").getAsString()).isEqualTo("WARN");
        assertThat(warning.get("event").getAsString()).isEqualTo("store_unavailable");
        assertThat(warning.get("reason").getAsString()).isEqualTo("throttled");
        assertThat(warning.get("request_id").getAsString()).isEqualTo(down.lastRequestId());
        assertThat(warning.get("route").getAsString()).isEqualTo("/tasks");
        assertThat(lines.get(1).get("event").getAsString()).isEqualTo("request");
        assertThat(lines.get(1).get("status").getAsInt()).isEqualTo(503);
        assertThat(down.logText()).doesNotContain("SECRET");
    }

    /** A request the web server refused before the API saw it is answered and logged like every other. */
    @Test
    void aRequestRefusedByTheWebServerIsAnsweredAndLoggedOnce() {
        HttpResponse response = harness.api.refused(Request.get("/tasks/" + ID1).build("refused-1"), 431);

        assertThat(response.status()).isEqualTo(431);
        assertThat(parse(response.body()).getAsJsonObject().get("title").getAsString())
                .isEqualTo("Request Header Fields Too Large");
        assertThat(response.headers()).containsEntry("X-Request-Id", "refused-1")
                .containsEntry("Access-Control-Allow-Origin", "*");
        List<JsonObject> lines = harness.logEntries();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("request_id").getAsString()).isEqualTo("refused-1");
        assertThat(lines.get(0).get("route").getAsString()).isEqualTo("/tasks/{id}");
        assertThat(lines.get(0).get("status").getAsInt()).isEqualTo(431);
    }

    /** The latency logged is the time the API spent on the request: never more than the call took. */
    @Test
    void theLoggedLatencyFitsWithinTheCall() {
        for (int i = 0; i < 3; i++) {
            long before = System.nanoTime();
            harness.send(Request.post("/tasks").json("{\"task\":\"a\"}"));
            long took = System.nanoTime() - before;

            JsonObject line = harness.logEntries().get(i);
            assertThat(line.get("latency_ms").getAsBigDecimal().movePointRight(6).longValueExact())
                    .isBetween(0L, took);
        }
    }

    /** A warning outside any request names the event and the failure's type, never its message. */
    @Test
    void aWarningNamesTheEventAndTheFailureTypeOnly() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RequestLog log = new RequestLog(new PrintStream(out, true, StandardCharsets.UTF_8));

        log.warning("warm_up_failed", new IllegalStateException("SECRET detail"));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "{\"level\":\"WARN\",\"event\":\"warm_up_failed\",\"exception\":\"java.lang.IllegalStateException\"}\n");
    }

    /** A stream that holds lines back (the local server's gathers them) gets them all out when the log is flushed. */
    @Test
    void flushWritesOutWhatTheStreamHeldBack() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RequestLog log = new RequestLog(new PrintStream(new BufferedOutputStream(out, 8192), false,
                StandardCharsets.UTF_8));
        log.warning("warm_up_failed", new IllegalStateException());
        assertThat(out.size()).as("held back").isZero();

        log.flush();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("{\"level\":\"WARN\",\"event\":\"warm_up_failed\"");
    }

    /** The default log writes to standard output, where Lambda and container platforms collect it. */
    @Test
    void theDefaultLogWritesToStandardOutput() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RequestLog log;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            log = RequestLog.stdout();
        } finally {
            System.setOut(original);
        }

        log.warning("probe", new RuntimeException());

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\"level\":\"WARN\",\"event\":\"probe\"");
    }

    private static List<String> with(String field) {
        List<String> fields = new ArrayList<>(COMMON);
        fields.add(field);
        return fields;
    }
}
