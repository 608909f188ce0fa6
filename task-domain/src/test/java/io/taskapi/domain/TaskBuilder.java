package io.taskapi.domain;

import java.util.Optional;
import java.util.UUID;

/** Test data builder for {@link Task}: every field has a valid default, so a test names only what it is about. */
public final class TaskBuilder {
    private static final long T0 = 1_703_001_234L;

    private String id = UUID.randomUUID().toString();
    private String text = "Deploy infrastructure";
    private TaskStatus status = TaskStatus.NEW;
    private TaskPriority priority = TaskPriority.MEDIUM;
    private long createdAt = T0;
    private long updatedAt = T0;
    private long version = 1;
    private String description;
    private java.time.LocalDate dueDate;
    private java.util.List<String> tags = java.util.List.of();
    private String listId;
    private UserId assignee;

    private TaskBuilder() {
    }

    public static TaskBuilder aTask() {
        return new TaskBuilder();
    }

    public TaskBuilder withId(String id) {
        this.id = id;
        return this;
    }

    public TaskBuilder withText(String text) {
        this.text = text;
        return this;
    }

    public TaskBuilder withStatus(TaskStatus status) {
        this.status = status;
        return this;
    }

    public TaskBuilder withPriority(TaskPriority priority) {
        this.priority = priority;
        return this;
    }

    public TaskBuilder createdAt(long epochSeconds) {
        this.createdAt = epochSeconds;
        this.updatedAt = Math.max(updatedAt, epochSeconds);
        return this;
    }

    public TaskBuilder withVersion(long version) {
        this.version = version;
        return this;
    }

    public TaskBuilder withDescription(String description) {
        this.description = description;
        return this;
    }

    public TaskBuilder due(java.time.LocalDate dueDate) {
        this.dueDate = dueDate;
        return this;
    }

    public TaskBuilder withTags(String... tags) {
        this.tags = java.util.List.of(tags);
        return this;
    }

    public TaskBuilder inList(String listId) {
        this.listId = listId;
        return this;
    }

    public TaskBuilder assignedTo(UserId assignee) {
        this.assignee = assignee;
        return this;
    }

    public Task build() {
        return new Task(id, text, status, priority, createdAt, updatedAt, version, Optional.ofNullable(description),
                Optional.ofNullable(dueDate), tags, Optional.ofNullable(listId),
                Optional.ofNullable(assignee));
    }
}
