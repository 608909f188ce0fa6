package io.taskapi.domain;

import java.util.Objects;

/**
 * A stored task. An instance always satisfies the task rules; the id, timestamps and version are owned by the server.
 *
 * @param id        server-generated id (a time-ordered UUID), unique per owner
 * @param text      what is to be done; the {@code task} field on the wire
 * @param createdAt creation time in epoch seconds
 * @param updatedAt last change in epoch seconds, never before {@code createdAt} and never moving backwards
 * @param version   1 when created, incremented by every change; the basis of optimistic concurrency
 */
public record Task(
        String id, String text, TaskStatus status, TaskPriority priority, long createdAt, long updatedAt,
        long version) {

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
                version + 1);
    }
}
