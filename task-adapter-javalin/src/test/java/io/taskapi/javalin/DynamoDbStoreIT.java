package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server on a real DynamoDB-compatible engine as an operator meets it: the startup message says which table at
 * which endpoint, a missing table stops startup with one line naming the setting, and readiness follows the engine.
 */
class DynamoDbStoreIT {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /**
     * On an engine of its own, since the case stops and restarts it; the SDK's default endpoint points there during the
     * case, as {@code AWS_ENDPOINT_URL_DYNAMODB} would in production, and at the shared engine again afterwards. The
     * startup message names the endpoint the SDK's client uses.
     */
    @Test
    void startupNamesTheTableAndTheEndpointAndReadinessFollowsTheEngine() throws Exception {
        try (Dynalite dynalite = Dynalite.start()) {
            dynalite.installAsSdkDefault();
            TaskServer server = launch(Map.of("PORT", "0", "TASKS_STORE", "dynamodb", "TASKS_TABLE", "ready-tasks",
                    "TASKS_CREATE_TABLE", "true", "AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString()));
            try {
                assertThat(out.toString(StandardCharsets.UTF_8)).contains("  store:   dynamodb\n",
                        "  data:    DynamoDB table ready-tasks in region us-east-1 at " + dynalite.endpoint() + "\n");
                assertThat(ready(server).statusCode()).isEqualTo(200);

                dynalite.stop();
                long started = System.nanoTime();
                HttpResponse<String> down = ready(server);
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body())
                        .isEqualTo("{\"status\":\"unavailable\",\"message\":\"The task store is not reachable\"}");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

                dynalite.restart();
                dynalite.createTable("ready-tasks");
                assertThat(ready(server).statusCode()).isEqualTo(200);
            } finally {
                server.stop();
            }
        } finally {
            DYNALITE.engine().installAsSdkDefault();
        }
    }

    @Test
    void aMissingTableStopsStartupWithOneLineNamingTasksTable() {
        URI endpoint = DYNALITE.engine().endpoint();
        TaskServerMain.StartupFailure failure = catchThrowableOfType(TaskServerMain.StartupFailure.class,
                () -> launch(Map.of("PORT", "0", "TASKS_STORE", "dynamodb", "TASKS_TABLE", "never-created",
                        "AWS_ENDPOINT_URL_DYNAMODB", endpoint.toString())));

        assertThat(failure).isNotNull();
        assertThat(failure.status).isEqualTo(2);
        assertThat(failure).hasMessage("Configuration error: TASKS_TABLE: table never-created does not exist at "
                + endpoint + " (create it, or set TASKS_CREATE_TABLE=true)");
    }

    private TaskServer launch(Map<String, String> env) {
        return TaskServerMain.launch(new String[0], env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> ready(TaskServer server) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health/ready"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
