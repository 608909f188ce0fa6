package io.taskapi.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored task. An instance always satisfies the task rules; the id, timestamps and version are owned by the server.
 *
 * @param id          server-generated id (a time-ordered UUID), unique per owner
 * @param text        what is to be done; the {@code task} field on the wire
 * @param createdAt   creation time in epoch seconds
 * @param updatedAt   last change in epoch seconds, never before {@code createdAt} and never moving backwards
 * @param version     1 when created, incremented by every change; the basis of optimistic concurrency
 * @param description a longer text, or {@code null} when there is none
 * @param dueDate     the day the task is due, or {@code null} when it has none
 * @param tags        distinct lowercase labels in the order they were given; empty when there are none
 */
public record Task(
        String id, String text, TaskStatus status, TaskPriority priority, long createdAt, long updatedAt,
        long version, String description, LocalDate dueDate, List<String> tags) {

    public Task {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        Objects.requireNonNull(text, "text");
        TaskText.problem(text).ifPresent(problem -> {
            throw new IllegalArgumentException("text " + problem);
        });
        if (!text.equals(TaskText.normalize(text))) {
            throw new IllegalArgumentException("text must not have surrounding whitespace");
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        if (createdAt < 0 || updatedAt < createdAt) {
            throw new IllegalArgumentException("timestamps must satisfy 0 <= createdAt <= updatedAt");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
        if (description != null) {
            TaskDetails.descriptionProblem(description).ifPresent(problem -> {
                throw new IllegalArgumentException("description " + problem);
            });
            if (!description.equals(TaskDetails.normalizeDescription(description))) {
                throw new IllegalArgumentException("description must not have surrounding whitespace");
            }
        }
        if (dueDate != null && !TaskDetails.isValidDueDate(dueDate)) {
            throw new IllegalArgumentException("due date must be in the years 1000 to 9999");
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (!TaskDetails.areValidTags(tags)) {
            throw new IllegalArgumentException("tags must be distinct, valid and at most " + TaskDetails.MAX_TAGS);
        }
    }

    /** A task without description, due date or tags. */
    public Task(
            String id, String text, TaskStatus status, TaskPriority priority, long createdAt, long updatedAt,
            long version) {
        this(id, text, status, priority, createdAt, updatedAt, version, null, null, List.of());
    }

    public Optional<String> descriptionValue() {
        return Optional.ofNullable(description);
    }

    public Optional<LocalDate> dueDateValue() {
        return Optional.ofNullable(dueDate);
    }

    /** This task with {@code changes} applied at {@code now}, one version later. */
    public Task apply(TaskChanges changes, long now) {
        return new Task(
                id,
                changes.text().orElse(text),
                changes.status().orElse(status),
                changes.priority().orElse(priority),
                createdAt,
                Math.max(now, updatedAt),
                version + 1,
                changes.changesDescription() ? changes.newDescription() : description,
                changes.changesDueDate() ? changes.newDueDate() : dueDate,
                changes.changesTags() ? changes.newTags() : tags);
    }
}
