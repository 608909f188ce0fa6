package io.taskapi.javalin.files;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.taskapi.application.CorsPolicy;
import io.taskapi.application.RequestLog;
import io.taskapi.domain.FileStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Attachments kept in a folder of this machine, for {@code TASKS_STORE=memory}: the {@link FileStore} whose URLs the
 * core hands out, the server's routes that take and serve those URLs, and the hourly removal of abandoned uploads.
 * URLs are signed with a key of this process's own: they stop working when it stops, as do the in-memory tasks and
 * attachments they belong to.
 */
public final class LocalFiles implements AutoCloseable {
    /** Between removals of abandoned uploads; the first runs when the server starts. */
    static final Duration CLEANUP_PERIOD = Duration.ofHours(1);
    private static final List<String> WILDCARDS = List.of("0.0.0.0", "::", "[::]");

    private final DiskFileStore store;
    private final FileUrls urls;
    private final FileCors cors;
    private final Clock clock;
    private final URI url;
    private final ScheduledExecutorService cleanup = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread daemon = new Thread(runnable, "task-files-cleanup");
        daemon.setDaemon(true);
        return daemon;
    });

    /**
     * Files kept in {@code folder}, which is made on the first upload.
     *
     * @param url   the address clients reach the server by, which the URLs start with, or {@code null} for the one it
     *              listens on
     * @param cors  the API's CORS policy, which the file routes follow too
     * @param hosts the names the server answers to: its pages under each may use the file routes too
     * @throws IllegalArgumentException if {@code folder} exists and is not a folder
     */
    public LocalFiles(Path folder, URI url, CorsPolicy cors, Set<String> hosts, Clock clock) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("TASKS_FILES_DIR " + folder + " is not a folder");
        }
        this.urls = FileUrls.withRandomKey();
        this.store = new DiskFileStore(folder, urls, clock);
        this.cors = new FileCors(cors, hosts);
        this.clock = clock;
        this.url = url;
    }

    /** The store whose URLs the core hands out. */
    public FileStore store() {
        return store;
    }

    /** The folder the files are kept in, as an absolute path. */
    public Path folder() {
        return store.root();
    }

    /**
     * Adds the file routes to the server's configuration.
     *
     * @param answered marks a request answered, so that none of the server's fallbacks answers it again
     */
    public void addTo(JavalinConfig config, Consumer<Context> answered) {
        new FileRoutes(store, urls, cors, clock, answered).addTo(config);
    }

    /**
     * Starts signing URLs for the server listening on {@code host} and {@code port}, and removing abandoned uploads,
     * whose failures go to {@code log}.
     */
    public void start(String host, int port, RequestLog log) {
        urls.base(url != null ? url.toString() : "http://" + displayHost(host) + ":" + port);
        cors.listeningOn(port);
        cleanup.scheduleWithFixedDelay(() -> {
            try {
                store.cleanup();
            } catch (RuntimeException e) {
                // A folder that cannot be read now may be readable at the next round.
                log.warning("files_cleanup_failed", e);
            }
        }, 0, CLEANUP_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        cleanup.shutdownNow();
    }

    DiskFileStore disk() {
        return store;
    }

    /** The name clients on this machine reach a server listening on {@code host} by. */
    private static String displayHost(String host) {
        if (WILDCARDS.contains(host)) {
            return "localhost";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
