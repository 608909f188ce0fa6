package io.taskapi.domain;

import java.util.Optional;

/** Where a task stands in its life; the wire names are exact and case-sensitive. */
public enum TaskStatus {
    NEW("new"),
    IN_PROGRESS("in_progress"),
    COMPLETED("completed"),
    CANCELLED("cancelled");

    /** The status of a task created without one. */
    public static final TaskStatus DEFAULT = NEW;

    private final String value;

    TaskStatus(String value) {
        this.value = value;
    }

    /** The name clients send and receive, for example {@code in_progress}. */
    public String value() {
        return value;
    }

    /** The status with exactly this name, or empty: matching is case-sensitive. */
    public static Optional<TaskStatus> fromValue(String value) {
        for (TaskStatus status : values()) {
            if (status.value.equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    static String allowedValues() {
        return "new, in_progress, completed, cancelled";
    }
}
