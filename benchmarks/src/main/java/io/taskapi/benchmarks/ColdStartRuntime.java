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
            result.add("cpu_share_256mb", atLambdasCpuShare(runs, work, python, taskRoot, env, event, settings,
                    taskId));
            result.addProperty("package_bytes", Files.size(customZip));
            result.addProperty("cache_bytes", Files.size(taskRoot.resolve("task.aot")));
            result.addProperty("jdk", Files.readString(taskRoot.resolve("jre/release"), StandardCharsets.UTF_8)
                    .lines().filter(line -> line.startsWith("JAVA_VERSION=")).findFirst().orElse("?")
                    .replace("JAVA_VERSION=", "").replace("\"", "")); // a jlinked image's release file names no build
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

    /**
     * The custom runtime and the Python function again, each process confined to the CPU share Lambda gives a 256 MB
     * function (256/1769 of one vCPU; one core of this machine taken as one vCPU) by a CFS quota of a cgroup (v1
     * {@code cpu} controller) that the spawned process joins before it execs; dynalite and the driver stay outside.
     * Skipped, saying so, where no such cgroup can be made (not root, no v1 controller).
     */
    private static JsonObject atLambdasCpuShare(int runs, Path work, ColdStartPython.Python python, Path taskRoot,
            Map<String, String> env, String event, Settings settings, String taskId) throws Exception {
        JsonObject json = new JsonObject();
        Path group = Path.of("/sys/fs/cgroup/cpu/taskapi-coldstart-256mb");
        long period = 100_000;
        long quota = period * 256 / 1769;
        try {
            Files.createDirectories(group);
            Files.writeString(group.resolve("cpu.cfs_period_us"), Long.toString(period));
            Files.writeString(group.resolve("cpu.cfs_quota_us"), Long.toString(quota));
        } catch (IOException | RuntimeException e) {
            String reason = "no cgroup v1 cpu controller to write (" + e.getMessage() + ")";
            System.out.println("*** coldstart-runtime: the 256 MB CPU share is NOT MEASURED: " + reason + " ***");
            json.addProperty("skipped", reason);
            return json;
        }
        if (!python.available()) {
            json.addProperty("skipped", "no Python with boto3");
            return json;
        }
        try {
            json.addProperty("cfs_quota_us", quota);
            json.addProperty("cfs_period_us", period);
            List<String> join = List.of("sh", "-c", "echo $$ > " + group.resolve("tasks") + " && exec \"$@\"", "sh");
            List<String> runtime = new ArrayList<>(join);
            runtime.add(taskRoot.resolve("bootstrap").toString());
            List<String> seed = new ArrayList<>(join);
            seed.addAll(python.command(taskId, settings.root()));
            Map<String, List<ColdStartRuns.Run>> samples = new LinkedHashMap<>();
            for (int round = -1; round < runs; round++) {
                List<String> order = new ArrayList<>(List.of("runtime", "python"));
                if (round % 2 != 0) {
                    Collections.reverse(order);
                }
                for (String program : order) {
                    ColdStartRuns.Run run = program.equals("runtime")
                            ? RuntimeLaunch.launch(runtime, taskRoot, env, event, work)
                            : ColdStartRuns.launch(seed, env, work);
                    if (round >= 0) {
                        samples.computeIfAbsent(program, k -> new ArrayList<>()).add(run);
                    }
                }
                System.out.printf("coldstart-runtime at 256 MB's CPU share: round %d of %d done%n", round + 1, runs);
            }
            for (Map.Entry<String, List<ColdStartRuns.Run>> program : samples.entrySet()) {
                json.add(program.getKey(), ColdStartRuns.summarize(program.getValue()));
            }
            List<Double> paired = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                paired.add(samples.get("runtime").get(i).milestones().get("RESPONSE")
                        / samples.get("python").get(i).milestones().get("RESPONSE"));
            }
            JsonObject pairedJson = JsonFiles.stats(Stats.of(paired));
            pairedJson.add("values", JsonFiles.numbers(paired));
            json.add("paired_ratio_runtime_python", pairedJson);
            return json;
        } finally {
            Files.deleteIfExists(group); // rmdir: the group's processes have all exited
        }
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
