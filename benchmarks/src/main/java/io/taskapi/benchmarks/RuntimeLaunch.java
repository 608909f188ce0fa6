package io.taskapi.benchmarks;

import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One cold start of the custom runtime, as Lambda's {@code provided.al2023} does it: spawn the package's
 * {@code bootstrap} in the task root with {@code AWS_LAMBDA_RUNTIME_API} pointing at a Runtime API on loopback, hand
 * the first {@code next} poll one event, and time, from the spawn, that poll (init done) and the posted response.
 * The second poll is refused, which ends the runtime as an environment's shutdown does.
 */
final class RuntimeLaunch {
    private static final long CLOCK_TICKS_PER_SECOND = 100; // Linux's USER_HZ, the unit of /proc/<pid>/stat times

    private RuntimeLaunch() {
    }

    /**
     * Runs {@code command} (the bootstrap, or the JVM without its cache) in {@code taskRoot}; milestones INIT and
     * RESPONSE in ms since just before the spawn; memory cpu_us and vmhwm_kb read from /proc as the response arrives.
     */
    static ColdStartRuns.Run launch(List<String> command, Path taskRoot, Map<String, String> env, String event,
            Path work) throws IOException, InterruptedException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger polls = new AtomicInteger();
        CompletableFuture<Double> init = new CompletableFuture<>();
        CompletableFuture<String> response = new CompletableFuture<>();
        Map<String, Long> memory = new TreeMap<>();
        long[] spawn = new long[1];
        Process[] process = new Process[1];
        server.createContext("/2018-06-01/runtime/", exchange -> {
            try (exchange) {
                long at = System.nanoTime();
                String path = exchange.getRequestURI().getPath();
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (path.endsWith("/invocation/next")) {
                    if (polls.incrementAndGet() > 1) {
                        exchange.sendResponseHeaders(500, -1);
                        return;
                    }
                    init.complete((at - spawn[0]) / 1e6);
                    byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", "cold-start");
                    exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                            Long.toString(System.currentTimeMillis() + 30_000));
                    exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                            "arn:aws:lambda:us-east-1:000000000000:function:task-api");
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                    return;
                }
                memory.putAll(procStats(process[0].pid()));
                if (path.endsWith("/cold-start/response")) {
                    response.complete(((at - spawn[0]) / 1e6) + " " + new String(body, StandardCharsets.UTF_8));
                } else {
                    response.completeExceptionally(new IllegalStateException(path + ": "
                            + new String(body, StandardCharsets.UTF_8)));
                }
                exchange.sendResponseHeaders(202, -1);
            }
        });
        server.start();
        try {
            Map<String, String> environment = new LinkedHashMap<>(env);
            environment.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getAddress().getPort());
            environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
            ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                    .redirectErrorStream(true).redirectOutput(work.resolve("last-runtime.log").toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            spawn[0] = System.nanoTime();
            process[0] = builder.start();
            process[0].onExit().thenRun(() -> response.completeExceptionally(
                    new IllegalStateException("the runtime exited with " + process[0].exitValue())));
            String answer;
            try {
                answer = response.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                process[0].destroyForcibly();
                throw new IllegalStateException("custom runtime cold start failed: " + e.getMessage() + "\n"
                        + Files.readString(work.resolve("last-runtime.log")), e);
            }
            String[] parts = answer.split(" ", 2);
            int status = JsonParser.parseString(parts[1]).getAsJsonObject().get("statusCode").getAsInt();
            if (status != 200) {
                throw new IllegalStateException("custom runtime answered " + status + ": " + parts[1]);
            }
            Map<String, Double> milestones = new LinkedHashMap<>();
            milestones.put("INIT", init.getNow(Double.NaN));
            milestones.put("RESPONSE", Double.parseDouble(parts[0]));
            return new ColdStartRuns.Run(milestones, memory);
        } finally {
            server.stop(0);
            if (process[0] != null && !process[0].waitFor(10, TimeUnit.SECONDS)) {
                process[0].destroyForcibly();
            }
        }
    }

    /** The process's CPU time so far (user + system) and its peak resident set, from /proc. */
    private static Map<String, Long> procStats(long pid) {
        Map<String, Long> stats = new TreeMap<>();
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            stats.put("cpu_us", ticks * 1_000_000 / CLOCK_TICKS_PER_SECOND);
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    stats.put("vmhwm_kb", Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process is already gone: no CPU or memory figure for this run.
        }
        return stats;
    }
}
