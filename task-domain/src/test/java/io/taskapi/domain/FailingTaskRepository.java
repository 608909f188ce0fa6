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
    public void create(OwnerId owner, Task task) {
        throw failure.get();
    }

    @Override
    public Optional<Task> find(OwnerId owner, String id) {
        throw failure.get();
    }

    @Override
    public void replace(OwnerId owner, Task task, long expectedVersion) {
        throw failure.get();
    }

    @Override
    public void delete(OwnerId owner, String id, Long expectedVersion) {
        throw failure.get();
    }

    @Override
    public TaskSlice list(OwnerId owner, TaskFilter filter, int limit, String afterPosition) {
        throw failure.get();
    }
}
