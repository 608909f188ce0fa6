package io.taskapi.domain;

import java.util.Optional;

/** Where a task stands in its life; written and stored as {@code new}, {@code in_progress} and so on. */
public enum TaskStatus implements NamedValue {
    NEW, IN_PROGRESS, COMPLETED, CANCELLED;

    /** The status of a task created without one. */
    public static final TaskStatus DEFAULT = NEW;

    /** The status with exactly this name, or empty: matching is case-sensitive. */
    public static Optional<TaskStatus> fromValue(String value) {
        return NamedValue.parse(TaskStatus.class, value);
    }
}
