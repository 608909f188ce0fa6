package io.taskapi.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 3: requests per second and latency of the local server (task-server.jar, in-memory store) for GET by id
 * and POST, against a plain Javalin app answering fixed JSON of the same size, loaded by wrk on loopback with the same
 * threads, connections and duration, in interleaved rounds.
 */
public final class Throughput {
    static final String POST_BODY = "{\"task\":\"Write the benchmark report\",\"priority\":\"high\"}";

    private Throughput() {
    }

    public static void run(Settings settings) throws Exception {
        int rounds = settings.intSetting("WRK_ROUNDS", 3, 1);
        int seconds = settings.intSetting("WRK_SECONDS", 10, 3);
        int warmup = settings.intSetting("WRK_WARMUP_SECONDS", 5, 2);
        // Before the first round, each target is loaded this long so that the JIT has compiled its hot paths: after
        // only 8 s of load, the real server's C2 compiler threads still used 5 s of CPU in the next 10 s (half a core,
        // taken from the server it measures); after 40 s, about 1 s.
        int jitWarmup = settings.intSetting("WRK_JIT_WARMUP_SECONDS", 40, 5);
        int connections = settings.intSetting("WRK_CONNECTIONS", 32, 32);
        int threads = settings.intSetting("WRK_THREADS", 2, 2);
        Path work = Files.createDirectories(settings.work().resolve("throughput"));
        Path getLua = work.resolve("get.lua");
        Path postLua = work.resolve("post.lua");
        String done = """
                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format('@@WRK {"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,\
                "p99_us":%d,"max_us":%d,"errors":%d,"non2xx":%d}\\n', summary.requests, summary.duration,\
                latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,\
                e.connect + e.read + e.write + e.timeout, e.status))
                end
                """;
        Files.writeString(getLua, done);
        Files.writeString(postLua, "wrk.method = \"POST\"\nwrk.body = '" + POST_BODY + "'\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n" + done);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int serverPort = DynaliteProcess.freePort();
        Process server = start(new ProcessBuilder(java, "-jar",
                settings.artifacts().resolve("task-server.jar").toString()), Map.of(
                "PORT", Integer.toString(serverPort), "HOST", "127.0.0.1", "TASKS_STORE", "memory",
                "TASKS_PAGE_TOKEN_SECRET", Base64.getEncoder().encodeToString(new byte[32]),
                "TASKS_CORS_ORIGINS", "*"), work.resolve("server.log"), serverPort);
        Process plain = null;
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + serverPort;
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/tasks"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(POST_BODY)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("server did not create a task: " + created.body());
            }
            String id = JsonParser.parseString(created.body()).getAsJsonObject().get("id").getAsString();
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(base + "/tasks/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Path getBody = work.resolve("get-body.json");
            Path postBody = work.resolve("post-body.json");
            Files.writeString(getBody, read.body(), StandardCharsets.UTF_8);
            Files.writeString(postBody, created.body(), StandardCharsets.UTF_8);

            int plainPort = DynaliteProcess.freePort();
            String classpath = settings.root().resolve("benchmarks/target/classes") + ":"
                    + settings.root().resolve("benchmarks/target/lib") + "/*";
            plain = start(new ProcessBuilder(java, "-cp", classpath, PlainJavalinApp.class.getName(),
                    Integer.toString(plainPort), getBody.toString(), postBody.toString()), Map.of(),
                    work.resolve("plain.log"), plainPort);

            Map<String, String> targets = new LinkedHashMap<>();
            targets.put("server GET /tasks/{id}", "http://127.0.0.1:" + serverPort + "/tasks/" + id);
            targets.put("plain GET /tasks/{id}", "http://127.0.0.1:" + plainPort + "/tasks/" + id);
            targets.put("server POST /tasks", "http://127.0.0.1:" + serverPort + "/tasks");
            targets.put("plain POST /tasks", "http://127.0.0.1:" + plainPort + "/tasks");
            Map<String, List<JsonObject>> samples = new LinkedHashMap<>();
            for (Map.Entry<String, String> target : targets.entrySet()) {
                wrk(threads, connections, jitWarmup, target.getKey().contains("POST") ? postLua : getLua,
                        target.getValue());
            }
            System.out.println("throughput: JIT warm-up done");
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, String> target : targets.entrySet()) {
                    Path lua = target.getKey().contains("POST") ? postLua : getLua;
                    wrk(threads, connections, warmup, lua, target.getValue());
                    samples.computeIfAbsent(target.getKey(), k -> new ArrayList<>())
                            .add(wrk(threads, connections, seconds, lua, target.getValue()));
                }
                System.out.printf("throughput: round %d of %d done%n", round + 1, rounds);
            }

            JsonObject result = new JsonObject();
            result.addProperty("rounds", rounds);
            result.addProperty("seconds", seconds);
            result.addProperty("warmup_seconds", warmup);
            result.addProperty("jit_warmup_seconds", jitWarmup);
            result.addProperty("connections", connections);
            result.addProperty("threads", threads);
            result.addProperty("get_body_bytes", read.body().getBytes(StandardCharsets.UTF_8).length);
            result.addProperty("post_body_bytes", created.body().getBytes(StandardCharsets.UTF_8).length);
            result.addProperty("server_get_header_bytes", headerBytes(read));
            result.addProperty("server_post_header_bytes", headerBytes(created));
            JsonObject targetsJson = new JsonObject();
            for (Map.Entry<String, List<JsonObject>> target : samples.entrySet()) {
                JsonObject json = new JsonObject();
                JsonArray runs = new JsonArray();
                target.getValue().forEach(runs::add);
                json.add("runs", runs);
                json.add("requests_per_second", JsonFiles.stats(Stats.of(target.getValue().stream()
                        .map(r -> r.get("requests").getAsDouble() * 1e6 / r.get("duration_us").getAsDouble())
                        .toList())));
                for (String percentile : List.of("p50_us", "p90_us", "p99_us")) {
                    json.add(percentile, JsonFiles.stats(Stats.of(target.getValue().stream()
                            .map(r -> r.get(percentile).getAsDouble()).toList())));
                }
                json.addProperty("errors", target.getValue().stream()
                        .mapToLong(r -> r.get("errors").getAsLong() + r.get("non2xx").getAsLong()).sum());
                targetsJson.add(target.getKey(), json);
            }
            result.add("targets", targetsJson);
            JsonFiles.write(settings.result("throughput.json"), result);
        } finally {
            stop(server);
            if (plain != null) {
                stop(plain);
            }
        }
    }

    private static int headerBytes(HttpResponse<?> response) {
        int bytes = 0;
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            for (String value : header.getValue()) {
                bytes += header.getKey().length() + 2 + value.length() + 2;
            }
        }
        return bytes;
    }

    private static JsonObject wrk(int threads, int connections, int seconds, Path lua, String url)
            throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "5s", "-s", lua.toString(), url).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        for (String line : output.split("\n")) {
            if (line.startsWith("@@WRK ")) {
                JsonObject json = JsonParser.parseString(line.substring(6)).getAsJsonObject();
                if (json.get("non2xx").getAsLong() > 0 || json.get("errors").getAsLong() > 0) {
                    System.out.println("wrk reported errors for " + url + ": " + output);
                }
                return json;
            }
        }
        throw new IllegalStateException("no result from wrk: " + output);
    }

    private static Process start(ProcessBuilder builder, Map<String, String> env, Path log, int port)
            throws IOException, InterruptedException {
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(env);
        Process process = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Files.writeString(log, String.join(" ", builder.command()) + "\n");
        try {
            if (DynaliteProcess.awaitPort(process, port, 60)) {
                return process;
            }
        } catch (IllegalStateException exited) {
            throw new IllegalStateException(exited.getMessage() + ": " + builder.command(), exited);
        }
        process.destroyForcibly();
        throw new IllegalStateException("did not listen within 60 s: " + builder.command());
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
