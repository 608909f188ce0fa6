package io.taskapi.memory;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.Comment;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskRepositoryContract;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.UserId;
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

    /** Every listing refuses a page of fewer than one item rather than answering an empty page. */
    @Test
    void everyListingRefusesAPageOfNoItems() {
        InMemoryTaskRepository repository = new InMemoryTaskRepository();
        Task task = aTask().withText("a").build();
        repository.create(ALICE, task);

        assertThatThrownBy(() -> repository.list(ALICE, TaskFilter.ALL, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.assignedTo(new UserId("ann"), 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.comments(ALICE, task.id(), 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.activity(ALICE, task.id(), 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A page of comments that holds the last one has no next position, even when it is exactly full. */
    @Test
    void aFullPageOfTheLastCommentsHasNoNextPosition() {
        InMemoryTaskRepository repository = new InMemoryTaskRepository();
        Task task = aTask().withText("a").build();
        repository.create(ALICE, task);
        UserId ann = new UserId("ann");
        repository.addComment(ALICE, new Comment("c1", task.id(), ann, "one", 1));
        repository.addComment(ALICE, new Comment("c2", task.id(), ann, "two", 2));

        assertThat(repository.comments(ALICE, task.id(), 2, null).nextPosition()).isNull();
        assertThat(repository.comments(ALICE, task.id(), 1, null).nextPosition()).isEqualTo("c1");
    }

    /** A clear forgets assignments and histories too, not only the tasks' own entries. */
    @Test
    void clearForgetsAssignmentsAndHistories() {
        InMemoryTaskRepository repository = new InMemoryTaskRepository();
        UserId ann = new UserId("ann");
        TaskScope list = new TaskScope.InList("0190a5c2-7d3e-7f00-8000-0000000000aa");
        Task assigned = aTask().withText("a").inList("0190a5c2-7d3e-7f00-8000-0000000000aa").assignedTo(ann).build();
        repository.create(list, assigned);
        repository.addComment(list, new Comment("c1", assigned.id(), ann, "one", 1));

        repository.clear();

        assertThat(repository.assignedTo(ann, 10, null).items()).isEmpty();
        assertThat(repository.locate(new OwnerId("alice"), assigned.id())).isEmpty();
        repository.create(list, assigned);
        assertThat(repository.find(list, assigned.id())).as("its id is free again in a list too").contains(assigned);
        Task again = aTask().withId(assigned.id()).withText("again").build();
        repository.clear();
        repository.create(ALICE, again);
        assertThat(repository.comments(ALICE, again.id(), 10, null).items()).as("no comment of the former task")
                .isEmpty();
    }
}
