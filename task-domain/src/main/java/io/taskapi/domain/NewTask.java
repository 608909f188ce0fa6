package io.taskapi.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A valid request to create a task: text and, defaulted when absent, a status and a priority; optionally a
 * description, a due date and tags.
 */
public record NewTask(
        String text, TaskStatus status, TaskPriority priority, String description, LocalDate dueDate,
        List<String> tags) {

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
        tags = tags == null ? List.of() : List.copyOf(tags);
        // The details are checked by the task built from this request.
        new Task("check", text, status, priority, 0, 0, 1, description, dueDate, tags);
    }

    /** A request without description, due date or tags. */
    public NewTask(String text, TaskStatus status, TaskPriority priority) {
        this(text, status, priority, null, null, List.of());
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
        return of(text, status, priority, null, null, null);
    }

    /**
     * Checks raw client input, details included, against every rule and reports all broken ones at once.
     *
     * @param description a description, or {@code null} for none
     * @param dueDate     a date as {@code YYYY-MM-DD}, or {@code null} for none
     * @param tags        tags, or {@code null} for none; duplicates are dropped, keeping the first
     * @throws ValidationException naming each offending field
     */
    public static NewTask of(
            String text, String status, String priority, String description, String dueDate, List<String> tags) {
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
        String parsedDescription = description == null ? null : Fields.description(description, errors);
        LocalDate parsedDueDate = dueDate == null ? null : TaskDetails.dueDate(dueDate, errors);
        List<String> parsedTags = tags == null ? List.of() : TaskDetails.tags(tags, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new NewTask(normalized, parsedStatus, parsedPriority, parsedDescription, parsedDueDate, parsedTags);
    }
}
