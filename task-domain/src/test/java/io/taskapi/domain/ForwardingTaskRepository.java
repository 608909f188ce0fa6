package io.taskapi.domain;

import java.util.Optional;

/** Passes every call through to another repository; a test overrides the one call it wants to break or observe. */
public class ForwardingTaskRepository implements TaskRepository {
    private final TaskRepository delegate;

    public ForwardingTaskRepository(TaskRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public void create(TaskScope scope, Task task) {
        delegate.create(scope, task);
    }

    @Override
    public Optional<Task> find(TaskScope scope, String id) {
        return delegate.find(scope, id);
    }

    @Override
    public Optional<Task> locate(OwnerId owner, String id) {
        return delegate.locate(owner, id);
    }

    @Override
    public void replace(TaskScope scope, Task task, long expectedVersion) {
        delegate.replace(scope, task, expectedVersion);
    }

    @Override
    public void delete(TaskScope scope, String id, Long expectedVersion) {
        delegate.delete(scope, id, expectedVersion);
    }

    @Override
    public TaskSlice list(TaskScope scope, TaskFilter filter, int limit, String afterPosition) {
        return delegate.list(scope, filter, limit, afterPosition);
    }

    @Override
    public TaskSlice assignedTo(UserId user, int limit, String afterPosition) {
        return delegate.assignedTo(user, limit, afterPosition);
    }

    @Override
    public boolean unassignAll(String listId, UserId user, long now, int budget) {
        return delegate.unassignAll(listId, user, now, budget);
    }

    @Override
    public boolean deleteAll(String listId, int budget) {
        return delegate.deleteAll(listId, budget);
    }
}
