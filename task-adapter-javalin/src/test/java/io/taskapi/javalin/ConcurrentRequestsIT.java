package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.application.conformance.ApiExchange;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Races through the HTTP front door on the real engine: parallel creates, and deletes racing updates. */
class ConcurrentRequestsIT {
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();

    private static HttpTransport api;
    private static ExecutorService pool;

    /** One server for both cases, on this class's own table: they look only at the tasks they create themselves. */
    @BeforeAll
    static void start() {
        TaskServer server = TestServers.start(Map.of("PORT", "0", "TASKS_STORE", "dynamodb",
                "TASKS_TABLE", "tasks-races", "TASKS_CREATE_TABLE", "true",
                "AWS_ENDPOINT_URL_DYNAMODB", DYNALITE.engine().endpoint().toString())).server();
        api = new HttpTransport(HttpTransport.base(server), server);
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        api.close();
    }

    @Test
    void parallelCreatesMakeDistinctTasksThatAreAllListed() throws Exception {
        int creates = 64;
        List<Callable<ApiExchange>> calls = new ArrayList<>();
        for (int i = 0; i < creates; i++) {
            String body = "{\"task\":\"parallel " + i + "\"}";
            calls.add(() -> api.send("POST", "/tasks", JSON, body.getBytes(StandardCharsets.UTF_8)));
        }

        Set<String> ids = new HashSet<>();
        for (ApiExchange created : runTogether(calls)) {
            assertThat(created.status()).isEqualTo(201);
            ids.add(JsonParser.parseString(created.body()).getAsJsonObject().get("id").getAsString());
        }

        assertThat(ids).hasSize(creates);
        Set<String> listed = new HashSet<>();
        for (JsonElement item : page("/tasks?limit=100").getAsJsonArray("items")) {
            listed.add(item.getAsJsonObject().get("id").getAsString());
        }
        assertThat(listed).containsAll(ids);
    }

    @Test
    void aDeleteRacingAnUpdateNeverLeavesTheTaskBehind() throws Exception {
        for (int round = 0; round < 40; round++) {
            ApiExchange created = api.send("POST", "/tasks", JSON,
                    ("{\"task\":\"race " + round + "\"}").getBytes(StandardCharsets.UTF_8));
            String id = JsonParser.parseString(created.body()).getAsJsonObject().get("id").getAsString();

            List<ApiExchange> results = runTogether(List.of(
                    () -> api.send("PUT", "/tasks/" + id, JSON,
                            "{\"status\":\"completed\"}".getBytes(StandardCharsets.UTF_8)),
                    () -> api.send("DELETE", "/tasks/" + id, Map.of(), null)));

            ApiExchange update = results.get(0);
            ApiExchange delete = results.get(1);
            assertThat(delete.status()).as("round " + round).isEqualTo(200);
            assertThat(update.status()).as("round " + round).isIn(200, 404, 409);
            assertThat(api.send("GET", "/tasks/" + id, Map.of(), null).status())
                    .as("round %d: the task was resurrected by the update", round).isEqualTo(404);
        }
    }

    private static JsonObject page(String path) {
        return JsonParser.parseString(api.send("GET", path, Map.of(), null).body()).getAsJsonObject();
    }

    private static List<ApiExchange> runTogether(List<Callable<ApiExchange>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiExchange>> futures = new ArrayList<>();
        for (Callable<ApiExchange> call : calls) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<ApiExchange> results = new ArrayList<>();
        for (Future<ApiExchange> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
