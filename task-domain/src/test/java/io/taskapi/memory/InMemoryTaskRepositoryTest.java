package io.taskapi.memory;

import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskRepositoryContract;

/** Runs the repository contract against the in-memory store. */
class InMemoryTaskRepositoryTest extends TaskRepositoryContract {
    @Override
    protected TaskRepository repository() {
        return new InMemoryTaskRepository();
    }
}
