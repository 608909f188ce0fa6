package io.taskapi.dynamodb.testing;

import io.taskapi.dynamodb.DynamoDbClients;
import io.taskapi.dynamodb.DynamoDbStore;
import io.taskapi.dynamodb.IdempotencyTableSchema;
import io.taskapi.dynamodb.ListTableSchema;
import io.taskapi.dynamodb.TaskTableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A dynalite process (the DynamoDB-compatible engine from npm) for integration tests: started on a free loopback port,
 * in memory or on disk, and stopped with the test, the JVM, or (should the JVM be killed) by itself.
 *
 * <p>Needs Node.js 20 or later on the {@code PATH}. Dynalite is installed from the repository's
 * {@code package-lock.json} with {@code npm ci} on first use. Process output goes to {@code target/dynalite/}.
 */
public final class Dynalite implements AutoCloseable {
    public static final Region REGION = Region.US_EAST_1;

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;
    private static final Object INSTALL_LOCK = new Object();

    /**
     * Preloaded into the node process: exits when its stdin closes, which happens when the JVM that started it dies
     * in any way, including ways that skip shutdown hooks. It also keeps the engine up when a client dies with a
     * request in flight (a server killed with SIGKILL): dynalite throws that request's "aborted" error, which would
     * end the whole engine, where DynamoDB only loses the connection (the operation may still complete).
     */
    private static final String WATCHDOG = """
            'use strict';
            process.stdin.on('end', () => process.exit(0));
            process.stdin.on('error', () => process.exit(0));
            process.stdin.resume();
            process.on('uncaughtException', (error) => {
              if (error && error.code === 'ECONNRESET' && error.message === 'aborted') {
                console.error('[test harness] a client went away with a request in flight; dynalite goes on');
                return;
              }
              console.error(error);
              process.exit(1);
            });
            """;

    private final Path repositoryRoot;
    private final Path dataDir;
    private final Path logDir;
    private int port;
    private Path logFile;
    private Process process;
    private Thread shutdownHook;
    private DynamoDbClient client;

    private Dynalite(Path repositoryRoot, Path dataDir) {
        this.repositoryRoot = repositoryRoot;
        this.dataDir = dataDir;
        this.logDir = Path.of("target", "dynalite").toAbsolutePath();
    }

    /** Starts an engine that keeps its data in memory: the data is gone when it stops. */
    public static Dynalite start() {
        return launch(null);
    }

    /** Starts an engine that keeps its data in {@code dataDir} (created if absent), surviving {@link #restart()}. */
    public static Dynalite start(Path dataDir) {
        return launch(Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath());
    }

    private static Dynalite launch(Path dataDir) {
        Path root = repositoryRoot();
        Path cli = ensureInstalled(root);
        Dynalite dynalite = new Dynalite(root, dataDir);
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            dynalite.port = freeLoopbackPort();
            try {
                dynalite.run(cli);
                return dynalite;
            } catch (IllegalStateException e) {
                // Most likely another process took the free port between our probe and dynalite's bind.
                failure = e;
            }
        }
        throw failure;
    }

    /** Where the engine listens, for example {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    /** The port the engine listens on; stays the same across {@link #restart()}. */
    public int port() {
        return port;
    }

    /** The file the engine's output goes to. */
    public Path logFile() {
        return logFile;
    }

    /**
     * A client for this engine (region us-east-1, dummy static credentials), shared by the callers of this instance and
     * closed with it.
     */
    public synchronized DynamoDbClient client() {
        if (client == null) {
            client = DynamoDbClients.create(endpoint(), REGION, credentials());
        }
        return client;
    }

    /** The credentials a local engine accepts: any, since it does not check signatures. */
    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    /** The SDK's standard settings (region, credentials, endpoint) that point a default-configured client here. */
    private static final String[] SDK_PROPERTIES = {
        "aws.region", "aws.accessKeyId", "aws.secretAccessKey", "aws.endpointUrlDynamoDb"};

    /**
     * Makes every DynamoDB client the SDK configures by default (as the applications build theirs) talk to this engine,
     * through the SDK's system properties: a test cannot set its own environment variables.
     */
    public void installAsSdkDefault() {
        System.setProperty(SDK_PROPERTIES[0], REGION.id());
        System.setProperty(SDK_PROPERTIES[1], "local");
        System.setProperty(SDK_PROPERTIES[2], "local");
        System.setProperty(SDK_PROPERTIES[3], endpoint().toString());
    }

    /** Undoes {@link #installAsSdkDefault()}. */
    public static void clearSdkDefault() {
        for (String property : SDK_PROPERTIES) {
            System.clearProperty(property);
        }
    }

    /**
     * Creates a tasks table with this name as {@link TaskTableSchema} defines it, its lists table
     * ({@code <name>-lists}) and its idempotency table ({@code <name>-idempotency}), unless they exist, and waits until
     * they are active.
     */
    public void createTable(String name) {
        store(name).prepare();
    }

    /** Deletes the tables {@link #createTable} makes, if they exist, and creates them again empty. */
    public void recreateTable(String name) {
        for (String table : List.of(name, name + ListTableSchema.DEFAULT_SUFFIX,
                name + IdempotencyTableSchema.DEFAULT_SUFFIX)) {
            try {
                client().deleteTable(r -> r.tableName(table));
            } catch (ResourceNotFoundException missing) {
                // Nothing to delete.
            }
        }
        createTable(name);
    }

    /**
     * The application's store on the tables named {@code name}, {@code <name>-lists} and {@code <name>-idempotency} of
     * this engine, through its shared client; {@link DynamoDbStore#prepare()} creates the tables when missing.
     */
    public DynamoDbStore store(String name) {
        return DynamoDbStore.builder(name).client(client()).createMissingTables(true).build();
    }

    /**
     * Stops the engine and starts it again on the same port and data directory. An on-disk engine keeps its data;
     * an in-memory one starts empty.
     */
    public synchronized void restart() {
        stopProcess();
        run(repositoryRoot.resolve("node_modules/dynalite/cli.js"));
    }

    /**
     * Freezes the engine with SIGSTOP: its port stays open and the kernel still accepts connections, but nothing is
     * answered, like a stalled server. {@link #resume()} lets it go on.
     */
    public synchronized void pause() {
        signal("STOP");
    }

    /** Lets a {@link #pause() paused} engine go on with SIGCONT. */
    public synchronized void resume() {
        signal("CONT");
    }

    /**
     * Kills the engine with SIGKILL, giving it no chance to flush or close anything, as a crash or an OOM kill would;
     * {@link #restart()} brings it back on the same port and data directory.
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        Process running = process;
        process = null;
        running.descendants().forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly();
        try {
            running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void signal(String name) {
        if (process == null) {
            throw new IllegalStateException("dynalite is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the engine and its child processes and waits for them to end. Idempotent. */
    public synchronized void stop() {
        stopProcess();
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void run(Path cli) {
        try {
            Files.createDirectories(logDir);
            Path watchdog = logDir.resolve("parent-watchdog.js");
            Files.writeString(watchdog, WATCHDOG, StandardCharsets.UTF_8);
            logFile = logDir.resolve("dynalite-" + port + ".log");
            List<String> command = new ArrayList<>(List.of(
                    "node", "--require", watchdog.toString(), cli.toString(),
                    "--host", LOOPBACK, "--port", Integer.toString(port),
                    "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                command.addAll(List.of("--path", dataDir.toString()));
            }
            Files.writeString(logFile, "$ " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(repositoryRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            // stdin stays a pipe held by this JVM: the watchdog's lifeline.
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start dynalite with node (Node.js 20+ must be on the PATH)", e);
        }
        shutdownHook = new Thread(this::stopProcess, "dynalite-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        awaitListening();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                int exitCode = process.exitValue();
                String tail = logTail();
                stopProcess();
                throw new IllegalStateException("dynalite exited with code " + exitCode
                        + " before listening on port " + port + "; log " + logFile + ":\n" + tail);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
                return;
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                String tail = logTail();
                stopProcess();
                throw new IllegalStateException("dynalite did not listen on port " + port + " within "
                        + STARTUP_TIMEOUT.toSeconds() + " s; log " + logFile + ":\n" + tail);
            }
            sleep(100);
        }
    }

    private synchronized void stopProcess() {
        if (process == null) {
            return;
        }
        Process running = process;
        process = null;
        List<ProcessHandle> children = running.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        running.destroy();
        try {
            if (!running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (ProcessHandle child : children) {
                child.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        } catch (Exception e) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to run; stopping twice is harmless.
            }
        }
        shutdownHook = null;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** The nearest directory at or above the working directory holding {@code package-lock.json}. */
    static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("package-lock.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no package-lock.json in " + start + " or above: run the tests from within"
                + " the repository");
    }

    /** Installs dynalite with {@code npm ci} unless present, once across threads and concurrent builds. */
    private static Path ensureInstalled(Path root) {
        Path cli = root.resolve("node_modules/dynalite/cli.js");
        if (Files.isRegularFile(cli)) {
            return cli;
        }
        // FileLock excludes other JVMs (parallel module builds), but within one JVM it throws instead of waiting.
        synchronized (INSTALL_LOCK) {
            Path lockDir = root.resolve("target");
            try {
                Files.createDirectories(lockDir);
                try (FileChannel channel = FileChannel.open(lockDir.resolve("dynalite-npm-ci.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    channel.lock(); // released when the channel closes
                    if (!Files.isRegularFile(cli)) {
                        npmCi(root, lockDir.resolve("dynalite-npm-ci.log"));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not install dynalite in " + root, e);
            }
        }
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("npm ci finished but " + cli + " is missing");
        }
        return cli;
    }

    private static void npmCi(Path root, Path log) throws IOException {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
        Process npm = new ProcessBuilder(windows ? "npm.cmd" : "npm", "ci", "--no-audit", "--no-fund")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!npm.waitFor(NPM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci did not finish within " + NPM_TIMEOUT + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            npm.destroyForcibly();
            throw new IllegalStateException("interrupted while installing dynalite", e);
        }
        if (npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed with exit code " + npm.exitValue() + " in " + root
                    + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dynalite", e);
        }
    }
}
