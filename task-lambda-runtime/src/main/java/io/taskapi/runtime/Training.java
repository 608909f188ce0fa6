package io.taskapi.runtime;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.lambda.testing.ProxyEventFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The training run that makes the cache: the runtime started as {@code bootstrap} starts it, but with
 * {@code -XX:AOTCacheOutput}, configured as Terraform configures the function, against a real DynamoDB-compatible
 * engine, serving the requests a function serves (create, read, list, update, delete, a miss, a refused body, an
 * attachment's upload grant). What it loads and links, and how its methods ran, is what the cache keeps. Then a check
 * run with {@code -XX:AOTMode=on}, which refuses to start unless the JVM can map the cache.
 */
final class Training {
    private static final String TABLE = "task-api-training";
    private static final String USER = "training";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private Training() {
    }

    static void run(Path root, Path work) throws Exception {
        Files.createDirectories(work);
        try (Dynalite engine = Dynalite.start()) {
            engine.createTable(TABLE);
            Map<String, String> environment = environment(engine);
            serve(root, environment, "-XX:AOTCacheOutput=" + CustomRuntimePackage.CACHE, work.resolve("training.log"),
                    true);
            if (!Files.isRegularFile(root.resolve(CustomRuntimePackage.CACHE))) {
                throw new IOException("the training run wrote no cache; see " + work.resolve("training.log"));
            }
            serve(root, environment, "-XX:AOTCache=" + CustomRuntimePackage.CACHE, work.resolve("check.log"), false);
        }
    }

    /** The function's environment as Terraform sets it, pointed at the engine; no bucket is reached by a grant. */
    private static Map<String, String> environment(Dynalite engine) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("TZ", "UTC");
        env.put("TASKS_TABLE", TABLE);
        env.put("TASKS_PAGE_TOKEN_SECRET", Base64.getEncoder().encodeToString(new byte[32]));
        env.put("TASKS_CORS_ORIGINS", "*");
        env.put("TASKS_AUTH", "jwt");
        env.put("TASKS_ATTACHMENTS_BUCKET", "task-api-training-attachments");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "training");
        env.put("AWS_SECRET_ACCESS_KEY", "training");
        env.put("AWS_SESSION_TOKEN", "training");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "task-api-training");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", engine.endpoint().toString());
        return env;
    }

    /**
     * Starts the runtime with {@code cacheOption}, serves the training requests (all of them when {@code full}, else
     * the first read only) and waits for the process to end after the Runtime API closes.
     */
    private static void serve(Path root, Map<String, String> environment, String cacheOption, Path log, boolean full)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("jre/bin/java").toString(), cacheOption));
        if (!full) {
            command.add("-XX:AOTMode=on");
        }
        command.add("@" + CustomRuntimePackage.ARGS);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try (TrainingRuntimeApi api = new TrainingRuntimeApi()) {
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
            process = builder.start();
            process.onExit().thenRun(() -> api.fail("the runtime exited with " + process.exitValue() + "; see " + log));
            try {
                expect(api, "GET", "/tasks/00000000-0000-7000-8000-000000000000", null, 404);
                if (full) {
                    trainingRequests(api);
                }
            } catch (RuntimeException | TimeoutException e) {
                process.destroyForcibly();
                throw new IOException("the " + (full ? "training" : "check") + " run failed: " + e.getMessage()
                        + "; see " + log, e);
            }
        }
        // The closed API ends the loop; the JVM then writes the cache (a child JVM assembles it: seconds).
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("the runtime did not end after its Runtime API closed; see " + log);
        }
    }

    private static void trainingRequests(TrainingRuntimeApi api) throws Exception {
        String created = expect(api, "POST", "/tasks", "{\"task\":\"Train the cache\",\"priority\":\"high\"}", 201);
        String id = JsonParser.parseString(created).getAsJsonObject().getAsJsonObject("task").get("id").getAsString();
        expect(api, "GET", "/tasks/" + id, null, 200);
        expect(api, "GET", "/tasks?limit=10", null, 200);
        expect(api, "PUT", "/tasks/" + id, "{\"task\":\"Train the cache\",\"status\":\"in_progress\"}", 200);
        expect(api, "POST", "/tasks", "{\"priority\":\"urgent\"}", 400);
        expect(api, "DELETE", "/tasks/" + id, null, 200);
        // A grant signs a URL without reaching S3; the task keeps its pending attachment (deleting it would).
        String other = expect(api, "POST", "/tasks", "{\"task\":\"Attach the notes\"}", 201);
        String otherId = JsonParser.parseString(other).getAsJsonObject().getAsJsonObject("task").get("id")
                .getAsString();
        expect(api, "POST", "/tasks/" + otherId + "/attachments",
                "{\"filename\":\"notes.txt\",\"content_type\":\"text/plain\",\"size\":12}", 201);
    }

    /** Sends one request as API Gateway's REST API would and checks its status; returns the response body. */
    private static String expect(TrainingRuntimeApi api, String method, String path, String body, int status)
            throws InterruptedException, TimeoutException {
        Map<String, String> headers = body == null ? Map.of("Accept", "application/json")
                : Map.of("Accept", "application/json", "Content-Type", "application/json");
        JsonObject event = ProxyEventFixtures.restApiEvent(method, path, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), USER);
        JsonObject result = JsonParser.parseString(api.invoke(event.toString(), STEP_TIMEOUT)).getAsJsonObject();
        int actual = result.get("statusCode").getAsInt();
        if (actual != status) {
            throw new IllegalStateException(method + " " + path + " answered " + actual + ", expected " + status + ": "
                    + result.get("body"));
        }
        return result.get("body").getAsString();
    }
}
