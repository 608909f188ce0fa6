package io.taskapi.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A valid partial update: the fields to change, at least one of them. */
public final class TaskChanges {
    private final String text;
    private final TaskStatus status;
    private final TaskPriority priority;

    private TaskChanges(String text, TaskStatus status, TaskPriority priority) {
        this.text = text;
        this.status = status;
        this.priority = priority;
    }

    /**
     * Checks raw client input against every rule and reports all broken ones at once; {@code null} means "leave as it
     * is".
     *
     * @throws ValidationException naming each offending field, or {@code body} when no field is named
     */
    public static TaskChanges of(String text, String status, String priority) {
        if (text == null && status == null && priority == null) {
            throw new ValidationException("body", "must name at least one of: task, status, priority");
        }
        List<FieldError> errors = new ArrayList<>();
        String normalized = null;
        if (text != null) {
            normalized = TaskText.normalize(text);
            TaskText.problem(normalized).ifPresent(problem -> errors.add(new FieldError("task", problem)));
        }
        TaskStatus parsedStatus = status == null ? null : Fields.status(status, errors);
        TaskPriority parsedPriority = priority == null ? null : Fields.priority(priority, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new TaskChanges(normalized, parsedStatus, parsedPriority);
    }

    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    public Optional<TaskStatus> status() {
        return Optional.ofNullable(status);
    }

    public Optional<TaskPriority> priority() {
        return Optional.ofNullable(priority);
    }
}
