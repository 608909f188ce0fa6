package io.taskapi.domain;

import java.util.Optional;

/** How urgent a task is; written and stored as {@code low}, {@code medium}, {@code high} or {@code urgent}. */
public enum TaskPriority implements NamedValue {
    LOW, MEDIUM, HIGH, URGENT;

    /** The priority of a task created without one. */
    public static final TaskPriority DEFAULT = MEDIUM;

    /** The priority with exactly this name, or empty: matching is case-sensitive. */
    public static Optional<TaskPriority> fromValue(String value) {
        return NamedValue.parse(TaskPriority.class, value);
    }
}
