package io.taskapi.domain;

import java.util.Optional;

/** How urgent a task is; written and stored as {@code low}, {@code medium}, {@code high} or {@code urgent}. */
public enum TaskPriority implements NamedValue {
    /** Can wait. */
    LOW,
    /** Neither low nor high; the default. */
    MEDIUM,
    /** Comes before medium and low. */
    HIGH,
    /** Comes before everything else. */
    URGENT;

    /** The priority of a task created without one. */
    public static final TaskPriority DEFAULT = MEDIUM;

    /**
     * The priority with exactly this name, or empty: matching is case-sensitive.
     *
     * @param value the name, as {@link #value()} writes it
     * @return the priority, or empty when no priority has this name
     */
    public static Optional<TaskPriority> fromValue(String value) {
        return NamedValue.parse(TaskPriority.class, value);
    }
}
