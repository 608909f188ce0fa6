package io.taskapi.memory;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskRepositoryContract;
import io.taskapi.domain.TaskScope;
import org.junit.jupiter.api.Test;

/** Runs the repository contract against the in-memory store, and checks that {@code clear()} forgets everything. */
class InMemoryTaskRepositoryTest extends TaskRepositoryContract {
    private static final TaskScope ALICE = new TaskScope.Personal(new OwnerId("alice"));
    private static final TaskScope BOB = new TaskScope.Personal(new OwnerId("bob"));

    @Override
    protected TaskRepository repository() {
        return new InMemoryTaskRepository();
    }

    @Test
    void clearForgetsEveryTaskOfEveryOwner() {
        InMemoryTaskRepository repository = new InMemoryTaskRepository();
        Task alices = aTask().withText("alice's").build();
        Task bobs = aTask().withText("bob's").build();
        repository.create(ALICE, alices);
        repository.create(BOB, bobs);

        repository.clear();

        assertThat(repository.find(ALICE, alices.id())).isEmpty();
        assertThat(repository.find(BOB, bobs.id())).isEmpty();
        assertThat(repository.list(ALICE, TaskFilter.ALL, 10, null).items()).isEmpty();
        assertThat(repository.list(BOB, TaskFilter.ALL, 10, null).items()).isEmpty();
    }

    @Test
    void aClearedRepositoryStoresTasksAgainUnderTheSameIds() {
        InMemoryTaskRepository repository = new InMemoryTaskRepository();
        Task before = aTask().withText("before").build();
        repository.create(ALICE, before);
        repository.clear();
        Task after = aTask().withId(before.id()).withText("after").build();

        repository.create(ALICE, after);

        assertThat(repository.find(ALICE, before.id())).contains(after);
        assertThat(repository.list(ALICE, TaskFilter.ALL, 10, null).items()).containsExactly(after);
    }

    @Test
    void clearingAnEmptyRepositoryLeavesItEmpty() {
        InMemoryTaskRepository repository = new InMemoryTaskRepository();

        repository.clear();

        assertThat(repository.list(ALICE, TaskFilter.ALL, 10, null).items()).isEmpty();
    }
}
