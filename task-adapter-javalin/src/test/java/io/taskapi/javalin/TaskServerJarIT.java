package io.taskapi.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.application.Setting;
import io.taskapi.javalin.di.ServerSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code task-server.jar} run as an operator runs it, in its own process: the help, one line and exit
 * status 2 for unusable settings, and a SIGTERM that lets the request in flight finish before exiting 0.
 */
class TaskServerJarIT {
    private static final Path JAR = Path.of("target", "task-server.jar").toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final Pattern LISTENING = Pattern.compile("Task API listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path logs;
    private Process process;
    private Thread reader;
    private final List<String> stdout = new CopyOnWriteArrayList<>();

    @AfterEach
    void killLeftovers() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void helpListsEverySettingAndExitsZero() throws Exception {
        start(Map.of(), "--help");

        assertThat(exitStatus()).isZero();
        for (Setting<?> setting : ServerSettings.SETTINGS) {
            assertThat(String.join("\n", stdout)).contains(setting.variable(), "default: " + setting.defaultHelp());
        }
        assertThat(stderr()).isEmpty();
    }

    @Test
    void aBadPortExitsWith2AndOneLineNamingPort() throws Exception {
        start(Map.of("PORT", "80a"));

        assertThat(exitStatus()).isEqualTo(2);
        assertThat(stderr()).containsExactly("Configuration error: PORT must be an integer from 0 to 65535, got: 80a");
        assertThat(stdout).isEmpty();
    }

    @Test
    void anUnreachableDynamoDbEndpointExitsWith2AndOneLineNamingIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closedPort;

        start(Map.of("TASKS_STORE", "dynamodb", "AWS_ENDPOINT_URL_DYNAMODB", endpoint));

        assertThat(exitStatus()).isEqualTo(2);
        assertThat(stderr()).hasSize(1).first().asString().startsWith(
                "Configuration error: AWS_ENDPOINT_URL_DYNAMODB: DynamoDB is not reachable at " + endpoint);
    }

    @Test
    void sigtermFinishesTheRequestInFlightThenExitsZero() throws Exception {
        start(Map.of("PORT", "0"));
        int port = awaitPort();
        assertThat(stdout).anyMatch(line -> line.equals("  auth:    none (single local owner)"));

        try (SlowUpload inFlight = SlowUpload.begin(port, "finished during shutdown")) {
            // Time for the request to reach its handler, which then waits for the rest of the body.
            Thread.sleep(300);
            // SIGTERM; Process.destroy() would also close the pipe the server's last lines come through.
            process.toHandle().destroy();
            Thread.sleep(300);
            assertThat(process.isAlive()).as("waits for the request in flight").isTrue();

            assertThat(inFlight.finish()).startsWith("HTTP/1.1 201").contains("finished during shutdown");
        }

        assertThat(exitStatus()).isZero();
        assertThat(stdout).contains("Stopping: no new connections; waiting for requests in progress");
        assertThat(stdout.get(stdout.size() - 1)).isEqualTo("Task API stopped");
    }

    private void start(Map<String, String> settings, String... args) throws IOException {
        assertThat(JAR).as("built by the package phase").exists();
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().addAll(List.of(JAVA, "-jar", JAR.toString()));
        builder.command().addAll(List.of(args));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("TASKS_") || name.startsWith("AWS_") || name.equals("PORT")
                || name.equals("HOST"));
        // Local-engine settings, so that the SDK never looks for a region or credentials elsewhere.
        env.putAll(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_EC2_METADATA_DISABLED", "true"));
        env.putAll(settings);
        builder.redirectError(logs.resolve("stderr.txt").toFile());
        process = builder.start();
        reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    stdout.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "task-server-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    private int awaitPort() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (String line : stdout) {
                Matcher listening = LISTENING.matcher(line);
                if (listening.lookingAt()) {
                    Thread.sleep(100); // the rest of the startup message follows at once
                    return Integer.parseInt(listening.group(1));
                }
            }
            assertThat(process.isAlive()).as("server still running; stderr: %s", stderrQuietly()).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not say where it listens; stdout: " + stdout);
    }

    private int exitStatus() throws InterruptedException {
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("process exited").isTrue();
        reader.join(5_000); // every line the process wrote has been read
        return process.exitValue();
    }

    private List<String> stderr() throws IOException {
        return Files.readAllLines(logs.resolve("stderr.txt"), StandardCharsets.UTF_8);
    }

    private List<String> stderrQuietly() {
        try {
            return stderr();
        } catch (IOException e) {
            return List.of(e.toString());
        }
    }
}
