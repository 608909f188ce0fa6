package io.taskapi.javalin;

import io.taskapi.application.TaskApplication;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Works through the maintenance queue (what list deletions and member removals left) on a daemon thread of its own,
 * every few seconds, as the Lambda function's schedule does on AWS; a round stops when the queue is empty or its time
 * is up, so it never holds the store for long.
 */
final class MaintenanceLoop implements AutoCloseable {
    /** Between rounds. */
    static final Duration PERIOD = Duration.ofSeconds(2);
    /** The longest a round keeps working. */
    static final Duration ROUND = Duration.ofSeconds(5);
    private static final int STEPS = 10;

    private final TaskApplication application;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread daemon = new Thread(runnable, "task-maintenance");
        daemon.setDaemon(true);
        return daemon;
    });

    MaintenanceLoop(TaskApplication application) {
        this.application = application;
    }

    void start() {
        thread.scheduleWithFixedDelay(this::round, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round; a failure (the store unreachable, say) is logged and the next round tries again. */
    private void round() {
        long deadline = System.nanoTime() + ROUND.toNanos();
        try {
            while (application.maintain(STEPS) && System.nanoTime() < deadline) {
                // Work is left and the round has time: another bounded step.
            }
        } catch (RuntimeException e) {
            application.log().warning("maintenance_failed", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
