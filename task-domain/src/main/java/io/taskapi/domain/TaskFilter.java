package io.taskapi.domain;

import java.util.Optional;

/**
 * Which tasks a listing returns; an absent criterion matches every task.
 *
 * @param status   only tasks with this status, or {@code null} for any
 * @param priority only tasks with this priority, or {@code null} for any
 */
public record TaskFilter(TaskStatus status, TaskPriority priority) {
    /** Every task of the owner. */
    public static final TaskFilter ALL = new TaskFilter(null, null);

    public Optional<TaskStatus> statusCriterion() {
        return Optional.ofNullable(status);
    }

    public Optional<TaskPriority> priorityCriterion() {
        return Optional.ofNullable(priority);
    }

    /** Whether {@code task} passes this filter. */
    public boolean matches(Task task) {
        return (status == null || status == task.status()) && (priority == null || priority == task.priority());
    }

    /** A stable text naming this filter, to which page tokens are bound. */
    String fingerprint() {
        return "status=" + (status == null ? "" : status.value())
                + "&priority=" + (priority == null ? "" : priority.value());
    }
}
