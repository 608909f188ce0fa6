package io.taskapi.domain;

import java.util.Optional;

/** The order of a listing; the wire names are the values of the {@code sort} parameter. */
public enum TaskOrder {
    /** Newest first, by creation (the id); every task is listed. */
    CREATED_AT("created_at"),
    /** Earliest due date first, ties oldest first; only tasks with a due date are listed. */
    DUE_DATE("due_date");

    private final String value;

    TaskOrder(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The order with exactly this name, or empty. */
    public static Optional<TaskOrder> fromValue(String value) {
        for (TaskOrder order : values()) {
            if (order.value.equals(value)) {
                return Optional.of(order);
            }
        }
        return Optional.empty();
    }

    static String allowedValues() {
        return "created_at, due_date";
    }
}
