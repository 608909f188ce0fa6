package io.taskapi.javalin;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.taskapi.application.TaskApplication;
import io.taskapi.javalin.files.LocalFiles;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The local HTTP server: a thin Javalin shell that hands every API request to the application's core, so the server
 * answers exactly as the Lambda function does, plus what only a standalone server needs: the task board at {@code /}
 * with its {@code /config.json}, the operations routes, request limits, the maintenance the Lambda function runs on a
 * schedule, and a graceful stop; and, when attachments are kept on this machine, the routes that take and serve their
 * files.
 */
public final class TaskServer implements AutoCloseable {
    /** Virtual threads exist from Java 21; on 17 to 20 the server uses a bounded pool of platform threads. */
    public static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;

    private final TaskApplication application;
    private final ServerLimits limits;
    private final Javalin app;
    private final MaintenanceLoop maintenance;
    private final String host;
    /** {@code null} when attachments are kept elsewhere (or not at all). */
    private final LocalFiles files;
    private final AtomicBoolean stopped = new AtomicBoolean();

    /**
     * A server of {@code application} on {@code host:port} (port 0 picks a free one), identifying callers with
     * {@code authenticator} and open to the clients {@code access} allows; it closes the application's store when it
     * stops.
     */
    public TaskServer(TaskApplication application, Authenticator authenticator, ServerLimits limits, String host,
            int port, ServerAccess access) {
        this(application, authenticator, limits, host, port, access, null);
    }

    /**
     * A server as {@link #TaskServer(TaskApplication, Authenticator, ServerLimits, String, int, ServerAccess)} makes
     * it that also takes and serves the files of attachments kept in {@code files} ({@code null} for none), and stops
     * them with itself.
     */
    public TaskServer(TaskApplication application, Authenticator authenticator, ServerLimits limits, String host,
            int port, ServerAccess access, LocalFiles files) {
        this(application, authenticator, limits, host, port, access, files, BoardConfig.WITHOUT_SIGN_IN);
    }

    /**
     * A server as {@link #TaskServer(TaskApplication, Authenticator, ServerLimits, String, int, ServerAccess,
     * LocalFiles)} makes it whose task board signs users in as {@code board} says.
     */
    public TaskServer(TaskApplication application, Authenticator authenticator, ServerLimits limits, String host,
            int port, ServerAccess access, LocalFiles files, BoardConfig board) {
        Objects.requireNonNull(board, "board");
        this.application = Objects.requireNonNull(application, "application");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.host = host;
        this.files = files;
        ApiBridge api = new ApiBridge(application.api(), authenticator);
        OperationsRoutes operations = new OperationsRoutes(application.operations(), application.api(),
                access.metricsForLoopbackOnly());
        ApiHandler apiHandler = new ApiHandler(application.api(), authenticator);
        this.app = ServerSetup.javalin(limits, host, port, access, application.api(), apiHandler, routes -> {
            operations.addTo(routes);
            routes.routes.addHttpHandler(HandlerType.GET, "/config.json", board::answer);
            if (files != null) {
                files.addTo(routes, ApiBridge::answered);
            }
            api.addTo(routes);
        });
        this.maintenance = new MaintenanceLoop(application);
    }

    /** Starts listening; returns once the port is bound. */
    public TaskServer start() {
        app.start();
        if (files != null) {
            // Only now is the port known, which the files' URLs name unless their address is configured.
            files.start(host, app.port(), application.log());
        }
        maintenance.start();
        return this;
    }

    /** The bound port (useful when started on port 0). */
    public int port() {
        return app.port();
    }

    /** How requests are run, in words for the startup message. */
    public String threading() {
        return (VIRTUAL_THREADS ? "virtual threads" : "platform threads (pool of " + limits.maxPlatformThreads() + ")")
                + ", at most " + limits.maxConcurrentRequests() + " requests at once";
    }

    /**
     * Stops accepting connections, lets in-flight requests finish (for at most the stop timeout), releases the port,
     * writes out the request log's last lines, then closes the store. Idempotent.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        maintenance.close();
        if (files != null) {
            files.close();
        }
        try {
            app.stop();
        } finally {
            application.log().flush();
            application.store().close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
