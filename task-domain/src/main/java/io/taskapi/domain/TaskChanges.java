package io.taskapi.domain;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A valid partial update: the fields to change, at least one, each with its new value in its stored form. The optional
 * details (description, due date, tags) can also be removed; a removed detail has no value here.
 */
public final class TaskChanges {
    private final Set<TaskField> fields;
    private final Map<TaskField, Object> values;

    private TaskChanges(Set<TaskField> fields, Map<TaskField, Object> values) {
        this.fields = Collections.unmodifiableSet(EnumSet.copyOf(fields));
        this.values = values;
    }

    /**
     * Collects changes; {@link Builder#build()} checks them all at once.
     *
     * @return a builder of changes, with none yet
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The fields this update changes or removes.
     *
     * @return the fields, at least one, in the order of {@link TaskField}
     */
    public Set<TaskField> fields() {
        return fields;
    }

    /**
     * Whether this update changes or removes {@code field}.
     *
     * @param field the field
     * @return whether it is among {@link #fields()}
     */
    public boolean changes(TaskField field) {
        return fields.contains(field);
    }

    /**
     * The new text.
     *
     * @return the text, or empty when it is unchanged
     */
    public Optional<String> text() {
        return value(TaskField.TEXT);
    }

    /**
     * The new status.
     *
     * @return the status, or empty when it is unchanged
     */
    public Optional<TaskStatus> status() {
        return value(TaskField.STATUS);
    }

    /**
     * The new priority.
     *
     * @return the priority, or empty when it is unchanged
     */
    public Optional<TaskPriority> priority() {
        return value(TaskField.PRIORITY);
    }

    /**
     * The new description; empty when it is unchanged or removed (see {@link #changes}).
     *
     * @return the description, or empty
     */
    public Optional<String> description() {
        return value(TaskField.DESCRIPTION);
    }

    /**
     * The new due date; empty when it is unchanged or removed.
     *
     * @return the due date, or empty
     */
    public Optional<LocalDate> dueDate() {
        return value(TaskField.DUE_DATE);
    }

    /**
     * The new tags; empty when they are unchanged or removed.
     *
     * @return the tags, or empty
     */
    public Optional<List<String>> tags() {
        return value(TaskField.TAGS);
    }

    /**
     * The list the task moves to; empty when it is unchanged or removed.
     *
     * @return the list's id, or empty
     */
    public Optional<String> listId() {
        return value(TaskField.LIST_ID);
    }

    /**
     * The new assignee; empty when it is unchanged or removed.
     *
     * @return the assignee, or empty
     */
    public Optional<UserId> assignee() {
        return value(TaskField.ASSIGNEE);
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> value(TaskField field) {
        return Optional.ofNullable((T) values.get(field));
    }

    /** Collects changes; each setter names a field to change, {@link #remove} one to remove. */
    public static final class Builder extends TaskDraft<Builder> {
        private Builder() {
        }

        /**
         * Removes an optional detail (description, due date or tags). Naming a required field (text, status, priority)
         * is an error that {@link #build()} reports, because a task always has them.
         *
         * @param field the detail to remove
         * @return this builder
         */
        public Builder remove(TaskField field) {
            return put(field, TaskDraft.REMOVED);
        }

        /**
         * The checked changes.
         *
         * @return the changes
         * @throws IllegalStateException if no field is named
         * @throws ValidationException   naming each offending field
         */
        public TaskChanges build() {
            if (named().isEmpty()) {
                throw new IllegalStateException("an update changes at least one field");
            }
            Violations violations = new Violations();
            Map<TaskField, Object> checked = new EnumMap<>(TaskField.class);
            for (TaskField field : named()) {
                Object value = value(field);
                if (value == TaskDraft.REMOVED) {
                    if (!field.optional()) {
                        violations.add(field, "is required and cannot be removed");
                    }
                } else {
                    checked.put(field, TaskRules.check(field, value, violations));
                }
            }
            violations.throwIfAny();
            return new TaskChanges(named(), checked);
        }
    }
}
