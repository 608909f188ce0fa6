package io.taskapi.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A valid request to create a task: text, a status and a priority; optionally a description, a due date and tags.
 * Text and details are kept in their stored form: surrounding whitespace removed, duplicate tags dropped keeping the
 * first.
 *
 * @param text        what is to be done
 * @param status      where the task starts
 * @param priority    how urgent it is
 * @param description a longer text, if any
 * @param dueDate     the day the task is due, if any
 * @param tags        labels; empty for none
 * @param listId      the shared list to create it in; empty for the creator's own tasks
 * @param assignee    the member to assign it to, if any
 */
public record NewTask(
        String text, TaskStatus status, TaskPriority priority, Optional<String> description,
        Optional<LocalDate> dueDate, List<String> tags, Optional<String> listId, Optional<UserId> assignee) {

    /**
     * Checks every rule and reports all broken ones at once.
     *
     * @param text        what is to be done
     * @param status      where the task starts
     * @param priority    how urgent it is
     * @param description a longer text, if any
     * @param dueDate     the day the task is due, if any
     * @param tags        labels; empty for none
     * @param listId      the shared list to create it in; empty for the creator's own tasks
     * @param assignee    the member to assign it to, if any
     * @throws ValidationException naming each offending field
     */
    public NewTask {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(assignee, "assignee");
        Violations violations = new Violations();
        text = TaskRules.text(text, violations);
        description = Optional.ofNullable(TaskRules.description(description.orElse(null), violations));
        dueDate = Optional.ofNullable(TaskRules.dueDate(dueDate.orElse(null), TaskField.DUE_DATE, violations));
        tags = TaskRules.tags(tags, violations);
        violations.throwIfAny();
    }

    /**
     * A request for a task with the default status and priority and no details; name its text and the rest.
     *
     * @return a builder of a new task
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A request for a task with this text, the default status and priority and no details; add them on the builder.
     *
     * @param text what is to be done
     * @return a builder of a new task
     */
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
         * @return the request
         * @throws ValidationException naming each offending field
         */
        public NewTask build() {
            TaskStatus status = value(TaskField.STATUS);
            TaskPriority priority = value(TaskField.PRIORITY);
            return new NewTask(value(TaskField.TEXT), status == null ? TaskStatus.DEFAULT : status,
                    priority == null ? TaskPriority.DEFAULT : priority,
                            Optional.ofNullable(value(TaskField.DESCRIPTION)),
                    Optional.ofNullable(value(TaskField.DUE_DATE)), value(TaskField.TAGS),
                    Optional.ofNullable(value(TaskField.LIST_ID)), Optional.ofNullable(value(TaskField.ASSIGNEE)));
        }
    }
}
