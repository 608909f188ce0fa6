package io.taskapi.memory;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.Activity;
import io.taskapi.domain.ActivityAction;
import io.taskapi.domain.ActivityEntry;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskHistoryContract;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.UserId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Runs the history contract against the in-memory store, and checks that the creation entry it rebuilds from the task
 * as created is exactly the one it was given.
 */
class InMemoryTaskHistoryTest extends TaskHistoryContract {
    private static final TaskScope ALICE = new TaskScope.Personal(new OwnerId("alice"));
    private static final UserId ANN = new UserId("ann");

    @Override
    protected TaskRepository repository() {
        return new InMemoryTaskRepository();
    }

    /** A creation entry that is not the one {@code Activity.created} builds is kept as it was given. */
    @Test
    void aCreationEntryUnlikeTheTaskIsKeptAsGiven() {
        InMemoryTaskRepository repository = new InMemoryTaskRepository();
        Task task = aTask().withText("plan").build();
        Activity given = Activity.created(task, ANN);
        Activity later = new Activity(given.at() + 5, ANN, ActivityAction.CREATED, given.changes(), Optional.empty());

        repository.create(ALICE, task, later);

        assertThat(repository.activity(ALICE, task.id(), 10, null).items()).extracting(ActivityEntry::activity)
                .containsExactly(later);
    }

    /** A write without an entry changes the task, never its creation entry, read before or after it. */
    @Test
    void theCreationEntryDescribesTheTaskAsCreatedAfterItChanged() {
        InMemoryTaskRepository repository = new InMemoryTaskRepository();
        Task task = aTask().withText("plan").build();
        repository.create(ALICE, task, Activity.created(task, ANN));
        Task edited = new Task(task.id(), "plan more", task.status(), task.priority(), task.createdAt(),
                task.updatedAt(), 2, task.description(), task.dueDate(), task.tags(), task.listId(), task.assignee());

        repository.replace(ALICE, edited, 1, null);

        assertThat(repository.activity(ALICE, task.id(), 10, null).items()).extracting(ActivityEntry::activity)
                .containsExactly(Activity.created(task, ANN));
        assertThat(repository.activity(ALICE, task.id(), 10, null).items()).extracting(ActivityEntry::sequence)
                .containsExactly(1L);
    }
}
