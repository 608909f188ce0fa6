package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.application.conformance.ApiExchange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persistent local mode: a server and an on-disk engine, both restarted on the same data folder, keep every task.
 * The engine is the test's own, since it must keep its data on disk across a restart.
 */
class PersistentRestartIT {
    private static final String SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void everyTaskSurvivesRestartingTheServerAndTheEngine(@TempDir Path data) {
        String before;
        try (Dynalite dynalite = Dynalite.start(data)) {
            dynalite.installAsSdkDefault();
            try (HttpTransport api = serverOn(dynalite)) {
                for (int i = 0; i < 5; i++) {
                    ApiExchange created = post(api, "{\"task\":\"durable " + i + "\"}");
                    assertThat(created.status()).isEqualTo(201);
                }
                assertThat(put(api, firstId(api), "{\"status\":\"completed\"}").status()).isEqualTo(200);
                before = api.send("GET", "/tasks?limit=100", Map.of(), null).body();
            }

            dynalite.restart();

            try (HttpTransport api = serverOn(dynalite)) {
                assertThat(api.send("GET", "/tasks?limit=100", Map.of(), null).body()).isEqualTo(before);
            }
        } finally {
            Dynalite.clearSdkDefault();
        }
    }

    private static HttpTransport serverOn(Dynalite dynalite) {
        TaskServer server = TestServers.start(Map.of("PORT", "0", "TASKS_PAGE_TOKEN_SECRET", SECRET,
                "TASKS_STORE", "dynamodb", "TASKS_TABLE", "tasks", "TASKS_CREATE_TABLE", "true",
                "AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString())).server();
        return new HttpTransport(HttpTransport.base(server), server);
    }

    private static String firstId(HttpTransport api) {
        String body = api.send("GET", "/tasks?limit=1", Map.of(), null).body();
        int at = body.indexOf("\"id\":\"") + 6;
        return body.substring(at, body.indexOf('"', at));
    }

    private static ApiExchange post(HttpTransport api, String json) {
        return api.send("POST", "/tasks", Map.of("Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiExchange put(HttpTransport api, String id, String json) {
        return api.send("PUT", "/tasks/" + id, Map.of("Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8));
    }
}
