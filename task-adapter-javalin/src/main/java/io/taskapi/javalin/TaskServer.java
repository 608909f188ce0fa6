package io.taskapi.javalin;

import io.javalin.Javalin;
import io.taskapi.application.TaskApplication;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The local HTTP server: a thin Javalin shell that hands every API request to the application's core, so the server
 * answers exactly as the Lambda function does, plus what only a standalone server needs: the task board at {@code /},
 * the operations routes, request limits, the maintenance the Lambda function runs on a schedule, and a graceful stop.
 */
public final class TaskServer implements AutoCloseable {
    /** Virtual threads exist from Java 21; on 17 to 20 the server uses a bounded pool of platform threads. */
    public static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;

    private final TaskApplication application;
    private final ServerLimits limits;
    private final Javalin app;
    private final MaintenanceLoop maintenance;
    private final AtomicBoolean stopped = new AtomicBoolean();

    /**
     * A server of {@code application} on {@code host:port} (port 0 picks a free one), identifying callers with
     * {@code authenticator} and open to the clients {@code access} allows; it closes the application's store when it
     * stops.
     */
    public TaskServer(TaskApplication application, Authenticator authenticator, ServerLimits limits, String host,
            int port, ServerAccess access) {
        this.application = Objects.requireNonNull(application, "application");
        this.limits = Objects.requireNonNull(limits, "limits");
        ApiBridge api = new ApiBridge(application.api(), authenticator);
        OperationsRoutes operations = new OperationsRoutes(application.operations(), application.api(),
                access.metricsForLoopbackOnly());
        this.app = ServerSetup.javalin(limits, host, port, access, application.api(), routes -> {
            operations.addTo(routes);
            api.addTo(routes);
        });
        this.maintenance = new MaintenanceLoop(application);
    }

    /** Starts listening; returns once the port is bound. */
    public TaskServer start() {
        app.start();
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
     * then closes the store. Idempotent.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        maintenance.close();
        try {
            app.stop();
        } finally {
            application.store().close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
