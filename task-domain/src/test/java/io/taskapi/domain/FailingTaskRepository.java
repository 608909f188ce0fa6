package io.taskapi.domain;

import java.util.Optional;
import java.util.function.Supplier;

/** A repository whose every call fails with a fresh exception from the given supplier: a store that is down or buggy. */
public final class FailingTaskRepository implements TaskRepository {
    private final Supplier<RuntimeException> failure;

    public FailingTaskRepository(Supplier<RuntimeException> failure) {
        this.failure = failure;
    }

    @Override
    public void create(TaskScope scope, Task task, Activity created) {
        throw failure.get();
    }

    @Override
    public Optional<Task> find(TaskScope scope, String id) {
        throw failure.get();
    }

    @Override
    public Optional<Task> locate(OwnerId owner, String id) {
        throw failure.get();
    }

    @Override
    public void replace(TaskScope scope, Task task, long expectedVersion, Activity change) {
        throw failure.get();
    }

    @Override
    public void delete(TaskScope scope, String id, Long expectedVersion) {
        throw failure.get();
    }

    @Override
    public TaskSlice list(TaskScope scope, TaskFilter filter, int limit, String afterPosition) {
        throw failure.get();
    }

    @Override
    public TaskSlice assignedTo(UserId user, int limit, String afterPosition) {
        throw failure.get();
    }

    @Override
    public boolean unassignAll(String listId, UserId user, UserId actor, long now, int budget) {
        throw failure.get();
    }

    @Override
    public boolean deleteAll(String listId, int budget) {
        throw failure.get();
    }

    @Override
    public boolean purgeHistory(String taskId, int budget) {
        throw failure.get();
    }

    @Override
    public void addComment(TaskScope scope, Comment comment) {
        throw failure.get();
    }

    @Override
    public Optional<Comment> findComment(TaskScope scope, String taskId, String commentId) {
        throw failure.get();
    }

    @Override
    public void deleteComment(TaskScope scope, String taskId, String commentId, UserId actor, long at) {
        throw failure.get();
    }

    @Override
    public Slice<Comment> comments(TaskScope scope, String taskId, int limit, String afterPosition) {
        throw failure.get();
    }

    @Override
    public Slice<ActivityEntry> activity(TaskScope scope, String taskId, int limit, String afterPosition) {
        throw failure.get();
    }
}
