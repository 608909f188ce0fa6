package io.taskapi.domain;

import java.util.Optional;

/** Passes every call through to another repository; a test overrides the one call it wants to break or observe. */
public class ForwardingTaskRepository implements TaskRepository {
    private final TaskRepository delegate;

    public ForwardingTaskRepository(TaskRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public void create(OwnerId owner, Task task) {
        delegate.create(owner, task);
    }

    @Override
    public Optional<Task> find(OwnerId owner, String id) {
        return delegate.find(owner, id);
    }

    @Override
    public void replace(OwnerId owner, Task task, long expectedVersion) {
        delegate.replace(owner, task, expectedVersion);
    }

    @Override
    public void delete(OwnerId owner, String id, Long expectedVersion) {
        delegate.delete(owner, id, expectedVersion);
    }

    @Override
    public TaskSlice list(OwnerId owner, TaskFilter filter, int limit, String afterPosition) {
        return delegate.list(owner, filter, limit, afterPosition);
    }
}
