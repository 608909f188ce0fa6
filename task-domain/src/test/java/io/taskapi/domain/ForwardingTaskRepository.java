package io.taskapi.domain;

import java.util.Optional;

/** Passes every call through to another repository; a test overrides the one call it wants to break or observe. */
public class ForwardingTaskRepository implements TaskRepository {
    private final TaskRepository delegate;

    public ForwardingTaskRepository(TaskRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public void create(TaskScope scope, Task task, Activity created) {
        delegate.create(scope, task, created);
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
    public void replace(TaskScope scope, Task task, long expectedVersion, Activity change) {
        delegate.replace(scope, task, expectedVersion, change);
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
    public boolean unassignAll(String listId, UserId user, UserId actor, long now, int budget) {
        return delegate.unassignAll(listId, user, actor, now, budget);
    }

    @Override
    public boolean deleteAll(String listId, int budget) {
        return delegate.deleteAll(listId, budget);
    }

    @Override
    public boolean purgeHistory(String taskId, int budget) {
        return delegate.purgeHistory(taskId, budget);
    }

    @Override
    public void addComment(TaskScope scope, Comment comment) {
        delegate.addComment(scope, comment);
    }

    @Override
    public Optional<Comment> findComment(TaskScope scope, String taskId, String commentId) {
        return delegate.findComment(scope, taskId, commentId);
    }

    @Override
    public void deleteComment(TaskScope scope, String taskId, String commentId, UserId actor, long at) {
        delegate.deleteComment(scope, taskId, commentId, actor, at);
    }

    @Override
    public Slice<Comment> comments(TaskScope scope, String taskId, int limit, String afterPosition) {
        return delegate.comments(scope, taskId, limit, afterPosition);
    }

    @Override
    public Slice<ActivityEntry> activity(TaskScope scope, String taskId, int limit, String afterPosition) {
        return delegate.activity(scope, taskId, limit, afterPosition);
    }
}
