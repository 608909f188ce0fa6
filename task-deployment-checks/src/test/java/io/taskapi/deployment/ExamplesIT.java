package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The separate Maven projects under {@code examples/}, each built with the repository's Maven wrapper against the Task
 * API artifacts this build has just installed, as an application would build against a release, and then run.
 *
 * <p>The examples resolve the Task API from the local repository, so they prove something only when what is installed
 * there is what this build made: the check before the tests compares the installed jars and POMs with the ones in the
 * modules' {@code target/} byte for byte (the build is reproducible). That holds when this runs within
 * {@code ./mvnw -B install}, where each module is installed before the next is built. Each example is copied to
 * {@code target/examples/} and built there, so nothing is written into {@code examples/}; build and run logs are kept
 * next to the copies.
 */
class ExamplesIT {
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();

    /** The Task API version the examples build against: this build's, passed in by the POM. */
    private static final String VERSION = requiredProperty("examples.taskapi.version");
    /** The outer build's local repository, where the examples find the Task API. */
    private static final Path LOCAL_REPOSITORY = Path.of(requiredProperty("examples.localRepository"));
    /** The modules the examples depend on, directly or through each other, in reactor order. */
    private static final List<String> DEPENDED_ON = List.of(
            "task-domain", "task-application", "task-persistence-dynamodb");

    private static final Path ROOT = Repository.root();
    private static final Path WORK = Repository.target().resolve("examples");
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    /** Generous: the Spring Boot example's first build downloads its dependencies into the local repository. */
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration SERVER_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    /** What the program of the in-memory and the DynamoDB examples prints for each task it lists. */
    private static final String LINE = "Write documentation [in_progress, high]\n";

    @BeforeAll
    static void theInstalledArtifactsAreTheOnesThisBuildMade() throws IOException {
        List<String> differences = new ArrayList<>();
        compare(ROOT.resolve("pom.xml"), installed("task-api-parent", "pom"), differences);
        for (String module : DEPENDED_ON) {
            Path flattened = ROOT.resolve(module).resolve(".flattened-pom.xml");
            compare(Files.exists(flattened) ? flattened : ROOT.resolve(module).resolve("pom.xml"),
                    installed(module, "pom"), differences);
            compare(ROOT.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar"),
                    installed(module, "jar"), differences);
        }
        if (!differences.isEmpty()) {
            fail("run ./mvnw install, the examples build against installed artifacts; the local repository "
                    + LOCAL_REPOSITORY + " does not hold what this build made:\n  " + String.join("\n  ", differences));
        }
    }

    @Test
    void theInMemoryExampleRunsOnTheModulePathWithTheDomainAloneAndPrintsWhatTheReadmeSays() throws Exception {
        Path project = build("in-memory");
        Path lib = project.resolve("target/lib");
        assertThat(fileNames(lib)).as("the in-memory example's dependencies").containsExactly(jarName("task-domain"));

        Output output = java(project, "run", Map.of(), "--module-path",
                project.resolve("target/classes") + File.pathSeparator + lib.resolve(jarName("task-domain")),
                "--module", "io.taskapi.example.memory/io.taskapi.example.memory.EmbeddedTasks");

        assertThat(output.stdout()).as(output.describe())
                .isEqualTo(LINE)
                .isEqualTo(readmeBlock("<!-- embedding-output -->", "text"));
    }

    @Test
    void theDynamoDbExampleCreatesItsTableOnItsFirstRunAndFindsItsTasksOnTheNext() throws Exception {
        Dynalite engine = DYNALITE.engine();
        String table = "examples-dynamodb";
        for (String name : List.of(table, table + "-lists", table + "-idempotency")) {
            try {
                engine.client().deleteTable(request -> request.tableName(name));
            } catch (ResourceNotFoundException absent) {
                // As it should be.
            }
        }
        Path project = build("dynamodb");
        String[] command = {"--module-path",
            project.resolve("target/classes") + File.pathSeparator + project.resolve("target/lib"),
            "--module", "io.taskapi.example.dynamodb/io.taskapi.example.dynamodb.DynamoDbTasks"};

        Output first = java(project, "first-run", Map.of("TASKS_TABLE", table),
                concat(command, engine.endpoint().toString()));
        assertThat(first.stdout()).as(first.describe()).isEqualTo(LINE);
        assertThat(engine.client().describeTable(request -> request.tableName(table)).table().tableName())
                .isEqualTo(table);

        Output second = java(project, "second-run",
                Map.of("TASKS_TABLE", table, "AWS_ENDPOINT_URL_DYNAMODB", engine.endpoint().toString()), command);
        assertThat(second.stdout()).as("the second run, its endpoint from the environment: " + second.describe())
                .isEqualTo(LINE + LINE);
    }

    @Test
    void theSpringBootExampleServesTheDomainOverHttp() throws Exception {
        Path project = build("spring-boot");
        Path jar;
        try (Stream<Path> files = Files.list(project.resolve("target"))) {
            jar = files.filter(file -> file.getFileName().toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no executable jar in " + project.resolve("target")));
        }
        int port = freeLoopbackPort();
        Path log = WORK.resolve("spring-boot-run.log");
        Process server = new ProcessBuilder(JAVA.toString(), "-jar", jar.toString(),
                "--server.address=127.0.0.1", "--server.port=" + port)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            Http http = new Http(URI.create("http://127.0.0.1:" + port), server, log);
            http.awaitUp();

            JsonObject created = http.expect(201, "POST", "/tasks",
                    "{\"text\": \"Write documentation\", \"priority\": \"high\"}").getAsJsonObject();
            String id = created.get("id").getAsString();
            assertThat(created.get("text").getAsString()).isEqualTo("Write documentation");
            assertThat(created.get("status").getAsString()).isEqualTo("new");
            assertThat(created.get("priority").getAsString()).isEqualTo("high");
            assertThat(created.get("version").getAsLong()).isEqualTo(1);
            assertThat(http.expect(200, "GET", "/tasks/" + id, null)).isEqualTo(created);

            JsonObject started = http.expect(200, "PATCH", "/tasks/" + id,
                    "{\"status\": \"in_progress\", \"version\": 1}").getAsJsonObject();
            assertThat(started.get("status").getAsString()).isEqualTo("in_progress");
            assertThat(started.get("version").getAsLong()).isEqualTo(2);
            http.expect(409, "PATCH", "/tasks/" + id, "{\"status\": \"completed\", \"version\": 1}");
            JsonArray items = http.expect(200, "GET", "/tasks", null).getAsJsonObject().getAsJsonArray("items");
            assertThat(items).containsExactly(started);

            http.expect(404, "GET", "/tasks/no-such-task", null);
            http.expect(404, "PATCH", "/tasks/no-such-task", "{\"status\": \"completed\"}");
            JsonObject invalid = http.expect(400, "POST", "/tasks", "{\"text\": \"\", \"priority\": \"highest\"}")
                    .getAsJsonObject();
            List<String> fields = new ArrayList<>();
            invalid.getAsJsonArray("errors").forEach(error -> {
                fields.add(error.getAsJsonObject().get("field").getAsString());
                assertThat(error.getAsJsonObject().get("message").getAsString()).isNotBlank();
            });
            assertThat(fields).as(invalid.toString()).containsExactly("text", "priority");
            http.expect(400, "PATCH", "/tasks/" + id, "{\"status\": \"finished\"}");

            http.expect(204, "DELETE", "/tasks/" + id, null);
            http.expect(404, "GET", "/tasks/" + id, null);
            assertThat(http.expect(200, "GET", "/tasks", null).getAsJsonObject().getAsJsonArray("items")).isEmpty();
        } finally {
            stop(server);
        }
    }

    /** Copies {@code examples/<name>} (without any target/) to target/examples/<name> and packages it there. */
    private static Path build(String name) throws IOException, InterruptedException {
        Path source = ROOT.resolve("examples").resolve(name);
        Path copy = WORK.resolve(name);
        deleteRecursively(copy);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(file);
                if (relative.getNameCount() > 0 && relative.getName(0).toString().equals("target")) {
                    continue;
                }
                Path target = copy.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path log = WORK.resolve(name + "-build.log");
        List<String> command = List.of(ROOT.resolve("mvnw").toString(), "-B", "-q",
                "-f", copy.resolve("pom.xml").toString(),
                "-Dtaskapi.version=" + VERSION, "-Dmaven.repo.local=" + LOCAL_REPOSITORY, "package");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process maven = builder.start();
        if (!maven.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly();
            fail("building examples/" + name + " took longer than " + BUILD_TIMEOUT + "; log " + log);
        }
        if (maven.exitValue() != 0) {
            fail(String.join(" ", command) + " failed with exit code " + maven.exitValue() + "; log " + log + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return copy;
    }

    /** What a run of a program printed: its standard output and its standard error, apart. */
    private record Output(String stdout, String stderr, int exitCode) {
        String describe() {
            return "exit code " + exitCode + ", standard error:\n" + stderr;
        }
    }

    /** Runs {@code java arguments} in {@code project} with no class path but what the arguments give. */
    private static Output java(Path project, String run, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        Path stdout = WORK.resolve(project.getFileName() + "-" + run + ".out");
        Path stderr = WORK.resolve(project.getFileName() + "-" + run + ".err");
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.equals("CLASSPATH") || name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + RUN_TIMEOUT);
        }
        Output output = new Output(Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8), process.exitValue());
        assertThat(output.exitCode()).as(String.join(" ", command) + ": " + output.describe()).isZero();
        return output;
    }

    /** Requests to the Spring Boot example, each expected to answer with one status. */
    private record Http(URI base, Process server, Path log) {
        private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

        void awaitUp() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + SERVER_START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!server.isAlive()) {
                    fail("the Spring Boot example exited with code " + server.exitValue() + ":\n" + logText());
                }
                try {
                    if (send("GET", "/tasks", null).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // Not listening yet.
                }
                Thread.sleep(250);
            }
            fail("the Spring Boot example did not answer GET /tasks within " + SERVER_START_TIMEOUT + ":\n"
                    + logText());
        }

        /** The JSON body of an answer with {@code status}, or JSON null for one without a body. */
        JsonElement expect(int status, String method, String path, String json)
                throws IOException, InterruptedException {
            HttpResponse<String> response = send(method, path, json);
            assertThat(response.statusCode()).as(method + " " + path + " " + (json == null ? "" : json)
                    + " answered " + response.body()).isEqualTo(status);
            return response.body().isEmpty() ? JsonNull.INSTANCE : JsonParser.parseString(response.body());
        }

        private HttpResponse<String> send(String method, String path, String json)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(HTTP_TIMEOUT)
                    .header("Accept", "application/json");
            if (json == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
            }
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        private String logText() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }
    }

    /** Asks the server to stop (SIGTERM, a graceful shutdown), then kills it if it has not within 20 s. */
    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void compare(Path built, Path installed, List<String> differences) throws IOException {
        if (!Files.isRegularFile(built)) {
            differences.add(built + " was not built");
        } else if (!Files.isRegularFile(installed)) {
            differences.add(installed + " is not installed");
        } else if (Files.mismatch(built, installed) != -1) {
            differences.add(installed + " differs from " + built);
        }
    }

    private static Path installed(String artifactId, String extension) {
        return LOCAL_REPOSITORY.resolve("io/taskapi").resolve(artifactId).resolve(VERSION)
                .resolve(artifactId + "-" + VERSION + "." + extension);
    }

    private static String jarName(String artifactId) {
        return artifactId + "-" + VERSION + ".jar";
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** The body of the first fenced block of {@code language} after {@code marker} in the README. */
    private static String readmeBlock(String marker, String language) throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf(marker);
        assertThat(at).as("README.md contains " + marker).isNotNegative();
        Matcher block = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(at));
        assertThat(block.find()).as("a ```" + language + " block follows " + marker).isTrue();
        return block.group(1);
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run this test through Maven"
                    + " (task-deployment-checks' POM passes it to failsafe)");
        }
        return value;
    }
}
