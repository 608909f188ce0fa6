package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.memory.InMemoryInvitationRepository;
import io.taskapi.memory.InMemoryListRepository;
import io.taskapi.memory.InMemoryTaskRepository;
import java.util.Optional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a deletion leaves to maintenance when a store removes in bounded steps: nothing is forgotten, and a task goes
 * only right after its attachments.
 */
class DeletionWorkTest {
    private static final Actor OWNER = new Actor(new UserId("olga"), new OwnerId("user:olga"), Optional.empty());

    private final MutableClock clock = MutableClock.at(1_703_001_234L);
    private final SequentialIdGenerator ids = new SequentialIdGenerator();
    private final PageTokenSealer sealer = PageTokenSealer.withRandomSecret();
    private final InMemoryListRepository lists = new InMemoryListRepository();
    private final List<String> calls = new ArrayList<>();
    /** Tasks whose history the store says it could not purge in one step yet. */
    private final Set<String> longHistories = new HashSet<>();
    private final TaskRepository tasks = new ForwardingTaskRepository(new InMemoryTaskRepository()) {
        @Override
        public boolean purgeHistory(String taskId, int budget) {
            calls.add("purge history " + taskId);
            return !longHistories.remove(taskId);
        }

        @Override
        public void delete(TaskScope scope, String id, Long expectedVersion) {
            calls.add("delete " + id);
            super.delete(scope, id, expectedVersion);
        }

        @Override
        public boolean deleteAll(String listId, int budget) {
            calls.add("delete all");
            return super.deleteAll(listId, budget);
        }
    };
    private final TaskAttachments attachments = taskId -> calls.add("remove attachments " + taskId);
    private final TaskService taskService = new TaskService(tasks, lists, attachments, clock, ids, sealer);
    private final ListService listService = new ListService(lists, new InMemoryInvitationRepository(), tasks,
            attachments, clock, ids, sealer);

    /** A history too long to purge in the deleting request is queued, and maintenance purges the rest. */
    @Test
    void aHistoryTheDeletionCouldNotPurgeIsLeftToMaintenance() {
        Task task = taskService.create(OWNER, NewTask.builder("long story").build());
        longHistories.add(task.id());

        taskService.delete(OWNER, task.id());

        assertThat(lists.pendingWork(10)).containsExactly(new PendingWork.HistoryPurge(task.id()));
        assertThat(listService.maintain(10)).isFalse();
        assertThat(lists.pendingWork(10)).isEmpty();
        assertThat(calls).containsExactly("delete " + task.id(), "purge history " + task.id(),
                "remove attachments " + task.id(), "purge history " + task.id());
    }

    @Test
    void aHistoryPurgedAtOnceLeavesNoWork() {
        Task task = taskService.create(OWNER, NewTask.builder("short story").build());

        taskService.delete(OWNER, task.id());

        assertThat(calls).containsExactly("delete " + task.id(), "purge history " + task.id(),
                "remove attachments " + task.id());
        assertThat(lists.pendingWork(10)).isEmpty();
    }

    /**
     * Deleting a list with attachments removes each task right after its attachments, so that no task outlives its
     * files' removal by more than one step; long histories are queued, the rest confirmed by one bulk deletion.
     */
    @Test
    void aDeletedListsTasksGoEachRightAfterItsAttachments() {
        String list = listService.create(OWNER, "Team").list().id();
        Task first = taskService.create(OWNER, NewTask.builder("a").listId(list).build());
        Task second = taskService.create(OWNER, NewTask.builder("b").listId(list).build());
        longHistories.add(second.id());
        calls.clear();

        listService.delete(OWNER, list);

        assertThat(calls).containsExactlyInAnyOrder("remove attachments " + first.id(), "delete " + first.id(),
                "purge history " + first.id(), "remove attachments " + second.id(), "delete " + second.id(),
                "purge history " + second.id(), "delete all");
        for (Task task : List.of(first, second)) {
            assertThat(calls.indexOf("delete " + task.id())).as("the task goes right after its attachments")
                    .isEqualTo(calls.indexOf("remove attachments " + task.id()) + 1);
        }
        assertThat(lists.pendingWork(10)).containsExactly(new PendingWork.HistoryPurge(second.id()));
        assertThat(listService.maintain(10)).isFalse();
        assertThat(lists.pendingWork(10)).isEmpty();
    }

    /** More tasks than one request deletes: the list's purge waits until maintenance has deleted every one. */
    @Test
    void aListWithMoreTasksThanOneRequestDeletesIsPurgedOnlyOnceItsTasksAreGone() {
        String list = listService.create(OWNER, "Big").list().id();
        for (int i = 0; i < ListService.REQUEST_BUDGET + 5; i++) {
            taskService.create(OWNER, NewTask.builder("t" + i).listId(list).build());
        }

        listService.delete(OWNER, list);

        assertThat(lists.pendingWork(10)).containsExactly(new PendingWork.Purge(list));
        assertThat(tasks.list(new TaskScope.InList(list), TaskFilter.ALL, 100, null).items()).hasSize(5);
        assertThat(listService.maintain(10)).isFalse();
        assertThat(tasks.list(new TaskScope.InList(list), TaskFilter.ALL, 100, null).items()).isEmpty();
        assertThat(lists.pendingWork(10)).isEmpty();
    }
}
