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
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 3: requests per second and latency of the local server (task-server.jar, in-memory store) for GET by id
 * and POST, loaded by wrk on loopback with the same threads, connections and duration, in interleaved rounds, against
 * two plain Javalin apps answering fixed JSON of the same size: one that keeps nothing, and one that keeps each POST
 * body (what retaining every created task costs the collector). The server runs twice: as {@code java -jar} starts it,
 * and with {@link #TENURING}, the collector setting the README gives for sustained load; the keeping app runs with
 * the same setting, so that the two are compared like for like.
 */
public final class Throughput {
    static final String POST_BODY = "{\"task\":\"Write the benchmark report\",\"priority\":\"high\"}";
    /**
     * Promote what survives one young collection: the in-memory store keeps every task it is given, and G1's default
     * (up to 15 copies in the survivor spaces first) copies the same tasks again and again after a burst of writes.
     */
    static final String TENURING = "-XX:MaxTenuringThreshold=1";
    /** The targets, in the order each round loads them; each serves {@code GET /tasks/{id}} and {@code POST /tasks}. */
    static final List<String> TARGETS = List.of("server", "server-tenuring", "plain", "plain-keeping");
    static final List<String> REQUESTS = List.of("GET /tasks/{id}", "POST /tasks");

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
        Map<String, String> serverEnv = Map.of("HOST", "127.0.0.1", "TASKS_STORE", "memory",
                "TASKS_PAGE_TOKEN_SECRET", Base64.getEncoder().encodeToString(new byte[32]), "TASKS_CORS_ORIGINS", "*");
        String serverJar = settings.artifacts().resolve("task-server.jar").toString();
        Map<String, Process> processes = new LinkedHashMap<>();
        try {
            int serverPort = DynaliteProcess.freePort();
            processes.put("server", start(new ProcessBuilder(java, gcLog(work, "server"), "-jar", serverJar),
                    serverEnv, serverPort, work.resolve("server.log")));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> created = createTask(http, serverPort);
            String id = JsonParser.parseString(created.body()).getAsJsonObject().get("id").getAsString();
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + serverPort + "/tasks/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Path getBody = work.resolve("get-body.json");
            Path postBody = work.resolve("post-body.json");
            Files.writeString(getBody, read.body(), StandardCharsets.UTF_8);
            Files.writeString(postBody, created.body(), StandardCharsets.UTF_8);

            // The second server gets a task of its own, so that its GET reads a stored task as the first one's does.
            int tenuredPort = DynaliteProcess.freePort();
            processes.put("server-tenuring", start(new ProcessBuilder(java, gcLog(work, "server-tenuring"), TENURING,
                    "-jar", serverJar), serverEnv, tenuredPort, work.resolve("server-tenuring.log")));
            String tenuredId = JsonParser.parseString(createTask(http, tenuredPort).body()).getAsJsonObject().get("id")
                    .getAsString();

            String classpath = settings.root().resolve("benchmarks/target/classes") + ":"
                    + settings.root().resolve("benchmarks/target/lib") + "/*";
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("server", serverPort);
            ports.put("server-tenuring", tenuredPort);
            for (String plain : List.of("plain", "plain-keeping")) {
                int port = DynaliteProcess.freePort();
                boolean keeping = plain.equals("plain-keeping");
                List<String> command = new ArrayList<>(List.of(java, gcLog(work, plain)));
                command.addAll(keeping ? List.of(TENURING) : List.of());
                command.addAll(List.of("-cp", classpath, PlainJavalinApp.class.getName(), Integer.toString(port),
                        getBody.toString(), postBody.toString()));
                command.addAll(keeping ? List.of("keep") : List.of());
                processes.put(plain, start(new ProcessBuilder(command), Map.of(), port, work.resolve(plain + ".log")));
                ports.put(plain, port);
            }

            Map<String, String> urls = new LinkedHashMap<>();
            for (String target : TARGETS) {
                String root = "http://127.0.0.1:" + ports.get(target);
                urls.put(target + " GET /tasks/{id}", root + "/tasks/" + (target.equals("server-tenuring") ? tenuredId
                        : id));
                urls.put(target + " POST /tasks", root + "/tasks");
            }
            Map<String, List<JsonObject>> samples = new LinkedHashMap<>();
            for (Map.Entry<String, String> target : urls.entrySet()) {
                wrk(threads, connections, jitWarmup, target.getKey().contains("POST") ? postLua : getLua,
                        target.getValue());
            }
            System.out.println("throughput: JIT warm-up done");
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, String> target : urls.entrySet()) {
                    Path lua = target.getKey().contains("POST") ? postLua : getLua;
                    wrk(threads, connections, warmup, lua, target.getValue());
                    long from = System.currentTimeMillis();
                    JsonObject run = wrk(threads, connections, seconds, lua, target.getValue());
                    run.addProperty("from_ms", from);
                    run.addProperty("to_ms", System.currentTimeMillis());
                    samples.computeIfAbsent(target.getKey(), k -> new ArrayList<>()).add(run);
                }
                System.out.printf("throughput: round %d of %d done%n", round + 1, rounds);
            }

            for (Map.Entry<String, List<JsonObject>> target : samples.entrySet()) {
                List<double[]> pauses = pauses(work.resolve(target.getKey().split(" ")[0] + "-gc.log"));
                for (JsonObject run : target.getValue()) {
                    addPauses(run, pauses);
                }
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
            result.addProperty("tenuring_flag", TENURING);
            JsonFiles.write(settings.result("throughput.json"), result);
        } finally {
            for (Process process : processes.values()) {
                stop(process);
            }
        }
    }

    /** Creates one task on the server at {@code port}, refusing any answer but 201. */
    private static HttpResponse<String> createTask(HttpClient http, int port) throws IOException, InterruptedException {
        URI tasks = URI.create("http://127.0.0.1:" + port + "/tasks");
        HttpRequest create = HttpRequest.newBuilder(tasks).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(POST_BODY)).build();
        HttpResponse<String> created = http.send(create, HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("server did not create a task: " + created.body());
        }
        return created;
    }

    /** The JVM option that logs each collection's pauses, with the wall-clock time each ended, to a file. */
    private static String gcLog(Path work, String target) {
        return "-Xlog:gc:file=" + work.resolve(target + "-gc.log") + ":time";
    }

    private static final DateTimeFormatter GC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final Pattern PAUSE = Pattern.compile("^\\[([^]]+)] GC\\(\\d+\\) Pause .* ([0-9.]+)ms$");

    /** Each stop-the-world pause in a {@link #gcLog} file: when it ended (epoch ms) and how long it took (ms). */
    static List<double[]> pauses(Path gcLog) throws IOException {
        List<double[]> pauses = new ArrayList<>();
        for (String line : Files.readAllLines(gcLog)) {
            Matcher pause = PAUSE.matcher(line);
            if (pause.matches()) {
                pauses.add(new double[] {OffsetDateTime.parse(pause.group(1), GC_TIME).toInstant().toEpochMilli(),
                        Double.parseDouble(pause.group(2))});
            }
        }
        return pauses;
    }

    /** The pauses that ended within a measured run: how many, their total and the longest, in ms. */
    static void addPauses(JsonObject run, List<double[]> pauses) {
        long from = run.get("from_ms").getAsLong();
        long to = run.get("to_ms").getAsLong();
        int count = 0;
        double total = 0;
        double longest = 0;
        for (double[] pause : pauses) {
            if (pause[0] >= from && pause[0] <= to) {
                count++;
                total += pause[1];
                longest = Math.max(longest, pause[1]);
            }
        }
        run.addProperty("gc_pauses", count);
        run.addProperty("gc_pause_ms", total);
        run.addProperty("gc_max_pause_ms", longest);
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

    private static Process start(ProcessBuilder builder, Map<String, String> env, int port, Path log)
            throws IOException, InterruptedException {
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
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
