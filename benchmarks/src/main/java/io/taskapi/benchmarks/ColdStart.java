package io.taskapi.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.dynamodb.DynamoDbClients;
import io.taskapi.dynamodb.DynamoDbTaskRepository;
import io.taskapi.dynamodb.TaskTableSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Benchmark 1: cold starts of the packaged Lambda handler against the floor (a bare SDK client, one GetItem, one Gson
 * write), in fresh JVMs, under several JVM configurations, interleaved round by round so drift hits all alike.
 * Times are taken by this driver: from just before it spawns the JVM to the arrival of each milestone line.
 */
public final class ColdStart {
    static final String TABLE = "tasks";

    /**
     * A JVM configuration.
     *
     * @param name      short key
     * @param label     what the report calls it
     * @param flags     JVM flags
     * @param jarLayout application classes from the module jar instead of the zip's root directory (AppCDS archives
     *                  classes from jars only)
     * @param cds       run with a dynamic AppCDS archive made by a training run of the same program
     */
    record Config(String name, String label, List<String> flags, boolean jarLayout, boolean cds) {
    }

    /** Lambda's Java 17 and 21 runtimes stop tiered compilation at level 1 (C1) by default. */
    static final List<String> C1 = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    static final List<Config> CONFIGS = List.of(
            new Config("default", "JDK 17 defaults (no flags)", List.of(), false, false),
            new Config("c1", "-XX:TieredStopAtLevel=1 (Lambda's default for Java 17/21)", C1, false, false),
            new Config("lambda256", "C1 + SerialGC + -Xmx217m (256 MB function)",
                    concat(C1, List.of("-XX:+UseSerialGC", "-Xmx217m")), false, false),
            new Config("c1-jar", "C1, application classes in a jar (CDS control)", C1, true, false),
            new Config("c1-appcds", "C1 + AppCDS (dynamic archive, application classes in a jar)", C1, true, true),
            new Config("default-appcds", "JDK 17 defaults + AppCDS", List.of(), true, true));

    private ColdStart() {
    }

    public static void run(Settings settings) throws Exception {
        int runs = settings.intSetting("COLD_RUNS", 12, 3);
        Path work = settings.work().resolve("coldstart");
        deleteTree(work);
        Path extract = work.resolve("zip");
        unzip(settings.artifacts().resolve("task-lambda.zip"), extract);
        Path launcher = settings.artifacts().resolve("launcher.jar");
        String lib = extract.resolve("lib") + "/*";
        String zipClasspath = extract + ":" + lib + ":" + launcher;
        String jarClasspath = settings.artifacts().resolve("task-adapter-lambda.jar") + ":" + lib + ":" + launcher;
        Path home = Files.createDirectories(work.resolve("home")); // no ~/.aws, as in Lambda

        try (DynaliteProcess dynalite = DynaliteProcess.start(settings.root(), work.resolve("logs"))) {
            String taskId = seed(dynalite);
            Map<String, String> env = environment(home, dynalite);
            List<String> handlerArgs = List.of("io.taskapi.benchmarks.coldstart.HandlerLaunch", taskId);
            List<String> floorArgs = List.of("io.taskapi.benchmarks.coldstart.FloorLaunch", TABLE,
                    OwnerId.SHARED.value(), taskId);

            // Training runs that write the AppCDS archives, one per program, on the jar layout.
            Path handlerArchive = work.resolve("handler.jsa");
            Path floorArchive = work.resolve("floor.jsa");
            launch(env, jarClasspath, List.of("-XX:ArchiveClassesAtExit=" + handlerArchive), handlerArgs, work);
            launch(env, jarClasspath, List.of("-XX:ArchiveClassesAtExit=" + floorArchive), floorArgs, work);

            Map<String, Map<String, List<Run>>> samples = new LinkedHashMap<>();
            List<Run> primed = new ArrayList<>();
            for (int round = -1; round < runs; round++) { // round -1 warms the page cache and is discarded
                for (Config config : CONFIGS) {
                    String classpath = config.jarLayout() ? jarClasspath : zipClasspath;
                    for (String program : List.of("handler", "floor")) {
                        List<String> flags = new ArrayList<>(config.flags());
                        if (config.cds()) {
                            flags.add("-XX:SharedArchiveFile="
                                    + (program.equals("handler") ? handlerArchive : floorArchive));
                        }
                        Run run = launch(env, classpath, flags, program.equals("handler") ? handlerArgs : floorArgs,
                                work);
                        if (round >= 0) {
                            samples.computeIfAbsent(config.name(), k -> new LinkedHashMap<>())
                                    .computeIfAbsent(program, k -> new ArrayList<>()).add(run);
                        }
                    }
                }
                List<String> primedArgs = new ArrayList<>(handlerArgs);
                primedArgs.add("primed");
                Run run = launch(env, zipClasspath, C1, primedArgs, work);
                if (round >= 0) {
                    primed.add(run);
                }
                System.out.printf("cold start: round %d of %d done%n", round + 1, runs);
            }

            JsonObject result = new JsonObject();
            result.addProperty("runs", runs);
            result.addProperty("task_id", taskId);
            JsonArray configs = new JsonArray();
            for (Config config : CONFIGS) {
                JsonObject json = new JsonObject();
                json.addProperty("name", config.name());
                json.addProperty("label", config.label());
                json.addProperty("flags", String.join(" ", config.flags()) + (config.cds()
                        ? " -XX:SharedArchiveFile=<program>.jsa" : ""));
                for (String program : List.of("handler", "floor")) {
                    json.add(program, summarize(samples.get(config.name()).get(program)));
                }
                configs.add(json);
            }
            result.add("configs", configs);
            result.add("primed", summarize(primed));
            result.add("class_loading", classLoading(env, zipClasspath, handlerArgs, floorArgs, work));
            result.addProperty("handler_archive_bytes", Files.size(handlerArchive));
            result.addProperty("floor_archive_bytes", Files.size(floorArchive));
            JsonFiles.write(settings.result("coldstart.json"), result);
        }
    }

    /**
     * A/B comparison of two builds of the Lambda zip (the current artifact against {@code COLD_AB_ZIP}), handler only,
     * with Lambda's C1 flags, interleaved run by run; for judging a change to the cold path.
     */
    public static void compare(Settings settings) throws Exception {
        int runs = settings.intSetting("COLD_RUNS", 20, 5);
        Path work = settings.work().resolve("coldstart-ab");
        deleteTree(work);
        Map<String, String> classpaths = new LinkedHashMap<>();
        Path launcher = settings.artifacts().resolve("launcher.jar");
        Map<String, Path> zips = new LinkedHashMap<>();
        zips.put("A", settings.artifacts().resolve("task-lambda.zip"));
        zips.put("B", Path.of(System.getenv("COLD_AB_ZIP")));
        for (Map.Entry<String, Path> zip : zips.entrySet()) {
            Path extract = work.resolve(zip.getKey());
            unzip(zip.getValue(), extract);
            classpaths.put(zip.getKey(), extract + ":" + extract.resolve("lib") + "/*:" + launcher);
        }
        Path home = Files.createDirectories(work.resolve("home"));
        try (DynaliteProcess dynalite = DynaliteProcess.start(settings.root(), work.resolve("logs"))) {
            String taskId = seed(dynalite);
            Map<String, String> env = environment(home, dynalite);
            Map<String, List<Run>> samples = new LinkedHashMap<>();
            for (int round = -1; round < runs; round++) {
                for (Map.Entry<String, String> classpath : classpaths.entrySet()) {
                    Run run = launch(env, classpath.getValue(), C1,
                            List.of("io.taskapi.benchmarks.coldstart.HandlerLaunch", taskId), work);
                    if (round >= 0) {
                        samples.computeIfAbsent(classpath.getKey(), k -> new ArrayList<>()).add(run);
                    }
                }
            }
            JsonObject result = new JsonObject();
            result.addProperty("runs", runs);
            result.addProperty("a", zips.get("A").toString());
            result.addProperty("b", zips.get("B").toString());
            for (Map.Entry<String, List<Run>> sample : samples.entrySet()) {
                JsonObject summary = summarize(sample.getValue());
                result.add(sample.getKey(), summary);
                System.out.printf("%s: init %s; init + first response %s; CPU µs %s%n", sample.getKey(),
                        JsonFiles.stats(summary.getAsJsonObject("init")).describe(0),
                        JsonFiles.stats(summary.getAsJsonObject("response")).describe(0),
                        JsonFiles.stats(summary.getAsJsonObject("cpu_us")).describe(0));
            }
            JsonFiles.write(settings.result("coldstart-ab.json"), result);
        }
    }

    static Map<String, String> environment(Path home, DynaliteProcess dynalite) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("TZ", "UTC");
        env.put("TASKS_TABLE", TABLE);
        env.put("TASKS_PAGE_TOKEN_SECRET", Base64.getEncoder().encodeToString(new byte[32]));
        env.put("TASKS_CORS_ORIGINS", "*");
        // The benchmark reads the shared owner's task it stored beforehand: no authorizer, as with auth_mode = "none".
        env.put("TASKS_AUTH", "none");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_SESSION_TOKEN", "local");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "task-api");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString());
        return env;
    }

    /** Creates the table and the one task every cold start reads; returns its id. */
    private static String seed(DynaliteProcess dynalite) {
        try (DynamoDbClient client = DynamoDbClients.create(dynalite.endpoint(), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))) {
            TaskTableSchema.createIfMissing(client, TABLE);
            long now = System.currentTimeMillis() / 1000;
            Task task = new Task(new UuidV7Generator(Clock.systemUTC()).newId(), "Write the benchmark report",
                    TaskStatus.IN_PROGRESS, TaskPriority.HIGH, now, now, 1);
            new DynamoDbTaskRepository(client, TABLE).create(OwnerId.SHARED, task);
            return task.id();
        }
    }

    /**
     * One fresh JVM. Milestones are times in ms since just before the spawn.
     *
     * @param milestones MAIN (main() entered), INIT (constructor / client built), PRIMED, RESPONSE
     * @param memory     the MEMORY line's key=value pairs
     */
    record Run(Map<String, Double> milestones, Map<String, Long> memory) {
    }

    static Run launch(Map<String, String> env, String classpath, List<String> flags, List<String> programArgs,
                      Path work) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-cp");
        command.add(classpath);
        command.addAll(programArgs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectError(work.resolve("last-stderr.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Map<String, Double> milestones = new LinkedHashMap<>();
        Map<String, Long> memory = new TreeMap<>();
        long spawn = System.nanoTime();
        Process process = builder.start();
        String answer = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                long at = System.nanoTime();
                if (!line.startsWith("@@")) {
                    continue; // the handler's own request log
                }
                String[] parts = line.substring(2).split(" ", 2);
                if (parts[0].equals("MEMORY")) {
                    for (String pair : parts[1].split(" ")) {
                        String[] kv = pair.split("=");
                        memory.put(kv[0], Long.parseLong(kv[1]));
                    }
                } else {
                    milestones.put(parts[0], (at - spawn) / 1e6);
                    if (parts[0].equals("RESPONSE")) {
                        answer = parts[1];
                    }
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("cold start did not finish: " + command);
        }
        if (process.exitValue() != 0 || !"200".equals(answer)) {
            throw new IllegalStateException("cold start failed (exit " + process.exitValue() + ", answer " + answer
                    + "): " + command + "\n" + Files.readString(work.resolve("last-stderr.log")));
        }
        return new Run(milestones, memory);
    }

    private static JsonObject summarize(List<Run> runs) {
        JsonObject json = new JsonObject();
        for (String milestone : List.of("MAIN", "INIT", "PRIMED", "RESPONSE")) {
            List<Double> values = runs.stream().map(r -> r.milestones().get(milestone))
                    .filter(v -> v != null).toList();
            if (!values.isEmpty()) {
                JsonObject m = JsonFiles.stats(Stats.of(values));
                m.add("values", JsonFiles.numbers(values));
                json.add(milestone.toLowerCase(java.util.Locale.ROOT), m);
            }
        }
        // The first request alone: from init (or priming) done to the response.
        List<Double> firstRequest = runs.stream().map(r -> r.milestones().get("RESPONSE")
                - r.milestones().getOrDefault("PRIMED", r.milestones().get("INIT"))).toList();
        json.add("first_request", JsonFiles.stats(Stats.of(firstRequest)));
        for (String key : List.of("vmhwm_kb", "peak_heap_used", "peak_heap_committed", "max_heap", "cpu_us")) {
            List<Double> values = runs.stream().map(r -> r.memory().get(key)).filter(v -> v != null)
                    .map(Long::doubleValue).toList();
            json.add(key, JsonFiles.stats(Stats.of(values)));
        }
        return json;
    }

    /** Classes loaded by each program (one extra run each, C1, logged with -Xlog:class+load), by source. */
    private static JsonObject classLoading(Map<String, String> env, String classpath, List<String> handlerArgs,
                                           List<String> floorArgs, Path work) throws IOException, InterruptedException {
        JsonObject json = new JsonObject();
        for (String program : List.of("handler", "floor")) {
            Path log = work.resolve(program + "-classes.log");
            List<String> flags = new ArrayList<>(C1);
            flags.add("-Xlog:class+load=info:file=" + log);
            launch(env, classpath, flags, program.equals("handler") ? handlerArgs : floorArgs, work);
            Map<String, Integer> bySource = new TreeMap<>();
            int total = 0;
            try (Stream<String> lines = Files.lines(log)) {
                for (String line : (Iterable<String>) lines::iterator) {
                    int at = line.indexOf(" source: ");
                    if (at < 0) {
                        continue;
                    }
                    total++;
                    String source = line.substring(at + 9).trim();
                    String group;
                    if (source.startsWith("shared objects file") || source.startsWith("jrt:/")) {
                        group = "JDK";
                    } else if (source.contains("/lib/")) {
                        group = source.substring(source.lastIndexOf('/') + 1).replaceAll("-[0-9][^/]*\\.jar$", "");
                    } else if (source.endsWith("launcher.jar")) {
                        group = "launcher";
                    } else if (source.startsWith("file:") || source.startsWith("/")) {
                        group = "application";
                    } else {
                        group = "JDK (generated)";
                    }
                    bySource.merge(group, 1, Integer::sum);
                }
            }
            JsonObject programJson = new JsonObject();
            programJson.addProperty("total", total);
            JsonObject sources = new JsonObject();
            bySource.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                    .forEach(e -> sources.addProperty(e.getKey(), e.getValue()));
            programJson.add("by_source", sources);
            json.add(program, programJson);
        }
        return json;
    }

    static void unzip(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

}
