package io.taskapi.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A valid request to create a task: text and, defaulted when absent, a status and a priority. */
public record NewTask(String text, TaskStatus status, TaskPriority priority) {

    public NewTask {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        TaskText.problem(text).ifPresent(problem -> {
            throw new IllegalArgumentException("text " + problem);
        });
        if (!text.equals(TaskText.normalize(text))) {
            throw new IllegalArgumentException("text must not have surrounding whitespace; use NewTask.of to normalize");
        }
    }

    /**
     * Checks raw client input against every rule and reports all broken ones at once.
     *
     * @param text     the task text; required
     * @param status   a status name, or {@code null} for the default
     * @param priority a priority name, or {@code null} for the default
     * @throws ValidationException naming each offending field
     */
    public static NewTask of(String text, String status, String priority) {
        List<FieldError> errors = new ArrayList<>();
        String normalized = null;
        if (text == null) {
            errors.add(new FieldError("task", "is required"));
        } else {
            normalized = TaskText.normalize(text);
            TaskText.problem(normalized).ifPresent(problem -> errors.add(new FieldError("task", problem)));
        }
        TaskStatus parsedStatus = status == null ? TaskStatus.DEFAULT : Fields.status(status, errors);
        TaskPriority parsedPriority = priority == null ? TaskPriority.DEFAULT : Fields.priority(priority, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new NewTask(normalized, parsedStatus, parsedPriority);
    }
}
