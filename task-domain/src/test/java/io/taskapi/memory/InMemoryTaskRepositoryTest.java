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

    /** A task that outgrows its slot moves to a new one and reads back whole, in its place in the listing. */
    @Test
    void aTaskThatGrowsIsReadBackWholeAndInOrder() {
        InMemoryTaskRepository repository = new InMemoryTaskRepository();
        Task first = aTask().withId("0190a5c2-0001").withText("a").build();
        Task second = aTask().withId("0190a5c2-0002").withText("b").build();
        repository.create(ALICE, first);
        repository.create(ALICE, second);
        Task grown = aTask().withId(first.id()).withText("a".repeat(500)).withVersion(2)
                .withDescription("d".repeat(900)).withTags("x", "y").build();

        repository.replace(ALICE, grown, 1, null);

        assertThat(repository.find(ALICE, first.id())).contains(grown);
        assertThat(repository.list(ALICE, TaskFilter.ALL, 10, null).items()).containsExactly(second, grown);
    }

    /**
     * Once freed slots outweigh the live ones, the live tasks are copied into new slots: every one still reads back,
     * with its history, in every listing.
     */
    @Test
    void theLiveTasksSurviveTheirSlotsBeingCopied() {
        InMemoryTaskRepository repository = new InMemoryTaskRepository(0);
        UserId ann = new UserId("ann");
        String listId = "0190a5c2-7d3e-7f00-8000-0000000000bb";
        TaskScope list = new TaskScope.InList(listId);
        java.util.List<Task> kept = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Task task = aTask().withId(String.format("0190a5c2-%04d", i)).withText("task " + i).build();
            repository.create(ALICE, task, io.taskapi.domain.Activity.created(task, ann));
            if (i % 4 == 0) {
                kept.add(task);
            } else {
                repository.delete(ALICE, task.id(), null);
            }
        }
        Task listed = aTask().withId("0190a5c2-9999").withText("in a list").inList(listId).assignedTo(ann).build();
        repository.create(list, listed);
        repository.addComment(list, new Comment("c1", listed.id(), ann, "one", 1));
        for (int i = 0; i < 50; i++) {
            Task before = kept.get(i);
            Task grown = aTask().withId(before.id()).withText("grown " + "g".repeat(100 + i)).withVersion(2).build();
            repository.replace(ALICE, grown, 1, null);
            kept.set(i, grown);
        }

        java.util.List<Task> newestFirst = new java.util.ArrayList<>(kept);
        java.util.Collections.reverse(newestFirst);
        assertThat(repository.list(ALICE, TaskFilter.ALL, 100, null).items()).containsExactlyElementsOf(newestFirst);
        assertThat(repository.find(list, listed.id())).contains(listed);
        assertThat(repository.assignedTo(ann, 10, null).items()).containsExactly(listed);
        assertThat(repository.comments(list, listed.id(), 10, null).items()).extracting(Comment::id)
                .containsExactly("c1");
        assertThat(repository.activity(ALICE, kept.get(10).id(), 10, null).items()).hasSize(1);
        assertThat(repository.activity(ALICE, kept.get(10).id(), 10, null).items().get(0).activity())
                .isEqualTo(io.taskapi.domain.Activity.created(aTask().withId(kept.get(10).id()).withText("task 40")
                        .build(), ann));
    }

    /** A task's slot, freed by its deletion or left by its move to a larger one, is counted until taken back. */
    @Test
    void theSlotsOfDeletedAndGrownTasksAreCountedAsFreed() {
        InMemoryTaskRepository repository = new InMemoryTaskRepository();
        Task deleted = aTask().withText("gone").build();
        Task grown = aTask().withText("small").build();
        repository.create(ALICE, deleted);
        repository.create(ALICE, grown);

        repository.delete(ALICE, deleted.id(), null);
        long afterDelete = repository.freedBytes();
        repository.replace(ALICE, aTask().withId(grown.id()).withText("x".repeat(300)).withVersion(2).build(), 1,
                null);

        assertThat(afterDelete).isPositive();
        assertThat(repository.freedBytes()).isGreaterThan(afterDelete);
    }

    /** Every write that frees a slot takes the memory back once freed slots outweigh the live ones. */
    @Test
    void everyWriteThatFreesASlotTakesTheMemoryBack() {
        UserId ann = new UserId("ann");
        String listId = "0190a5c2-7d3e-7f00-8000-0000000000cc";
        TaskScope list = new TaskScope.InList(listId);
        Task small = aTask().withText("s").inList(listId).assignedTo(ann).build();
        Task medium = aTask().withId(small.id()).withText("m".repeat(300)).inList(listId).assignedTo(ann)
                .withVersion(2).build();
        Task large = aTask().withId(small.id()).withText("l".repeat(320)).inList(listId).assignedTo(ann)
                .withVersion(3).build();

        InMemoryTaskRepository deleting = new InMemoryTaskRepository(0);
        deleting.create(list, small);
        deleting.delete(list, small.id(), null);
        InMemoryTaskRepository replacing = new InMemoryTaskRepository(0);
        replacing.create(list, small);
        replacing.replace(list, medium, 1, null);
        replacing.replace(list, large, 2, null);
        InMemoryTaskRepository emptying = new InMemoryTaskRepository(0);
        emptying.create(list, small);

        assertThat(emptying.deleteAll(listId, 10)).isTrue();
        assertThat(deleting.freedBytes()).isZero();
        assertThat(replacing.freedBytes()).isZero();
        assertThat(emptying.freedBytes()).isZero();
        assertThat(replacing.find(list, small.id())).contains(large);
    }

    /** With no more than the allowance freed, nothing is copied, however little is live. */
    @Test
    void freedSlotsWithinTheAllowanceStayCounted() {
        InMemoryTaskRepository repository = new InMemoryTaskRepository(1_000);
        Task task = aTask().build();
        repository.create(ALICE, task);

        repository.delete(ALICE, task.id(), null);

        assertThat(repository.freedBytes()).isPositive();
    }

    /** A page that holds exactly the assignee's last tasks says there is no next one. */
    @Test
    void aFullPageOfTheLastAssignedTasksHasNoNextPosition() {
        InMemoryTaskRepository repository = new InMemoryTaskRepository();
        UserId ann = new UserId("ann");
        String listId = "0190a5c2-7d3e-7f00-8000-0000000000dd";
        Task first = aTask().withId("0190a5c2-0001").inList(listId).assignedTo(ann).build();
        Task second = aTask().withId("0190a5c2-0002").inList(listId).assignedTo(ann).build();
        repository.create(new TaskScope.InList(listId), first);
        repository.create(new TaskScope.InList(listId), second);

        assertThat(repository.assignedTo(ann, 2, null).nextPosition()).isNull();
        assertThat(repository.assignedTo(ann, 1, null).nextPosition()).isEqualTo(second.id());
    }
}
