package io.taskapi.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A valid request to create a task: text, a status and a priority; optionally a description, a due date and tags.
 * Text and details are kept in their stored form: surrounding whitespace removed, duplicate tags dropped keeping the
 * first.
 *
 * @param text        what is to be done
 * @param status      where the task starts
 * @param priority    how urgent it is
 * @param description a longer text, or {@code null} for none
 * @param dueDate     the day the task is due, or {@code null} for none
 * @param tags        labels; empty for none
 * @param listId      the shared list to create it in, or {@code null} for the creator's own tasks
 * @param assignee    the member to assign it to, or {@code null}
 */
public record NewTask(
        String text, TaskStatus status, TaskPriority priority, String description, LocalDate dueDate,
        List<String> tags, String listId, UserId assignee) {

    /**
     * Checks every rule and reports all broken ones at once.
     *
     * @throws ValidationException naming each offending field
     */
    public NewTask {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        Violations violations = new Violations();
        text = TaskRules.text(text, violations);
        description = TaskRules.description(description, violations);
        dueDate = TaskRules.dueDate(dueDate, TaskField.DUE_DATE, violations);
        tags = TaskRules.tags(tags, violations);
        violations.throwIfAny();
    }

    /** A request for a task of the creator's own, assigned to nobody. */
    public NewTask(String text, TaskStatus status, TaskPriority priority, String description, LocalDate dueDate,
            List<String> tags) {
        this(text, status, priority, description, dueDate, tags, null, null);
    }

    /** A request for a task with the default status and priority and no details; name its text and the rest. */
    public static Builder builder() {
        return new Builder();
    }

    /** A request for a task with this text, the default status and priority and no details; add them on the builder. */
    public static Builder builder(String text) {
        return new Builder().text(text);
    }

    /** Collects a new task's fields; {@link #build()} checks them all at once. */
    public static final class Builder extends TaskDraft<Builder> {
        private Builder() {
        }

        /**
         * The checked request: status {@link TaskStatus#DEFAULT} and priority {@link TaskPriority#DEFAULT} unless
         * named; without text, the text is reported missing.
         *
         * @throws ValidationException naming each offending field
         */
        public NewTask build() {
            TaskStatus status = value(TaskField.STATUS);
            TaskPriority priority = value(TaskField.PRIORITY);
            return new NewTask(value(TaskField.TEXT), status == null ? TaskStatus.DEFAULT : status,
                    priority == null ? TaskPriority.DEFAULT : priority, value(TaskField.DESCRIPTION),
                    value(TaskField.DUE_DATE), value(TaskField.TAGS), value(TaskField.LIST_ID),
                    value(TaskField.ASSIGNEE));
        }
    }
}
