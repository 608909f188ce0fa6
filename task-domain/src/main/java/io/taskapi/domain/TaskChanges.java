package io.taskapi.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A valid partial update: the fields to change, at least one of them. The optional details (description, due date,
 * tags) can also be removed.
 */
public final class TaskChanges {
    /** The fields an update can name, in the order messages list them. */
    static final String FIELDS = "task, status, priority, description, due_date, tags";

    private final String text;
    private final TaskStatus status;
    private final TaskPriority priority;
    private final boolean changesDescription;
    private final String description;
    private final boolean changesDueDate;
    private final LocalDate dueDate;
    private final boolean changesTags;
    private final List<String> tags;

    private TaskChanges(Builder valid) {
        this.text = valid.text;
        this.status = valid.parsedStatus;
        this.priority = valid.parsedPriority;
        this.changesDescription = valid.changesDescription;
        this.description = valid.parsedDescription;
        this.changesDueDate = valid.changesDueDate;
        this.dueDate = valid.parsedDueDate;
        this.changesTags = valid.changesTags;
        this.tags = valid.parsedTags;
    }

    /**
     * Checks raw client input against every rule and reports all broken ones at once; {@code null} means "leave as it
     * is".
     *
     * @throws ValidationException naming each offending field, or {@code body} when no field is named
     */
    public static TaskChanges of(String text, String status, String priority) {
        return builder().text(text).status(status).priority(priority).build();
    }

    /** Collects raw changes; {@link Builder#build()} checks them all at once. */
    public static Builder builder() {
        return new Builder();
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

    boolean changesDescription() {
        return changesDescription;
    }

    String newDescription() {
        return description;
    }

    boolean changesDueDate() {
        return changesDueDate;
    }

    LocalDate newDueDate() {
        return dueDate;
    }

    boolean changesTags() {
        return changesTags;
    }

    List<String> newTags() {
        return tags;
    }

    /** Raw client changes, each setter taking {@code null} as "leave as it is". */
    public static final class Builder {
        private final List<FieldError> errors = new ArrayList<>();
        private boolean named;
        private String text;
        private String rawStatus;
        private String rawPriority;
        private TaskStatus parsedStatus;
        private TaskPriority parsedPriority;
        private boolean changesDescription;
        private String rawDescription;
        private String parsedDescription;
        private boolean changesDueDate;
        private String rawDueDate;
        private LocalDate parsedDueDate;
        private boolean changesTags;
        private List<String> rawTags;
        private List<String> parsedTags = List.of();

        private Builder() {
        }

        public Builder text(String value) {
            text = value;
            return this;
        }

        public Builder status(String value) {
            rawStatus = value;
            return this;
        }

        public Builder priority(String value) {
            rawPriority = value;
            return this;
        }

        public Builder description(String value) {
            changesDescription |= value != null;
            rawDescription = value;
            return this;
        }

        public Builder dueDate(String value) {
            changesDueDate |= value != null;
            rawDueDate = value;
            return this;
        }

        /** New tags; an empty list removes them all. */
        public Builder tags(List<String> value) {
            changesTags |= value != null;
            rawTags = value;
            return this;
        }

        /**
         * Removes an optional detail ({@code description}, {@code due_date} or {@code tags}); naming a required field
         * ({@code task}, {@code status}, {@code priority}) is an error, because a task always has them.
         */
        public Builder remove(String field) {
            named = true;
            switch (field) {
                case TaskDetails.DESCRIPTION -> {
                    changesDescription = true;
                    rawDescription = null;
                }
                case TaskDetails.DUE_DATE -> {
                    changesDueDate = true;
                    rawDueDate = null;
                }
                case TaskDetails.TAGS -> {
                    changesTags = true;
                    rawTags = List.of();
                }
                case "task", "status", "priority" ->
                        errors.add(new FieldError(field, "is required and cannot be removed"));
                default -> throw new IllegalArgumentException("not a task field: " + field);
            }
            return this;
        }

        /**
         * The checked changes.
         *
         * @throws ValidationException naming each offending field, or {@code body} when no field is named
         */
        public TaskChanges build() {
            boolean any = named || text != null || rawStatus != null || rawPriority != null || changesDescription
                    || changesDueDate || changesTags;
            if (!any) {
                throw new ValidationException("body", "must name at least one of: " + FIELDS);
            }
            List<FieldError> found = new ArrayList<>(errors);
            if (text != null) {
                text = TaskText.normalize(text);
                TaskText.problem(text).ifPresent(problem -> found.add(new FieldError("task", problem)));
            }
            parsedStatus = rawStatus == null ? null : Fields.status(rawStatus, found);
            parsedPriority = rawPriority == null ? null : Fields.priority(rawPriority, found);
            parsedDescription = rawDescription == null ? null : Fields.description(rawDescription, found);
            parsedDueDate = rawDueDate == null ? null : TaskDetails.dueDate(rawDueDate, found);
            if (rawTags != null) {
                parsedTags = TaskDetails.tags(rawTags, found);
            }
            if (!found.isEmpty()) {
                // Errors in the order the rules are checked: required fields first, as for a create.
                throw new ValidationException(sorted(found));
            }
            return new TaskChanges(this);
        }

        private static List<FieldError> sorted(List<FieldError> errors) {
            List<FieldError> ordered = new ArrayList<>(errors);
            ordered.sort(java.util.Comparator.comparingInt(error -> FIELDS.indexOf(baseName(error.field()))));
            return ordered;
        }

        private static String baseName(String field) {
            int bracket = field.indexOf('[');
            return bracket < 0 ? field : field.substring(0, bracket);
        }
    }
}
