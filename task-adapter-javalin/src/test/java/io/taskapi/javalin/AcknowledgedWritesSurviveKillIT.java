package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.application.conformance.ApiExchange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No acknowledged write is lost when the on-disk engine is killed with SIGKILL and restarted on the same data. The
 * engine is the test's own: the shared one keeps its data in memory, and killing it would end it for other tests.
 */
class AcknowledgedWritesSurviveKillIT {
    private static final int CREATES = 200;
    private static final int UPDATES = 100;
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Test
    void everyAcknowledgedCreateAndUpdateIsThereAfterAKillAndRestart(@TempDir Path data) {
        Map<String, String> acknowledged = new LinkedHashMap<>();
        try (Dynalite dynalite = Dynalite.start(data)) {
            dynalite.installAsSdkDefault();
            TaskServer server = TestServers.start(Map.of("PORT", "0", "TASKS_STORE", "dynamodb", "TASKS_TABLE", "tasks",
                    "TASKS_CREATE_TABLE", "true", "AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString())).server();
            try (HttpTransport api = new HttpTransport(HttpTransport.base(server), server)) {
                for (int i = 0; i < CREATES; i++) {
                    ApiExchange created = api.send("POST", "/tasks", JSON, body("{\"task\":\"created " + i + "\"}"));
                    assertThat(created.status()).isEqualTo(201);
                    JsonObject task = JsonParser.parseString(created.body()).getAsJsonObject().getAsJsonObject("task");
                    acknowledged.put(task.get("id").getAsString(), task.toString());
                }
                int updated = 0;
                for (String id : acknowledged.keySet()) {
                    if (updated++ == UPDATES) {
                        break;
                    }
                    ApiExchange response = api.send("PUT", "/tasks/" + id, JSON,
                            body("{\"task\":\"updated " + updated + "\",\"status\":\"completed\"}"));
                    assertThat(response.status()).isEqualTo(200);
                    acknowledged.put(id,
                            JsonParser.parseString(response.body()).getAsJsonObject().get("task").toString());
                }

                dynalite.kill();
                dynalite.restart();

                for (Map.Entry<String, String> write : acknowledged.entrySet()) {
                    ApiExchange stored = api.send("GET", "/tasks/" + write.getKey(), Map.of(), null);
                    assertThat(stored.status()).as(write.getKey()).isEqualTo(200);
                    assertThat(stored.body()).isEqualTo(write.getValue());
                }
            }
        } finally {
            Dynalite.clearSdkDefault();
        }
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
