package io.taskapi.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored task. An instance always satisfies the task rules; the id, timestamps and version are owned by the server.
 *
 * @param id          server-generated id (a time-ordered UUID), unique per owner
 * @param text        what is to be done
 * @param status      where the task stands
 * @param priority    how urgent it is
 * @param createdAt   creation time in epoch seconds
 * @param updatedAt   last change in epoch seconds, never before {@code createdAt} and never moving backwards
 * @param version     1 when created, incremented by every change; the basis of optimistic concurrency
 * @param description a longer text, if it has one
 * @param dueDate     the day the task is due, if it has one
 * @param tags        distinct lowercase labels in the order they were given; empty when there are none
 * @param listId      the shared list the task is in; empty when it is its owner's alone
 * @param assignee    the member the task is assigned to, if any
 */
public record Task(
        String id, String text, TaskStatus status, TaskPriority priority, long createdAt, long updatedAt,
        long version, Optional<String> description, Optional<LocalDate> dueDate, List<String> tags,
        Optional<String> listId, Optional<UserId> assignee) {

    /**
     * Checks that the task satisfies the task rules.
     *
     * @param id          server-generated id (a time-ordered UUID), unique per owner
     * @param text        what is to be done
     * @param status      where the task stands
     * @param priority    how urgent it is
     * @param createdAt   creation time in epoch seconds
     * @param updatedAt   last change in epoch seconds, never before {@code createdAt} and never moving backwards
     * @param version     1 when created, incremented by every change; the basis of optimistic concurrency
     * @param description a longer text, if it has one
     * @param dueDate     the day the task is due, if it has one
     * @param tags        distinct lowercase labels in the order they were given; empty when there are none
     * @param listId      the shared list the task is in; empty when it is its owner's alone
     * @param assignee    the member the task is assigned to, if any
     * @throws IllegalArgumentException if it does not
     */
    public Task {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(assignee, "assignee");
        tags = tags == null ? List.of() : List.copyOf(tags);
        TaskRules.requireStored(text, description.orElse(null), dueDate.orElse(null), tags);
        if (createdAt < 0 || updatedAt < createdAt) {
            throw new IllegalArgumentException("timestamps must satisfy 0 <= createdAt <= updatedAt");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
        if (listId.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("listId must not be blank");
        }
    }

    /**
     * A task in no list and assigned to nobody.
     *
     * @param id          server-generated id
     * @param text        what is to be done
     * @param status      where the task stands
     * @param priority    how urgent it is
     * @param createdAt   creation time in epoch seconds
     * @param updatedAt   last change in epoch seconds
     * @param version     1 when created, incremented by every change
     * @param description a longer text, if it has one
     * @param dueDate     the day the task is due, if it has one
     * @param tags        labels; empty when there are none
     */
    public Task(String id, String text, TaskStatus status, TaskPriority priority, long createdAt, long updatedAt,
            long version, Optional<String> description, Optional<LocalDate> dueDate, List<String> tags) {
        this(id, text, status, priority, createdAt, updatedAt, version, description, dueDate, tags, Optional.empty(),
                Optional.empty());
    }

    /** The task a request creates, with this id, at {@code now}, at version 1. */
    static Task created(String id, NewTask request, long now) {
        return new Task(id, request.text(), request.status(), request.priority(), now, now, 1,
                request.description(), request.dueDate(), request.tags(), request.listId(), request.assignee());
    }

    /**
     * The scope the task is kept in, when {@code personal} owns it unless it is in a list.
     *
     * @param personal the owner of its reader's own tasks
     * @return its list's scope, or {@code personal}'s
     */
    public TaskScope scope(OwnerId personal) {
        return TaskScope.of(this, personal);
    }

    /**
     * This task assigned to nobody, one version later.
     *
     * @param now the time of the change, in epoch seconds
     * @return the task
     */
    public Task unassigned(long now) {
        return new Task(id, text, status, priority, createdAt, Math.max(now, updatedAt), version + 1, description,
                dueDate, tags, listId, Optional.empty());
    }

    /**
     * This task with {@code changes} applied at {@code now}, one version later.
     *
     * @param changes what to change
     * @param now     the time of the change, in epoch seconds
     * @return the task
     */
    public Task apply(TaskChanges changes, long now) {
        return new Task(
                id,
                changes.text().orElse(text),
                changes.status().orElse(status),
                changes.priority().orElse(priority),
                createdAt,
                Math.max(now, updatedAt),
                version + 1,
                changes.changes(TaskField.DESCRIPTION) ? changes.description() : description,
                changes.changes(TaskField.DUE_DATE) ? changes.dueDate() : dueDate,
                changes.changes(TaskField.TAGS) ? changes.tags().orElse(List.of()) : tags,
                changes.changes(TaskField.LIST_ID) ? changes.listId() : listId,
                changes.changes(TaskField.ASSIGNEE) ? changes.assignee() : assignee);
    }
}
