package io.taskapi.benchmarks;

import com.google.gson.JsonObject;
import io.taskapi.benchmarks.coldstart.HandlerLaunch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Section {@code coldstart-runtime}: the custom runtime's package ({@code task-lambda-runtime.zip}: jlinked JDK 25,
 * ahead-of-time cache made at build time) started as Lambda's {@code provided.al2023} starts it, through a Runtime
 * API on loopback, interleaved round by round with the seed's Python function, the managed zip's handler on JDK 17
 * (section 8's program) and the same custom package without its cache (what the cache alone gives). One dynalite,
 * one item; every program answers the same {@code GET /tasks/{id}}.
 *
 * <p>The package is extracted with Info-ZIP's {@code unzip}, which restores each entry's time and mode as the zip
 * records them; the cache is checked against the jars' sizes and times, so an extraction that changed them would
 * show here as a cache the JVM refuses.
 */
final class ColdStartRuntime {
    private ColdStartRuntime() {
    }

    static void run(Settings settings) throws Exception {
        int runs = settings.intSetting("COLD_RUNS", 12, 3);
        Path work = settings.work().resolve("coldstart-runtime");
        ColdStart.deleteTree(work);
        Files.createDirectories(work);
        JsonObject result = new JsonObject();
        result.addProperty("runs", runs);
        Path customZip = settings.artifacts().resolve("task-lambda-runtime.zip");
        if (!Files.exists(customZip)) {
            String reason = "no task-lambda-runtime.zip (its build needs a JDK 25: set JDK25_HOME)";
            System.out.println("*** coldstart-runtime: SKIPPED, NOT MEASURED: " + reason + " ***");
            result.addProperty("skipped", reason);
            JsonFiles.write(settings.result("coldstart-runtime.json"), result);
            return;
        }
        Path taskRoot = work.resolve("task");
        unzip(customZip, taskRoot);
        Path extract = work.resolve("zip");
        ColdStart.unzip(settings.artifacts().resolve("task-lambda.zip"), extract);
        String zipClasspath = extract + ":" + extract.resolve("lib") + "/*:" + settings.artifacts()
                .resolve("launcher.jar");
        Path home = Files.createDirectories(work.resolve("home"));
        ColdStartPython.Python python = ColdStartPython.Python.find();

        try (DynaliteProcess dynalite = DynaliteProcess.start(settings.root(), work.resolve("logs"))) {
            String taskId = ColdStart.seed(dynalite);
            result.add("seed_item", ColdStartPython.seedSeedTable(dynalite, taskId));
            Map<String, String> env = ColdStart.environment(home, dynalite);
            env.put("TABLE_NAME", ColdStartPython.SEED_TABLE);
            String event = HandlerLaunch.event(taskId);
            List<String> withCache = List.of(taskRoot.resolve("bootstrap").toString());
            List<String> withoutCache = List.of(taskRoot.resolve("jre/bin/java").toString(), "@jvm.args");
            List<String> handlerArgs = List.of("io.taskapi.benchmarks.coldstart.HandlerLaunch", taskId);

            Map<String, List<ColdStartRuns.Run>> samples = new LinkedHashMap<>();
            for (int round = -1; round < runs; round++) { // round -1 warms the page cache and is discarded
                List<String> order = new ArrayList<>(List.of("runtime", "python", "handler", "runtime_nocache"));
                if (!python.available()) {
                    order.remove("python");
                }
                if (round % 2 != 0) {
                    Collections.reverse(order);
                }
                for (String program : order) {
                    ColdStartRuns.Run run = switch (program) {
                        case "runtime" -> RuntimeLaunch.launch(withCache, taskRoot, env, event, work);
                        case "runtime_nocache" -> RuntimeLaunch.launch(withoutCache, taskRoot, env, event, work);
                        case "handler" -> ColdStartRuns.launch(env, zipClasspath, ColdStart.C1, handlerArgs, work);
                        default -> ColdStartRuns.launch(python.command(taskId, settings.root()), env, work);
                    };
                    if (round >= 0) {
                        samples.computeIfAbsent(program, k -> new ArrayList<>()).add(run);
                    }
                }
                System.out.printf("coldstart-runtime: round %d of %d done%n", round + 1, runs);
            }
            result.addProperty("package_bytes", Files.size(customZip));
            result.addProperty("cache_bytes", Files.size(taskRoot.resolve("task.aot")));
            result.addProperty("jdk", Files.readString(taskRoot.resolve("jre/release"), StandardCharsets.UTF_8)
                    .lines().filter(line -> line.startsWith("JAVA_RUNTIME_VERSION=")).findFirst().orElse("?")
                    .replace("JAVA_RUNTIME_VERSION=", "").replace("\"", ""));
            result.addProperty("jvm_args", String.join(" ", Files.readAllLines(taskRoot.resolve("jvm.args")))
                    .replaceAll("-cp \\S+", "-cp <lib/*.jar in order>"));
            result.addProperty("handler_flags", String.join(" ", ColdStart.C1));
            result.addProperty("java", System.getProperty("java.runtime.version"));
            result.add("python_info", python.describe());
            for (Map.Entry<String, List<ColdStartRuns.Run>> program : samples.entrySet()) {
                result.add(program.getKey(), ColdStartRuns.summarize(program.getValue()));
            }
            if (samples.containsKey("python")) {
                for (String program : List.of("runtime", "handler")) {
                    List<Double> paired = new ArrayList<>();
                    for (int i = 0; i < runs; i++) {
                        paired.add(samples.get(program).get(i).milestones().get("RESPONSE")
                                / samples.get("python").get(i).milestones().get("RESPONSE"));
                    }
                    JsonObject pairedJson = JsonFiles.stats(Stats.of(paired));
                    pairedJson.add("values", JsonFiles.numbers(paired));
                    result.add("paired_ratio_" + program + "_python", pairedJson);
                }
            }
        }
        JsonFiles.write(settings.result("coldstart-runtime.json"), result);
    }

    /** Extracts with Info-ZIP's unzip, keeping the times and modes the zip records, as Lambda's extraction does. */
    private static void unzip(Path zip, Path into) throws IOException, InterruptedException {
        Files.createDirectories(into);
        Process process = new ProcessBuilder("unzip", "-q", "-o", zip.toString(), "-d", into.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("unzip failed (install Info-ZIP unzip): " + output);
        }
    }
}
