package io.taskapi.benchmarks;

import com.google.gson.JsonObject;
import io.taskapi.dynamodb.DynamoDbClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Section {@code coldstart-python}: the packaged Lambda handler's cold start (init + first {@code GET /tasks/{id}},
 * Lambda's C1 flags, the zip as packaged) side by side with the seed's Python function's cold path
 * ({@code benchmarks/python/seed_get_task.py}: start Python, import boto3, build the table resource, one GetItem,
 * serialize), and the floor (a bare SDK client, as in section 1), against one dynalite; interleaved run by run, the
 * order reversed every round. Also the local server's start: from spawning {@code java -jar task-server.jar} to its
 * first answered {@code GET /health}. When no Python with boto3 is found the Python runs are skipped, loudly, and
 * the report says "not measured".
 */
final class ColdStartPython {
    /** The seed's table: {@code id} (string) as its only key, as the seed's README describes it. */
    static final String SEED_TABLE = "seed_tasks";

    private ColdStartPython() {
    }

    /**
     * The Python interpreter that runs the baseline: {@code PYTHON} or {@code python3}, resolved to its real
     * executable (a pyenv shim would add a shell script's start to every run), with boto3 importable.
     *
     * @param executable the interpreter, or null when none with boto3 was found
     * @param version    Python's version
     * @param boto3      boto3's and botocore's versions
     * @param skipped    why the Python runs are skipped, or null
     */
    record Python(String executable, String version, String boto3, String skipped) {
        static Python find() throws InterruptedException {
            String candidate = System.getenv().getOrDefault("PYTHON", "python3");
            try {
                Process process = new ProcessBuilder(candidate, "-c", "import sys, boto3, botocore; "
                        + "print(sys.executable); print(sys.version.split()[0]); "
                        + "print(boto3.__version__ + ' (botocore ' + botocore.__version__ + ')')")
                        .redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    return skip(candidate + " cannot import boto3 (" + lastLine(output) + "); install it (pip install "
                            + "boto3, or Debian's python3-boto3) or set PYTHON to an interpreter that has it");
                }
                String[] lines = output.split("\n");
                Python python = new Python(lines[0].trim(), lines[1].trim(), lines[2].trim(), null);
                System.out.printf("Python baseline: %s (Python %s, boto3 %s)%n", python.executable(),
                        python.version(), python.boto3());
                return python;
            } catch (IOException e) {
                return skip("no " + candidate + " on PATH (" + e.getMessage() + ")");
            }
        }

        private static Python skip(String reason) {
            System.out.println("*** SKIPPED: the Python baseline is NOT MEASURED: " + reason + " ***");
            return new Python(null, null, null, reason);
        }

        boolean available() {
            return executable != null;
        }

        List<String> command(String taskId, Path root) {
            return List.of(executable, root.resolve("benchmarks/python/seed_get_task.py").toString(), taskId);
        }

        JsonObject describe() {
            JsonObject json = new JsonObject();
            json.addProperty("executable", executable);
            json.addProperty("version", version);
            json.addProperty("boto3", boto3);
            json.addProperty("skipped", skipped);
            return json;
        }
    }

    static void run(Settings settings) throws Exception {
        int runs = settings.intSetting("COLD_RUNS", 12, 3);
        Path work = settings.work().resolve("coldstart-python");
        ColdStart.deleteTree(work);
        Path extract = work.resolve("zip");
        ColdStart.unzip(settings.artifacts().resolve("task-lambda.zip"), extract);
        Path launcher = settings.artifacts().resolve("launcher.jar");
        String zipClasspath = extract + ":" + extract.resolve("lib") + "/*:" + launcher;
        Path home = Files.createDirectories(work.resolve("home"));
        Path serverJar = settings.artifacts().resolve("task-server.jar");
        Python python = Python.find();

        try (DynaliteProcess dynalite = DynaliteProcess.start(settings.root(), work.resolve("logs"))) {
            String taskId = ColdStart.seed(dynalite);
            JsonObject seedItem = seedSeedTable(dynalite, taskId);
            Map<String, String> env = ColdStart.environment(home, dynalite);
            env.put("TABLE_NAME", SEED_TABLE);
            List<String> handlerArgs = List.of("io.taskapi.benchmarks.coldstart.HandlerLaunch", taskId);
            List<String> floorArgs = List.of("io.taskapi.benchmarks.coldstart.FloorLaunch", ColdStart.TABLE,
                    io.taskapi.domain.OwnerId.SHARED.value(), taskId);

            Map<String, List<ColdStartRuns.Run>> samples = new LinkedHashMap<>();
            List<Double> serverFirstAnswer = new ArrayList<>();
            List<Double> serverListening = new ArrayList<>();
            for (int round = -1; round < runs; round++) { // round -1 warms the page cache and is discarded
                List<String> order = new ArrayList<>(List.of("handler", "python", "floor", "server"));
                if (!python.available()) {
                    order.remove("python");
                }
                if (round % 2 != 0) {
                    Collections.reverse(order);
                }
                for (String program : order) {
                    if (program.equals("server")) {
                        double[] times = serverStart(serverJar, home, work);
                        if (round >= 0) {
                            serverListening.add(times[0]);
                            serverFirstAnswer.add(times[1]);
                        }
                        continue;
                    }
                    ColdStartRuns.Run run = switch (program) {
                        case "handler" -> ColdStartRuns.launch(env, zipClasspath, ColdStart.C1, handlerArgs, work);
                        case "floor" -> ColdStartRuns.launch(env, ColdStart.floorClasspath(settings, extract.toString()),
                                ColdStart.C1, floorArgs, work);
                        default -> ColdStartRuns.launch(python.command(taskId, settings.root()), env, work);
                    };
                    if (round >= 0) {
                        samples.computeIfAbsent(program, k -> new ArrayList<>()).add(run);
                    }
                }
                System.out.printf("coldstart-python: round %d of %d done%n", round + 1, runs);
            }

            JsonObject result = new JsonObject();
            result.addProperty("runs", runs);
            result.addProperty("task_id", taskId);
            result.addProperty("flags", String.join(" ", ColdStart.C1));
            result.addProperty("java", System.getProperty("java.runtime.version"));
            result.add("python_info", python.describe());
            result.add("seed_item", seedItem);
            for (String program : List.of("handler", "floor", "python")) {
                if (samples.containsKey(program)) {
                    result.add(program, ColdStartRuns.summarize(samples.get(program)));
                }
            }
            if (samples.containsKey("python")) {
                // Per round, the handler's run against the Python run of the same round.
                List<Double> paired = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    paired.add(samples.get("handler").get(i).milestones().get("RESPONSE")
                            / samples.get("python").get(i).milestones().get("RESPONSE"));
                }
                JsonObject pairedJson = JsonFiles.stats(Stats.of(paired));
                pairedJson.add("values", JsonFiles.numbers(paired));
                result.add("paired_ratio_handler_python", pairedJson);
            }
            JsonObject server = new JsonObject();
            server.addProperty("command", "java -jar task-server.jar (JDK defaults, TASKS_STORE=memory)");
            JsonObject first = JsonFiles.stats(Stats.of(serverFirstAnswer));
            first.add("values", JsonFiles.numbers(serverFirstAnswer));
            server.add("first_answer", first);
            JsonObject listening = JsonFiles.stats(Stats.of(serverListening));
            listening.add("values", JsonFiles.numbers(serverListening));
            server.add("port_open", listening);
            result.add("server", server);
            JsonFiles.write(settings.result("coldstart-python.json"), result);
        }
    }

    /**
     * Creates the seed's table ({@code id} as the only key) and puts the same task there as the Java table holds, with
     * the seed's attribute names ({@code task}, {@code status}, {@code priority}, {@code created_at},
     * {@code updated_at}); returns the item.
     */
    static JsonObject seedSeedTable(DynaliteProcess dynalite, String taskId) {
        long now = System.currentTimeMillis() / 1000;
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", AttributeValue.fromS(taskId));
        item.put("task", AttributeValue.fromS("Write the benchmark report"));
        item.put("status", AttributeValue.fromS("in_progress"));
        item.put("priority", AttributeValue.fromS("high"));
        item.put("created_at", AttributeValue.fromN(Long.toString(now)));
        item.put("updated_at", AttributeValue.fromN(Long.toString(now)));
        try (DynamoDbClient client = DynamoDbClients.create(dynalite.endpoint(), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))) {
            client.createTable(r -> r.tableName(SEED_TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
            client.waiter().waitUntilTableExists(r -> r.tableName(SEED_TABLE));
            client.putItem(r -> r.tableName(SEED_TABLE).item(item));
        }
        JsonObject json = new JsonObject();
        item.forEach((k, v) -> json.addProperty(k, v.s() != null ? v.s() : v.n()));
        return json;
    }

    /**
     * One start of the local server: spawn {@code java -jar task-server.jar} (in-memory store, JDK defaults), then
     * poll {@code GET /health} on a fresh connection every 2 ms until it answers 200. Returns {ms until the port
     * accepted a connection, ms until the first 200}, both from just before the spawn.
     */
    private static double[] serverStart(Path jar, Path home, Path work) throws IOException, InterruptedException {
        int port = DynaliteProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("TASKS_STORE", "memory");
        builder.environment().put("TASKS_PAGE_TOKEN_SECRET", Base64.getEncoder().encodeToString(new byte[32]));
        builder.environment().put("TASKS_CORS_ORIGINS", "*");
        long spawn = System.nanoTime();
        Process process = builder.start();
        double open = Double.NaN;
        try {
            long deadline = spawn + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server exited with " + process.exitValue() + ": "
                            + Files.readString(work.resolve("server.log")));
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                    if (Double.isNaN(open)) {
                        open = (System.nanoTime() - spawn) / 1e6;
                    }
                    socket.setSoTimeout(10_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    InputStream in = socket.getInputStream();
                    byte[] status = in.readNBytes(12);
                    if (new String(status, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200")) {
                        return new double[] {open, (System.nanoTime() - spawn) / 1e6};
                    }
                } catch (IOException notYet) {
                    // not listening yet, or closed before answering
                }
                Thread.sleep(2);
            }
            throw new IllegalStateException("the server did not answer GET /health within 60 s");
        } finally {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A Temurin (or any) JDK 25 under /usr/lib/jvm, or {@code JDK25_HOME}; null when there is none. */
    static Path jdk25() throws IOException {
        String configured = System.getenv("JDK25_HOME");
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured, "bin", "java")) ? Path.of(configured) : null;
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            for (Path dir : dirs.sorted().toList()) {
                Path release = dir.resolve("release");
                if (Files.isExecutable(dir.resolve("bin/java")) && Files.exists(release)
                        && Files.readAllLines(release).stream().anyMatch(l -> l.startsWith("JAVA_VERSION=\"25"))) {
                    return dir;
                }
            }
        }
        return null;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
