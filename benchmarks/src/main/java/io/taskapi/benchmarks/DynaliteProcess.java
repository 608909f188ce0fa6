package io.taskapi.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * dynalite (the DynamoDB-compatible engine from npm, pinned in the root package-lock.json) on a free loopback port,
 * in memory. Installed with {@code npm ci} when missing.
 */
public final class DynaliteProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private DynaliteProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static DynaliteProcess start(Path root, Path logDir) throws IOException, InterruptedException {
        Path cli = root.resolve("node_modules/dynalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(root.toFile())
                    .inheritIO().start();
            if (npm.waitFor() != 0 || !Files.isRegularFile(cli)) {
                throw new IllegalStateException("npm ci failed; dynalite is not installed in " + root);
            }
        }
        Files.createDirectories(logDir);
        int port = freePort();
        Process process = new ProcessBuilder(List.of("node", cli.toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"))
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve("dynalite-" + port + ".log").toFile())
                .start();
        DynaliteProcess dynalite = new DynaliteProcess(process, port);
        Runtime.getRuntime().addShutdownHook(new Thread(dynalite::close));
        if (!awaitPort(process, port, 30)) {
            dynalite.close();
            throw new IllegalStateException("dynalite did not listen within 30 s");
        }
        return dynalite;
    }

    /**
     * Waits until {@code process} listens on loopback {@code port}: {@code true} once it does, {@code false} when the
     * time is up.
     *
     * @throws IllegalStateException if the process exits first
     */
    static boolean awaitPort(Process process, int port, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the process exited with " + process.exitValue());
                }
                Thread.sleep(50);
            }
        }
        return false;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
