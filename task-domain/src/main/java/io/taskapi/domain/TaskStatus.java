package io.taskapi.domain;

import java.util.Optional;

/** Where a task stands in its life; written and stored as {@code new}, {@code in_progress} and so on. */
public enum TaskStatus implements NamedValue {
    /** Not started; the default. */
    NEW,
    /** Being worked on. */
    IN_PROGRESS,
    /** Done. */
    COMPLETED,
    /** Given up: it will not be done. */
    CANCELLED;

    /** The status of a task created without one. */
    public static final TaskStatus DEFAULT = NEW;

    /**
     * The status with exactly this name, or empty: matching is case-sensitive.
     *
     * @param value the name, as {@link #value()} writes it
     * @return the status, or empty when no status has this name
     */
    public static Optional<TaskStatus> fromValue(String value) {
        return NamedValue.parse(TaskStatus.class, value);
    }
}
