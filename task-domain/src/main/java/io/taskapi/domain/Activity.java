package io.taskapi.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One change of a task as its activity records it: who did what, when, and how each field changed. A store numbers
 * the activities of a task in the order it applies them ({@link ActivityEntry}).
 *
 * @param at        when, in epoch seconds
 * @param actor     who made the change
 * @param action    what kind of change
 * @param changes   each changed field of the task, in the order of {@link TaskField}; empty for comments
 * @param commentId the comment a {@link ActivityAction#COMMENTED} or {@link ActivityAction#COMMENT_DELETED} entry is
 *                  about; empty for every other action
 */
public record Activity(long at, UserId actor, ActivityAction action, Map<TaskField, FieldChange> changes,
        Optional<String> commentId) {

    /**
     * Checks the entry: a comment id exactly for an entry about a comment, which changes no field, and at least one
     * changed field for every other entry. The changes are kept in the order of {@link TaskField}.
     *
     * @param at        when, in epoch seconds
     * @param actor     who made the change
     * @param action    what kind of change
     * @param changes   each changed field of the task, in the order of {@link TaskField}; empty for comments
     * @param commentId the comment a {@link ActivityAction#COMMENTED} or {@link ActivityAction#COMMENT_DELETED}
     *                  entry is about; empty for every other action
     * @throws IllegalArgumentException if the entry breaks one of these rules
     */
    public Activity {
        if (at < 0) {
            throw new IllegalArgumentException("at must not be negative");
        }
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(commentId, "commentId");
        EnumMap<TaskField, FieldChange> ordered = new EnumMap<>(TaskField.class);
        ordered.putAll(changes);
        changes = Collections.unmodifiableMap(ordered);
        boolean aboutComment = action == ActivityAction.COMMENTED || action == ActivityAction.COMMENT_DELETED;
        if (aboutComment != commentId.isPresent()) {
            throw new IllegalArgumentException("a comment id belongs to, and only to, an entry about a comment");
        }
        if (aboutComment != changes.isEmpty()) {
            throw new IllegalArgumentException(aboutComment ? "an entry about a comment changes no field of the task"
                    : "an entry about the task changes at least one of its fields");
        }
    }

    /**
     * The creation of {@code task}: every field it has, from nothing.
     *
     * @param task  the new task
     * @param actor who created it
     * @return the entry, at the task's creation time
     */
    public static Activity created(Task task, UserId actor) {
        EnumMap<TaskField, FieldChange> changes = new EnumMap<>(TaskField.class);
        for (TaskField field : TaskField.values()) {
            Object value = FieldChange.absentAsNull(valueOf(task, field));
            if (value != null) {
                changes.put(field, FieldChange.between(null, value));
            }
        }
        return new Activity(task.createdAt(), actor, ActivityAction.CREATED, changes, Optional.empty());
    }

    /**
     * The change from {@code before} to {@code after}, made by {@code actor} at {@code after}'s update time; empty when
     * no field changed (a write of the same values, which moves only the update time and the version).
     *
     * @param before the task as it was
     * @param after  the task as it is now
     * @param actor  who changed it
     * @return the entry, or empty when no field changed
     */
    public static Optional<Activity> changed(Task before, Task after, UserId actor) {
        EnumMap<TaskField, FieldChange> changes = new EnumMap<>(TaskField.class);
        for (TaskField field : TaskField.values()) {
            Object from = FieldChange.absentAsNull(valueOf(before, field));
            Object to = FieldChange.absentAsNull(valueOf(after, field));
            if (!Objects.equals(from, to)) {
                changes.put(field, FieldChange.between(from, to));
            }
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        ActivityAction action = changes.containsKey(TaskField.LIST_ID) ? ActivityAction.MOVED
                : changes.keySet().equals(Set.of(TaskField.ASSIGNEE)) ? ActivityAction.ASSIGNED
                : ActivityAction.UPDATED;
        return Optional.of(new Activity(after.updatedAt(), actor, action, changes, Optional.empty()));
    }

    /**
     * {@code comment} posted by its author.
     *
     * @param comment the new comment
     * @return the entry, at the comment's creation time
     */
    public static Activity commented(Comment comment) {
        return new Activity(comment.createdAt(), comment.author(), ActivityAction.COMMENTED, Map.of(),
                Optional.of(comment.id()));
    }

    /**
     * {@code comment} deleted by {@code actor} at {@code at}.
     *
     * @param comment the deleted comment
     * @param actor   who deleted it
     * @param at      when, in epoch seconds
     * @return the entry
     */
    public static Activity commentDeleted(Comment comment, UserId actor, long at) {
        return new Activity(at, actor, ActivityAction.COMMENT_DELETED, Map.of(), Optional.of(comment.id()));
    }

    /** The value {@code task} has in {@code field}, typed as {@link FieldChange} documents. */
    static Object valueOf(Task task, TaskField field) {
        return switch (field) {
            case TEXT -> task.text();
            case STATUS -> task.status();
            case PRIORITY -> task.priority();
            case DESCRIPTION -> task.description().orElse(null);
            case DUE_DATE -> task.dueDate().orElse(null);
            case TAGS -> task.tags();
            case LIST_ID -> task.listId().orElse(null);
            case ASSIGNEE -> task.assignee().orElse(null);
        };
    }
}
