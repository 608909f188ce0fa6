package io.taskapi.domain;

import java.util.Optional;

/** How urgent a task is; the wire names are exact and case-sensitive. */
public enum TaskPriority {
    LOW("low"),
    MEDIUM("medium"),
    HIGH("high"),
    URGENT("urgent");

    /** The priority of a task created without one. */
    public static final TaskPriority DEFAULT = MEDIUM;

    private final String value;

    TaskPriority(String value) {
        this.value = value;
    }

    /** The name clients send and receive, for example {@code urgent}. */
    public String value() {
        return value;
    }

    /** The priority with exactly this name, or empty: matching is case-sensitive. */
    public static Optional<TaskPriority> fromValue(String value) {
        for (TaskPriority priority : values()) {
            if (priority.value.equals(value)) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }

    static String allowedValues() {
        return "low, medium, high, urgent";
    }
}
