package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.application.conformance.ApiExchange;
import io.taskapi.javalin.di.DaggerServerComponent;
import io.taskapi.javalin.di.ServerConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running server whose DynamoDB store stalls (SIGSTOP) or goes away, then comes back: it answers 503 promptly, stays
 * up, and recovers by itself.
 */
class StoreOutageIT {
    private static final Duration BOUND = Duration.ofSeconds(5);

    @Test
    void answers503WithinFiveSecondsWhileTheStoreIsStalledOrDownThenRecovers(@TempDir Path data) {
        try (Dynalite dynalite = Dynalite.start(data)) {
            dynalite.installAsSdkDefault();
            ServerConfig config = new ServerConfig("127.0.0.1", 0, null, "*", ServerConfig.Store.DYNAMODB, "tasks",
                    true, dynalite.endpoint().toString());
            TaskServer server = DaggerServerComponent.factory().create(config).server().start();
            try (HttpTransport api = new HttpTransport(URI.create("http://127.0.0.1:" + server.port()), server)) {
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

    /** Every kind of request is refused with a well-formed 503 within the bound, whatever state the store is in. */
    private static void assertPromptUnavailable(HttpTransport api, String id) {
        for (String[] request : new String[][] {
                {"GET", "/tasks/" + id, null}, {"GET", "/tasks", null}, {"POST", "/tasks", "{\"task\":\"x\"}"},
                {"PUT", "/tasks/" + id, "{\"status\":\"completed\"}"}, {"DELETE", "/tasks/" + id, null}}) {
            long started = System.nanoTime();
            ApiExchange response = api.send(request[0], request[1], Map.of("Content-Type", "application/json"),
                    request[2] == null ? null : request[2].getBytes(StandardCharsets.UTF_8));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            String what = request[0] + " " + request[1];
            assertThat(response.status()).as(what).isEqualTo(503);
            assertThat(took).as(what).isLessThanOrEqualTo(BOUND);
            assertThat(response.header("Retry-After")).as(what).isPresent();
            assertThat(JsonParser.parseString(response.body()).getAsJsonObject().get("message").getAsString())
                    .as(what).isNotBlank();
        }
    }
}
