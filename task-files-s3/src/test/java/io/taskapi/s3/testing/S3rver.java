package io.taskapi.s3.testing;

import io.taskapi.s3.S3FileStore;
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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;

/**
 * An s3rver process (the S3-compatible engine from npm) for integration tests: started on a free loopback port with
 * its data in a temporary directory, and stopped with the test, the JVM, or (should the JVM be killed) by itself.
 *
 * <p>Needs Node.js 20 or later on the {@code PATH}. s3rver is installed from the repository's
 * {@code package-lock.json} with {@code npm ci} on first use. Process output goes to {@code target/s3rver/}.
 *
 * <p>s3rver checks no SigV4 signature (it only knows the access key and checks a presigned URL's expiry), so a test
 * here proves what a URL does, never that S3 would accept its signature; {@code PresignedUrlSignatureTest} proves that.
 */
public final class S3rver implements AutoCloseable {
    public static final Region REGION = Region.US_EAST_1;
    /** The same dummy credentials as the dynalite harness's, so that one SDK default setting serves both engines. */
    public static final String ACCESS_KEY_ID = "local";
    public static final String SECRET_ACCESS_KEY = "local";

    private static final String LOOPBACK = "127.0.0.1";
    private static final String CLI = "node_modules/s3rver/bin/s3rver.js";
    private static final String ACCOUNTS = "node_modules/s3rver/lib/models/account.js";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;
    private static final Object INSTALL_LOCK = new Object();
    /** The dynalite harness's lock file too: two harnesses must never run {@code npm ci} in one tree at once. */
    private static final String NPM_LOCK = "dynalite-npm-ci.lock";

    /**
     * Preloaded into the node process. It exits when its stdin closes, which happens when the JVM that started it
     * dies in any way, including ways that skip shutdown hooks. And it gives s3rver's one account the harness's access
     * key: s3rver only knows {@code S3RVER}, and refuses a signed request with any other key.
     */
    private static final String PRELOAD = """
            'use strict';
            process.stdin.on('end', () => process.exit(0));
            process.stdin.on('error', () => process.exit(0));
            process.stdin.resume();
            require(%s).DUMMY_ACCOUNT.createKeyPair(%s, %s);
            """;

    /** The SDK's standard settings (region, credentials, endpoint) that point a default-configured client here. */
    private static final List<String> SDK_PROPERTIES = List.of(
            "aws.region", "aws.accessKeyId", "aws.secretAccessKey", "aws.endpointUrlS3");

    private final Path repositoryRoot;
    private final Path dataDir;
    private final Path logDir;
    private int port;
    private Path logFile;
    private Process process;
    private Thread shutdownHook;
    private S3Client client;

    private S3rver(Path repositoryRoot, Path dataDir) {
        this.repositoryRoot = repositoryRoot;
        this.dataDir = dataDir;
        this.logDir = Path.of("target", "s3rver").toAbsolutePath();
    }

    /** Starts an engine with its data in a new temporary directory, deleted when it stops. */
    public static S3rver start() {
        Path root = repositoryRoot();
        ensureInstalled(root);
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("s3rver-");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for s3rver", e);
        }
        S3rver s3rver = new S3rver(root, dataDir);
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            s3rver.port = freeLoopbackPort();
            try {
                s3rver.run();
                return s3rver;
            } catch (IllegalStateException e) {
                // Most likely another process took the free port between our probe and s3rver's bind.
                failure = e;
            }
        }
        deleteTree(dataDir);
        throw failure;
    }

    /** Where the engine listens, for example {@code http://127.0.0.1:41234}; buckets go in the path. */
    public URI endpoint() {
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    public int port() {
        return port;
    }

    /** The file the engine's output goes to: one line per request. */
    public Path logFile() {
        return logFile;
    }

    /** The credentials this engine accepts: the harness's access key (any secret would do, it checks no signature). */
    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    /** A client for this engine (path style, region us-east-1, the harness's credentials), closed with it. */
    public synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(endpoint())
                    .region(REGION)
                    .credentialsProvider(credentials())
                    .forcePathStyle(true)
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
        }
        return client;
    }

    /**
     * Creates the bucket {@code name} unless it exists, with the CORS rule a browser upload needs: {@code PUT} and
     * {@code GET} from any origin, the {@code content-type} header, {@code ETag} readable.
     */
    public void createBucket(String name) {
        if (client().listBuckets().buckets().stream().noneMatch(bucket -> bucket.name().equals(name))) {
            client().createBucket(request -> request.bucket(name));
        }
        client().putBucketCors(request -> request.bucket(name).corsConfiguration(cors -> cors.corsRules(
                CORSRule.builder().allowedMethods("PUT", "GET").allowedOrigins("*").allowedHeaders("content-type")
                        .exposeHeaders("ETag").maxAgeSeconds(3600).build())));
    }

    /**
     * The settings of a file store on the bucket {@code bucket} of this engine: its endpoint, path style, region and
     * credentials; the caller adds the rest and builds it.
     */
    public S3FileStore.Builder store(String bucket) {
        return S3FileStore.builder(bucket).endpoint(endpoint()).pathStyle(true).region(REGION)
                .credentials(credentials());
    }

    /**
     * Makes every S3 client and presigner the SDK configures by default (as the applications build theirs) talk to
     * this engine, through the SDK's system properties: a test cannot set its own environment variables. Region and
     * credentials are the dynalite harness's too.
     */
    public void installAsSdkDefault() {
        System.setProperty(SDK_PROPERTIES.get(0), REGION.id());
        System.setProperty(SDK_PROPERTIES.get(1), ACCESS_KEY_ID);
        System.setProperty(SDK_PROPERTIES.get(2), SECRET_ACCESS_KEY);
        System.setProperty(SDK_PROPERTIES.get(3), endpoint().toString());
    }

    /** Undoes {@link #installAsSdkDefault()} for the endpoint; region and credentials may serve another engine. */
    public static void clearSdkDefault() {
        System.clearProperty(SDK_PROPERTIES.get(3));
    }

    /** Kills the engine and its child processes, waits for them to end and deletes its data. Idempotent. */
    public synchronized void stop() {
        stopProcess();
        if (client != null) {
            client.close();
            client = null;
        }
        deleteTree(dataDir);
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void run() {
        try {
            Files.createDirectories(logDir);
            Path preload = logDir.resolve("s3rver-preload.js");
            Files.writeString(preload, PRELOAD.formatted(jsString(repositoryRoot.resolve(ACCOUNTS).toString()),
                    jsString(ACCESS_KEY_ID), jsString(SECRET_ACCESS_KEY)), StandardCharsets.UTF_8);
            logFile = logDir.resolve("s3rver-" + port + ".log");
            List<String> command = List.of("node", "--require", preload.toString(),
                    repositoryRoot.resolve(CLI).toString(), "--directory", dataDir.toString(),
                    "--address", LOOPBACK, "--port", Integer.toString(port), "--no-vhost-buckets");
            Files.writeString(logFile, "$ " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            // stdin stays a pipe held by this JVM: the watchdog's lifeline.
            process = new ProcessBuilder(command)
                    .directory(repositoryRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start s3rver with node (Node.js 20+ must be on the PATH)", e);
        }
        shutdownHook = new Thread(this::stopProcess, "s3rver-" + port + "-shutdown");
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
                throw new IllegalStateException("s3rver exited with code " + exitCode
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
                throw new IllegalStateException("s3rver did not listen on port " + port + " within "
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

    /** Installs the repository's npm packages with {@code npm ci} unless s3rver is there, once across JVMs. */
    private static void ensureInstalled(Path root) {
        Path cli = root.resolve(CLI);
        if (Files.isRegularFile(cli)) {
            return;
        }
        // FileLock excludes other JVMs (parallel module builds), but within one JVM it throws instead of waiting.
        synchronized (INSTALL_LOCK) {
            Path lockDir = root.resolve("target");
            try {
                Files.createDirectories(lockDir);
                try (FileChannel channel = FileChannel.open(lockDir.resolve(NPM_LOCK),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    channel.lock(); // released when the channel closes
                    if (!Files.isRegularFile(cli)) {
                        npmCi(root, lockDir.resolve("s3rver-npm-ci.log"));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not install s3rver in " + root, e);
            }
        }
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("npm ci finished but " + cli + " is missing");
        }
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
            throw new IllegalStateException("interrupted while installing s3rver", e);
        }
        if (npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed with exit code " + npm.exitValue() + " in " + root
                    + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** A JavaScript string literal of {@code value}: quoted, with backslashes and quotes escaped. */
    private static String jsString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A temporary directory left behind costs nothing but space; the test's outcome does not depend on it.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for s3rver", e);
        }
    }
}
