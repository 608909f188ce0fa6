package io.taskapi.memory;

import io.taskapi.domain.TaskHistoryContract;
import io.taskapi.domain.TaskRepository;

/** Runs the history contract against the in-memory store. */
class InMemoryTaskHistoryTest extends TaskHistoryContract {
    @Override
    protected TaskRepository repository() {
        return new InMemoryTaskRepository();
    }
}
