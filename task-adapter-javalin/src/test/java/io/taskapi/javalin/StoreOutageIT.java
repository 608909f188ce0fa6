package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.application.conformance.ApiExchange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running server whose DynamoDB store stalls (SIGSTOP) or goes away, then comes back: it answers 503 promptly, stays
 * up, and recovers by itself. The engine is the test's own, on disk: it is paused, stopped and restarted, and must
 * keep its data across the restart, which the engine other tests share can do neither of.
 */
class StoreOutageIT {
    private static final Duration BOUND = Duration.ofSeconds(5);

    @Test
    void answers503WithinFiveSecondsWhileTheStoreIsStalledOrDownThenRecovers(@TempDir Path data) {
        try (Dynalite dynalite = Dynalite.start(data)) {
            dynalite.installAsSdkDefault();
            TaskServer server = TestServers.start(Map.of("PORT", "0", "TASKS_STORE", "dynamodb", "TASKS_TABLE", "tasks",
                    "TASKS_CREATE_TABLE", "true", "AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString())).server();
            try (HttpTransport api = new HttpTransport(HttpTransport.base(server), server)) {
                String kept = create(api, "survive the outage");
                String sacrificial = create(api, "may be changed by a write that timed out");

                // A stalled store may still apply a write after the client was told 503 (the request sat in the
                // socket), so the stalled phase aims its writes at a task whose fate does not matter.
                dynalite.pause();
                assertPromptUnavailable(api, sacrificial);
                dynalite.resume();
                assertThat(api.send("GET", "/tasks/" + kept, Map.of(), null).status()).isEqualTo(200);

                // A store that refuses connections applies nothing: the kept task comes back exactly as it was.
                dynalite.stop();
                assertPromptUnavailable(api, kept);
                dynalite.restart();
                ApiExchange after = api.send("GET", "/tasks/" + kept, Map.of(), null);
                assertThat(after.status()).isEqualTo(200);
                assertThat(after.body()).contains("\"task\":\"survive the outage\",\"status\":\"new\"");
                assertThat(create(api, "after the outage")).isNotBlank();
            }
        } finally {
            Dynalite.clearSdkDefault();
        }
    }

    private static String create(HttpTransport api, String text) {
        ApiExchange created = api.send("POST", "/tasks", Map.of("Content-Type", "application/json"),
                ("{\"task\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).isEqualTo(201);
        return JsonParser.parseString(created.body()).getAsJsonObject().get("id").getAsString();
    }

    /**
     * Every kind of request is refused with a well-formed 503 within the bound, whatever state the store is in. The
     * requests are sent together, each timed on its own: one after another, a stalled store would make the case wait
     * for each one's timeout in turn, and a request held up behind another would now show as one over the bound.
     */
    private static void assertPromptUnavailable(HttpTransport api, String id) {
        List<String[]> requests = List.of(
                new String[] {"GET", "/tasks/" + id, null}, new String[] {"GET", "/tasks", null},
                new String[] {"POST", "/tasks", "{\"task\":\"x\"}"},
                new String[] {"PUT", "/tasks/" + id, "{\"status\":\"completed\"}"},
                new String[] {"DELETE", "/tasks/" + id, null});
        ExecutorService clients = Executors.newFixedThreadPool(requests.size());
        try {
            List<Future<Timed>> answers = new ArrayList<>();
            for (String[] request : requests) {
                answers.add(clients.submit(() -> {
                    long started = System.nanoTime();
                    ApiExchange response = api.send(request[0], request[1],
                            Map.of("Content-Type", "application/json"),
                            request[2] == null ? null : request[2].getBytes(StandardCharsets.UTF_8));
                    return new Timed(response, Duration.ofNanos(System.nanoTime() - started));
                }));
            }
            for (int i = 0; i < requests.size(); i++) {
                Timed answer = answers.get(i).get();
                ApiExchange response = answer.response();

                String what = requests.get(i)[0] + " " + requests.get(i)[1];
                assertThat(response.status()).as(what).isEqualTo(503);
                assertThat(answer.took()).as(what).isLessThanOrEqualTo(BOUND);
                assertThat(response.header("Retry-After")).as(what).isPresent();
                assertThat(JsonParser.parseString(response.body()).getAsJsonObject().get("message").getAsString())
                        .as(what).isNotBlank();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } finally {
            clients.shutdownNow();
        }
    }

    /** A response and how long the client waited for it. */
    private record Timed(ApiExchange response, Duration took) {
    }
}
