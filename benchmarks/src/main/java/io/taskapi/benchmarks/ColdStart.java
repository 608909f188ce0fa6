package io.taskapi.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.dynamodb.DynamoDbClients;
import io.taskapi.dynamodb.DynamoDbStore;
import java.util.Optional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        String floorZipClasspath = floorClasspath(settings, extract.toString());
        String floorJarClasspath = floorClasspath(settings, settings.artifacts().resolve("task-adapter-lambda.jar")
                .toString());
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
            ColdStartRuns.launch(env, jarClasspath, List.of("-XX:ArchiveClassesAtExit=" + handlerArchive), handlerArgs,
                    work);
            ColdStartRuns.launch(env, floorJarClasspath, List.of("-XX:ArchiveClassesAtExit=" + floorArchive),
                    floorArgs, work);

            Map<String, Map<String, List<ColdStartRuns.Run>>> samples = new LinkedHashMap<>();
            List<ColdStartRuns.Run> primed = new ArrayList<>();
            for (int round = -1; round < runs; round++) { // round -1 warms the page cache and is discarded
                for (Config config : CONFIGS) {
                    for (String program : List.of("handler", "floor")) {
                        String classpath = program.equals("handler")
                                ? (config.jarLayout() ? jarClasspath : zipClasspath)
                                : (config.jarLayout() ? floorJarClasspath : floorZipClasspath);
                        List<String> flags = new ArrayList<>(config.flags());
                        if (config.cds()) {
                            flags.add("-XX:SharedArchiveFile="
                                    + (program.equals("handler") ? handlerArchive : floorArchive));
                        }
                        ColdStartRuns.Run run = ColdStartRuns.launch(env, classpath, flags,
                                program.equals("handler") ? handlerArgs : floorArgs, work);
                        if (round >= 0) {
                            samples.computeIfAbsent(config.name(), k -> new LinkedHashMap<>())
                                    .computeIfAbsent(program, k -> new ArrayList<>()).add(run);
                        }
                    }
                }
                List<String> primedArgs = new ArrayList<>(handlerArgs);
                primedArgs.add("primed");
                ColdStartRuns.Run run = ColdStartRuns.launch(env, zipClasspath, C1, primedArgs, work);
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
                    json.add(program, ColdStartRuns.summarize(samples.get(config.name()).get(program)));
                }
                configs.add(json);
            }
            result.add("configs", configs);
            result.add("primed", ColdStartRuns.summarize(primed));
            result.add("class_loading", ColdStartRuns.classLoading(env, zipClasspath, floorZipClasspath, handlerArgs,
                    floorArgs, work));
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
            Map<String, List<ColdStartRuns.Run>> samples = new LinkedHashMap<>();
            for (int round = -1; round < runs; round++) {
                for (Map.Entry<String, String> classpath : classpaths.entrySet()) {
                    ColdStartRuns.Run run = ColdStartRuns.launch(env, classpath.getValue(), C1,
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
            for (Map.Entry<String, List<ColdStartRuns.Run>> sample : samples.entrySet()) {
                JsonObject summary = ColdStartRuns.summarize(sample.getValue());
                result.add(sample.getKey(), summary);
                System.out.printf("%s: init %s; init + first response %s; CPU µs %s%n", sample.getKey(),
                        JsonFiles.stats(summary.getAsJsonObject("init")).describe(0),
                        JsonFiles.stats(summary.getAsJsonObject("response")).describe(0),
                        JsonFiles.stats(summary.getAsJsonObject("cpu_us")).describe(0));
            }
            JsonFiles.write(settings.result("coldstart-ab.json"), result);
        }
    }

    /**
     * The floor's classpath: {@code first} (the zip's root or the adapter's jar: the logging settings the handler
     * runs with), the AWS SDK's jars as published and Gson ({@code floor-lib/}), and the launcher. The zip's own SDK
     * is shrunk to what the handler calls, which is not what the floor calls.
     */
    static String floorClasspath(Settings settings, String first) {
        return first + ":" + settings.artifacts().resolve("floor-lib") + "/*:" + settings.artifacts()
                .resolve("launcher.jar");
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
    static String seed(DynaliteProcess dynalite) {
        try (DynamoDbClient client = DynamoDbClients.create(dynalite.endpoint(), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
             DynamoDbStore store = DynamoDbStore.builder(TABLE).client(client).createMissingTables(true).build()) {
            store.prepare();
            long now = System.currentTimeMillis() / 1000;
            Task task = new Task(new UuidV7Generator(Clock.systemUTC()).newId(), "Write the benchmark report",
                    TaskStatus.IN_PROGRESS, TaskPriority.HIGH, now, now, 1, Optional.empty(), Optional.empty(),
                            List.of());
            store.tasks().create(new TaskScope.Personal(OwnerId.SHARED), task);
            return task.id();
        }
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
