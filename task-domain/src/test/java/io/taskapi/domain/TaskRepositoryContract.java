package io.taskapi.domain;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TaskRepository} must have. Each implementation's test extends this class and supplies a
 * fresh, empty repository.
 */
public abstract class TaskRepositoryContract {
    private static final TaskScope ALICE = new TaskScope.Personal(new OwnerId("alice"));
    private static final TaskScope BOB = new TaskScope.Personal(new OwnerId("bob"));
    private static final OwnerId ALICE_OWNER = new OwnerId("alice");
    private static final UserId ANN = new UserId("ann");
    private static final UserId BEN = new UserId("ben");
    private static final UserId OWEN = new UserId("owen");
    /** Ann's own tasks, which only she may be assigned to. */
    private static final TaskScope ANN_OWN = new TaskScope.Personal(new OwnerId("user:ann"));
    /** When {@link TaskBuilder}'s tasks are created and last changed. */
    private static final long T0 = 1_703_001_234L;

    // Ids from the production generator on a clock that steps forward, so they sort by creation as in production.
    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

    /** A new, empty repository for one test. */
    protected abstract TaskRepository repository();

    private String nextId() {
        Instant at = Instant.ofEpochMilli(millis.addAndGet(7));
        return new UuidV7Generator(Clock.fixed(at, ZoneOffset.UTC)).newId();
    }

    /** A task with a new id that belongs in {@code scope}: in its list, or in none. */
    private TaskBuilder aTaskIn(TaskScope scope) {
        TaskBuilder builder = aTask().withId(nextId());
        return scope instanceof TaskScope.InList list ? builder.inList(list.listId()) : builder;
    }

    /** A scope of a new list. */
    private TaskScope aList() {
        return new TaskScope.InList(nextId());
    }

    private static String listIdOf(TaskScope scope) {
        return ((TaskScope.InList) scope).listId();
    }

    @Test
    void findsACreatedTask() {
        TaskRepository repository = repository();
        Task task = aTask().withId(nextId()).withText("Write documentation").build();

        repository.create(ALICE, task);

        assertThat(repository.find(ALICE, task.id())).contains(task);
    }

    @Test
    void storesEveryDetailOfATaskAndRemovesThemOnReplace() {
        TaskRepository repository = repository();
        Task task = aTask().withId(nextId()).withDescription("Line one\nLine two \uD83D\uDE80")
                .due(LocalDate.of(2026, 2, 28)).withTags("b", "a", "c.d_e-f").build();
        repository.create(ALICE, task);

        assertThat(repository.find(ALICE, task.id())).contains(task);

        Task plain = aTask().withId(task.id()).withVersion(2).build();
        repository.replace(ALICE, plain, 1);
        assertThat(repository.find(ALICE, task.id())).contains(plain);
        assertThat(repository.list(ALICE, TaskFilter.ALL, 10, null).items()).containsExactly(plain);
    }

    @Test
    void findsNothingForAnUnknownId() {
        assertThat(repository().find(ALICE, nextId())).isEmpty();
    }

    @Test
    void createNeverOverwritesAnExistingTask() {
        TaskRepository repository = repository();
        Task original = aTask().withId(nextId()).withText("original").build();
        repository.create(ALICE, original);

        assertThatThrownBy(() -> repository.create(ALICE, aTask().withId(original.id()).withText("intruder").build()))
                .isInstanceOf(TaskAlreadyExistsException.class);
        assertThat(repository.find(ALICE, original.id())).contains(original);
    }

    @Test
    void anotherOwnerCannotSeeChangeOrDeleteATask() {
        TaskRepository repository = repository();
        Task task = aTask().withId(nextId()).build();
        repository.create(ALICE, task);

        assertThat(repository.find(BOB, task.id())).isEmpty();
        assertThat(repository.list(BOB, TaskFilter.ALL, 10, null).items()).isEmpty();
        assertThatThrownBy(() -> repository.replace(BOB, aTask().withId(task.id()).withVersion(2).build(), 1))
                .isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> repository.delete(BOB, task.id(), null)).isInstanceOf(TaskNotFoundException.class);
        assertThat(repository.find(ALICE, task.id())).contains(task);
    }

    @Test
    void theSameIdMayExistForTwoOwners() {
        TaskRepository repository = repository();
        String id = nextId();
        repository.create(ALICE, aTask().withId(id).withText("alice's").build());
        repository.create(BOB, aTask().withId(id).withText("bob's").build());

        assertThat(repository.find(ALICE, id)).map(Task::text).contains("alice's");
        assertThat(repository.find(BOB, id)).map(Task::text).contains("bob's");
    }

    @Test
    void replaceStoresTheNewVersionWhenTheExpectedVersionIsCurrent() {
        TaskRepository repository = repository();
        Task task = aTask().withId(nextId()).build();
        repository.create(ALICE, task);
        Task changed = aTask().withId(task.id()).withText("changed").withStatus(TaskStatus.COMPLETED).withVersion(2)
                .build();

        repository.replace(ALICE, changed, 1);

        assertThat(repository.find(ALICE, task.id())).contains(changed);
    }

    @Test
    void replaceRefusesAStaleVersionAndChangesNothing() {
        TaskRepository repository = repository();
        Task task = aTask().withId(nextId()).withVersion(3).build();
        repository.create(ALICE, task);

        Task staleWrite = aTask().withId(task.id()).withText("stale writer").withVersion(3).build();

        assertThatThrownBy(() -> repository.replace(ALICE, staleWrite, 2)).isInstanceOf(VersionConflictException.class);
        assertThat(repository.find(ALICE, task.id())).contains(task);
    }

    @Test
    void replaceNeverCreatesAMissingTask() {
        TaskRepository repository = repository();
        Task ghost = aTask().withId(nextId()).withVersion(2).build();

        assertThatThrownBy(() -> repository.replace(ALICE, ghost, 1)).isInstanceOf(TaskNotFoundException.class);
        assertThat(repository.find(ALICE, ghost.id())).isEmpty();
    }

    @Test
    void deleteRemovesTheTask() {
        TaskRepository repository = repository();
        Task task = aTask().withId(nextId()).build();
        repository.create(ALICE, task);

        repository.delete(ALICE, task.id(), null);

        assertThat(repository.find(ALICE, task.id())).isEmpty();
        assertThatThrownBy(() -> repository.delete(ALICE, task.id(), null))
                .isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void deleteWithTheCurrentVersionRemovesTheTask() {
        TaskRepository repository = repository();
        Task task = aTask().withId(nextId()).withVersion(4).build();
        repository.create(ALICE, task);

        repository.delete(ALICE, task.id(), 4L);

        assertThat(repository.find(ALICE, task.id())).isEmpty();
    }

    @Test
    void deleteWithAStaleVersionKeepsTheTask() {
        TaskRepository repository = repository();
        Task task = aTask().withId(nextId()).withVersion(4).build();
        repository.create(ALICE, task);

        assertThatThrownBy(() -> repository.delete(ALICE, task.id(), 3L))
                .isInstanceOf(VersionConflictException.class);
        assertThat(repository.find(ALICE, task.id())).contains(task);
    }

    @Test
    void deleteOfAnUnknownTaskIsNotFoundEvenWithAVersion() {
        assertThatThrownBy(() -> repository().delete(ALICE, nextId(), 1L))
                .isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void listsNewestFirstInPagesThatCoverEveryTaskOnce() {
        listsNewestFirstInPages(ALICE);
    }

    @Test
    void aFullLastPageHasNoNextPosition() {
        fullLastPageHasNoNextPosition(ALICE);
    }

    @Test
    void listingAnOwnerWithoutTasksIsEmpty() {
        TaskSlice slice = repository().list(ALICE, TaskFilter.ALL, 25, null);

        assertThat(slice.items()).isEmpty();
        assertThat(slice.nextPosition()).isNull();
    }

    @Test
    void filtersByStatusByPriorityAndByBoth() {
        filtersByStatusAndPriority(ALICE, BOB);
    }

    @Test
    void filtersByTagAndDueDateInEitherOrderWithTheSameResultsAsInMemory() {
        filtersByTagAndDueDate(ALICE, BOB);
    }

    private void listsNewestFirstInPages(TaskScope scope) {
        TaskRepository repository = repository();
        List<Task> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Task task = aTaskIn(scope).withText("task " + i).build();
            repository.create(scope, task);
            created.add(0, task);
        }

        List<Task> seen = new ArrayList<>();
        String position = null;
        int pages = 0;
        do {
            TaskSlice slice = repository.list(scope, TaskFilter.ALL, 3, position);
            assertThat(slice.items()).hasSizeLessThanOrEqualTo(3);
            seen.addAll(slice.items());
            position = slice.nextPosition();
            pages++;
        } while (position != null);

        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(pages).isEqualTo(3);
    }

    private void fullLastPageHasNoNextPosition(TaskScope scope) {
        TaskRepository repository = repository();
        for (int i = 0; i < 4; i++) {
            repository.create(scope, aTaskIn(scope).build());
        }

        TaskSlice first = repository.list(scope, TaskFilter.ALL, 2, null);
        TaskSlice second = repository.list(scope, TaskFilter.ALL, 2, first.nextPosition());

        assertThat(first.nextPosition()).isNotNull();
        assertThat(second.items()).hasSize(2);
        assertThat(second.nextPosition()).isNull();
    }

    /** Every status and priority in {@code scope}, and a task of {@code other} that every filter would match. */
    private void filtersByStatusAndPriority(TaskScope scope, TaskScope other) {
        TaskRepository repository = repository();
        List<Task> all = new ArrayList<>();
        for (TaskStatus status : TaskStatus.values()) {
            for (TaskPriority priority : TaskPriority.values()) {
                Task task = aTaskIn(scope).withStatus(status).withPriority(priority).build();
                repository.create(scope, task);
                all.add(0, task);
            }
        }
        repository.create(other, aTaskIn(other).withStatus(TaskStatus.COMPLETED).withPriority(TaskPriority.URGENT)
                .build());
        repository.create(other, aTaskIn(other).withStatus(TaskStatus.IN_PROGRESS).withPriority(TaskPriority.LOW)
                .build());

        for (TaskFilter filter : List.of(
                TaskFilter.builder().status(TaskStatus.COMPLETED).build(),
                TaskFilter.builder().priority(TaskPriority.URGENT).build(),
                TaskFilter.builder().status(TaskStatus.IN_PROGRESS).priority(TaskPriority.LOW).build())) {
            List<Task> expected = all.stream().filter(filter::matches).toList();
            assertThat(listAll(repository, scope, filter, 2)).as(filter.toString()).containsExactlyElementsOf(expected);
        }
    }

    private void filtersByTagAndDueDate(TaskScope scope, TaskScope other) {
        TaskRepository repository = repository();
        List<Task> newestFirst = new ArrayList<>();
        String[] tagSets = {"work", "home", "work urgent", "", "urgent"};
        for (int i = 0; i < 30; i++) {
            String tags = tagSets[i % tagSets.length];
            TaskBuilder builder = aTaskIn(scope).withStatus(i % 3 == 0 ? TaskStatus.COMPLETED : TaskStatus.NEW)
                    .withPriority(i % 2 == 0 ? TaskPriority.HIGH : TaskPriority.LOW)
                    .withTags(tags.isEmpty() ? new String[0] : tags.split(" "));
            if (i % 4 != 3) {
                // Several tasks share a day, so ties are ordered by creation.
                builder.due(LocalDate.of(2026, 1, 1).plusDays((i * 7L) % 10));
            }
            Task task = builder.build();
            repository.create(scope, task);
            newestFirst.add(0, task);
        }
        repository.create(other, aTaskIn(other).withTags("work", "urgent").due(LocalDate.of(2026, 1, 5)).build());
        repository.create(other, aTaskIn(other).withStatus(TaskStatus.COMPLETED).due(LocalDate.of(2026, 1, 2))
                .build());
        LocalDate jan3 = LocalDate.of(2026, 1, 3);
        LocalDate jan8 = LocalDate.of(2026, 1, 8);
        Comparator<Task> byDue = Comparator.comparing((Task task) -> task.dueDate().orElseThrow())
                .thenComparing(Task::id);

        for (TaskFilter filter : List.of(
                TaskFilter.builder().tag("work").build(),
                TaskFilter.builder().status(TaskStatus.NEW).priority(TaskPriority.HIGH).tag("urgent").build(),
                TaskFilter.builder().order(TaskOrder.DUE_DATE).build(),
                TaskFilter.builder().dueBefore(jan8).dueAfter(jan3).order(TaskOrder.DUE_DATE).build(),
                TaskFilter.builder().dueBefore(jan8).order(TaskOrder.DUE_DATE).build(),
                TaskFilter.builder().dueAfter(jan3).order(TaskOrder.DUE_DATE).build(),
                TaskFilter.builder().status(TaskStatus.NEW).tag("work").dueAfter(jan3).order(TaskOrder.DUE_DATE).build(),
                TaskFilter.builder().status(TaskStatus.COMPLETED).dueBefore(jan8).order(TaskOrder.DUE_DATE).build())) {
            List<Task> expected = newestFirst.stream().filter(filter::matches)
                    .sorted(filter.order() == TaskOrder.DUE_DATE ? byDue : (a, b) -> 0).toList();
            assertThat(expected).as(filter.toString()).isNotEmpty();
            for (int limit : new int[] {1, 3, 100}) {
                assertThat(listAll(repository, scope, filter, limit)).as(filter + " limit " + limit)
                        .containsExactlyElementsOf(expected);
            }
        }
        TaskFilter noDayBetween = TaskFilter.builder().dueBefore(jan3).dueAfter(jan3.minusDays(1)).order(TaskOrder.DUE_DATE).build();
        assertThat(repository.list(scope, noDayBetween, 10, null).items()).isEmpty();
    }

    @Test
    void concurrentReplacesOfOneVersionLetExactlyOneWin() throws Exception {
        TaskRepository repository = repository();
        Task task = aTask().withId(nextId()).build();
        repository.create(ALICE, task);
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Task candidate = aTask().withId(task.id()).withText("writer " + i).withVersion(2).build();
            attempts.add(() -> {
                start.await();
                try {
                    repository.replace(ALICE, candidate, 1);
                    return true;
                } catch (VersionConflictException e) {
                    return false;
                }
            });
        }

        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<Boolean> attempt : attempts) {
                results.add(pool.submit(attempt));
            }
            start.countDown();
            int wins = 0;
            for (Future<Boolean> result : results) {
                wins += result.get() ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
            assertThat(repository.find(ALICE, task.id())).map(Task::version).contains(2L);
        } finally {
            pool.shutdownNow();
        }
    }

    // A list's tasks: reached by the list's scope, and by id from any owner (whether the reader may see it is the
    // service's to decide), kept in exactly one list at a time.

    @Test
    void aListsTaskIsFoundInItsListAndLocatedByIdFromAnyOwner() {
        TaskRepository repository = repository();
        TaskScope list = aList();
        TaskScope other = aList();
        Task task = aTaskIn(list).withText("Book the venue").build();
        Task own = aTask().withId(nextId()).withText("alice's own").build();

        repository.create(list, task);
        repository.create(ALICE, own);

        assertThat(repository.find(list, task.id())).contains(task);
        assertThat(repository.find(other, task.id())).isEmpty();
        assertThat(repository.find(ALICE, task.id())).isEmpty();
        assertThat(repository.locate(ALICE_OWNER, task.id())).contains(task);
        assertThat(repository.locate(new OwnerId("bob"), task.id())).contains(task);
        assertThat(repository.locate(ALICE_OWNER, own.id())).contains(own);
        assertThat(repository.locate(new OwnerId("bob"), own.id())).isEmpty();
        assertThat(repository.locate(ALICE_OWNER, nextId())).isEmpty();
        assertThat(repository.find(list, own.id())).isEmpty();
        assertThat(repository.list(ALICE, TaskFilter.ALL, 10, null).items()).containsExactly(own);
        assertThat(repository.list(list, TaskFilter.ALL, 10, null).items()).containsExactly(task);
        assertThat(repository.list(other, TaskFilter.ALL, 10, null).items()).isEmpty();
    }

    @Test
    void storesEveryDetailOfAListsTaskAndRemovesThemOnReplace() {
        TaskRepository repository = repository();
        TaskScope list = aList();
        Task task = aTaskIn(list).withDescription("Line one\nLine two \uD83D\uDE80").due(LocalDate.of(2026, 2, 28))
                .withTags("b", "a").assignedTo(ANN).withStatus(TaskStatus.IN_PROGRESS)
                .withPriority(TaskPriority.URGENT).build();
        repository.create(list, task);

        assertThat(repository.find(list, task.id())).contains(task);
        assertThat(repository.locate(ALICE_OWNER, task.id())).contains(task);

        Task plain = aTask().withId(task.id()).inList(listIdOf(list)).withVersion(2).build();
        repository.replace(list, plain, 1);
        assertThat(repository.find(list, task.id())).contains(plain);
        assertThat(repository.list(list, TaskFilter.ALL, 10, null).items()).containsExactly(plain);
        assertThat(repository.assignedTo(ANN, 10, null).items()).isEmpty();
    }

    @Test
    void anOwnersTaskKeepsItsAssignee() {
        TaskRepository repository = repository();
        Task task = aTask().withId(nextId()).assignedTo(ANN).build();

        repository.create(ALICE, task);

        assertThat(repository.find(ALICE, task.id())).contains(task);
        assertThat(repository.assignedTo(ANN, 10, null).items()).containsExactly(task);
    }

    @Test
    void aTaskIdIsTakenOnceAmongAllLists() {
        TaskRepository repository = repository();
        TaskScope list = aList();
        TaskScope other = aList();
        Task task = aTaskIn(list).withText("original").build();
        repository.create(list, task);

        assertThatThrownBy(() -> repository.create(list,
                aTask().withId(task.id()).inList(listIdOf(list)).withText("intruder").build()))
                .isInstanceOf(TaskAlreadyExistsException.class);
        assertThatThrownBy(() -> repository.create(other,
                aTask().withId(task.id()).inList(listIdOf(other)).withText("intruder").build()))
                .isInstanceOf(TaskAlreadyExistsException.class);

        assertThat(repository.find(list, task.id())).contains(task);
        assertThat(repository.find(other, task.id())).isEmpty();
        assertThat(repository.list(other, TaskFilter.ALL, 10, null).items()).isEmpty();
    }

    @Test
    void aTaskIsCreatedOnlyInTheScopeItNames() {
        TaskRepository repository = repository();
        TaskScope list = aList();
        TaskScope other = aList();
        Task inOther = aTaskIn(other).build();
        Task inNone = aTask().withId(nextId()).build();

        assertThatThrownBy(() -> repository.create(list, inOther)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.create(list, inNone)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.create(ALICE, inOther)).isInstanceOf(IllegalArgumentException.class);

        assertThat(repository.locate(ALICE_OWNER, inOther.id())).isEmpty();
        assertThat(repository.locate(ALICE_OWNER, inNone.id())).isEmpty();
    }

    @Test
    void replaceInAListChecksTheListAndTheVersion() {
        TaskRepository repository = repository();
        TaskScope list = aList();
        TaskScope other = aList();
        Task task = aTaskIn(list).withVersion(3).build();
        repository.create(list, task);
        Task changed = aTask().withId(task.id()).inList(listIdOf(list)).withText("changed").withVersion(4).build();

        assertThatThrownBy(() -> repository.replace(list, changed, 2)).isInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> repository.replace(other,
                aTask().withId(task.id()).inList(listIdOf(other)).withVersion(4).build(), 3))
                .isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> repository.replace(ALICE, aTask().withId(task.id()).withVersion(4).build(), 3))
                .isInstanceOf(TaskNotFoundException.class);
        assertThat(repository.find(list, task.id())).contains(task);

        repository.replace(list, changed, 3);

        assertThat(repository.find(list, task.id())).contains(changed);
        assertThat(repository.locate(ALICE_OWNER, task.id())).contains(changed);
    }

    @Test
    void replaceInAListNeverCreatesAMissingTask() {
        TaskRepository repository = repository();
        TaskScope list = aList();
        Task ghost = aTaskIn(list).withVersion(2).build();

        assertThatThrownBy(() -> repository.replace(list, ghost, 1)).isInstanceOf(TaskNotFoundException.class);
        assertThat(repository.find(list, ghost.id())).isEmpty();
        assertThat(repository.locate(ALICE_OWNER, ghost.id())).isEmpty();
    }

    @Test
    void replaceThatNamesAnotherListMovesTheTaskThereInOneStep() {
        TaskRepository repository = repository();
        TaskScope from = aList();
        TaskScope to = aList();
        Task task = aTaskIn(from).withStatus(TaskStatus.NEW).withPriority(TaskPriority.HIGH)
                .due(LocalDate.of(2026, 5, 1)).withTags("venue").assignedTo(ANN).build();
        repository.create(from, task);
        Task moved = aTask().withId(task.id()).inList(listIdOf(to)).withStatus(TaskStatus.NEW)
                .withPriority(TaskPriority.HIGH).due(LocalDate.of(2026, 5, 1)).withTags("venue").assignedTo(ANN)
                .withVersion(2).build();

        repository.replace(from, moved, 1);

        assertThat(repository.find(from, task.id())).isEmpty();
        assertThat(repository.find(to, task.id())).contains(moved);
        assertThat(repository.locate(ALICE_OWNER, task.id())).contains(moved);
        assertThat(repository.assignedTo(ANN, 10, null).items()).containsExactly(moved);
        for (TaskFilter filter : List.of(TaskFilter.ALL,
                TaskFilter.builder().status(TaskStatus.NEW).build(),
                TaskFilter.builder().priority(TaskPriority.HIGH).build(),
                TaskFilter.builder().status(TaskStatus.NEW).priority(TaskPriority.HIGH).build(),
                TaskFilter.builder().tag("venue").build(),
                TaskFilter.builder().order(TaskOrder.DUE_DATE).build(),
                TaskFilter.builder().status(TaskStatus.NEW).order(TaskOrder.DUE_DATE).build())) {
            assertThat(repository.list(from, filter, 10, null).items()).as(filter.toString()).isEmpty();
            assertThat(repository.list(to, filter, 10, null).items()).as(filter.toString()).containsExactly(moved);
        }
        // The old list no longer holds it, so it can neither be changed nor deleted there.
        assertThatThrownBy(() -> repository.replace(from, aTask().withId(task.id()).inList(listIdOf(from))
                .withVersion(3).build(), 2)).isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> repository.delete(from, task.id(), null)).isInstanceOf(TaskNotFoundException.class);
        assertThat(repository.find(to, task.id())).contains(moved);
    }

    @Test
    void aStaleMoveChangesNothing() {
        TaskRepository repository = repository();
        TaskScope from = aList();
        TaskScope to = aList();
        Task task = aTaskIn(from).withVersion(2).build();
        repository.create(from, task);

        assertThatThrownBy(() -> repository.replace(from,
                aTask().withId(task.id()).inList(listIdOf(to)).withVersion(2).build(), 1))
                .isInstanceOf(VersionConflictException.class);

        assertThat(repository.find(from, task.id())).contains(task);
        assertThat(repository.find(to, task.id())).isEmpty();
        assertThat(repository.list(to, TaskFilter.ALL, 10, null).items()).isEmpty();
    }

    @Test
    void aTaskMovesOnlyFromOneListToAnother() {
        TaskRepository repository = repository();
        TaskScope list = aList();
        Task shared = aTaskIn(list).build();
        Task own = aTask().withId(nextId()).build();
        repository.create(list, shared);
        repository.create(ALICE, own);

        assertThatThrownBy(() -> repository.replace(list, aTask().withId(shared.id()).withVersion(2).build(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.replace(ALICE,
                aTask().withId(own.id()).inList(listIdOf(list)).withVersion(2).build(), 1))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(repository.find(list, shared.id())).contains(shared);
        assertThat(repository.find(ALICE, own.id())).contains(own);
        assertThat(repository.find(list, own.id())).isEmpty();
    }

    @Test
    void deleteInAListChecksTheListAndTheVersion() {
        TaskRepository repository = repository();
        TaskScope list = aList();
        TaskScope other = aList();
        Task task = aTaskIn(list).withVersion(4).build();
        repository.create(list, task);

        assertThatThrownBy(() -> repository.delete(other, task.id(), null)).isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> repository.delete(ALICE, task.id(), null)).isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> repository.delete(list, task.id(), 3L)).isInstanceOf(VersionConflictException.class);
        assertThat(repository.find(list, task.id())).contains(task);

        repository.delete(list, task.id(), 4L);

        assertThat(repository.find(list, task.id())).isEmpty();
        assertThat(repository.locate(ALICE_OWNER, task.id())).isEmpty();
        assertThat(repository.list(list, TaskFilter.ALL, 10, null).items()).isEmpty();
        assertThatThrownBy(() -> repository.delete(list, task.id(), null)).isInstanceOf(TaskNotFoundException.class);
        // The id is free again.
        repository.create(other, aTask().withId(task.id()).inList(listIdOf(other)).build());
        assertThat(repository.find(other, task.id())).isPresent();
    }

    @Test
    void listsAListsTasksNewestFirstInPagesThatCoverEveryTaskOnce() {
        listsNewestFirstInPages(aList());
    }

    @Test
    void aFullLastPageOfAListHasNoNextPosition() {
        fullLastPageHasNoNextPosition(aList());
    }

    @Test
    void listingAListWithoutTasksIsEmpty() {
        TaskRepository repository = repository();
        repository.create(ALICE, aTask().withId(nextId()).build());

        TaskSlice slice = repository.list(aList(), TaskFilter.ALL, 25, null);

        assertThat(slice.items()).isEmpty();
        assertThat(slice.nextPosition()).isNull();
    }

    @Test
    void filtersAListsTasksByStatusByPriorityAndByBoth() {
        filtersByStatusAndPriority(aList(), aList());
    }

    @Test
    void filtersAListsTasksByStatusByPriorityAndByBothApartFromAnOwnersTasks() {
        filtersByStatusAndPriority(aList(), ALICE);
    }

    @Test
    void filtersAListsTasksByTagAndDueDateInEitherOrderWithTheSameResultsAsInMemory() {
        filtersByTagAndDueDate(aList(), aList());
    }

    @Test
    void filtersAnOwnersTasksApartFromAListsTasks() {
        filtersByTagAndDueDate(ALICE, aList());
    }

    @Test
    void assignedToListsAUsersTasksOfEveryScopeNewestFirstInPages() {
        TaskRepository repository = repository();
        TaskScope list = aList();
        TaskScope other = aList();
        List<Task> anns = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            TaskScope scope = i % 3 == 0 ? ANN_OWN : i % 3 == 1 ? list : other;
            Task task = aTaskIn(scope).withText("ann's " + i).assignedTo(ANN).build();
            repository.create(scope, task);
            anns.add(0, task);
            repository.create(list, aTaskIn(list).assignedTo(BEN).build());
            repository.create(other, aTaskIn(other).build());
        }

        List<Task> seen = new ArrayList<>();
        Set<String> positions = new HashSet<>();
        String position = null;
        int pages = 0;
        do {
            TaskSlice slice = repository.assignedTo(ANN, 3, position);
            assertThat(slice.items()).hasSizeLessThanOrEqualTo(3);
            seen.addAll(slice.items());
            position = slice.nextPosition();
            assertThat(position == null || positions.add(position)).as("positions never repeat").isTrue();
            pages++;
        } while (position != null);

        assertThat(seen).containsExactlyElementsOf(anns);
        assertThat(pages).isEqualTo(3);
        assertThat(repository.assignedTo(BEN, 100, null).items()).hasSize(7)
                .allSatisfy(task -> assertThat(task.assignee()).contains(BEN));
        TaskSlice nobody = repository.assignedTo(new UserId("nobody"), 10, null);
        assertThat(nobody.items()).isEmpty();
        assertThat(nobody.nextPosition()).isNull();
    }

    @Test
    void assignedToFollowsAnOwnersTaskThroughReplaceAndDelete() {
        TaskRepository repository = repository();
        Task kept = aTask().withId(nextId()).assignedTo(ANN).build();
        Task replaced = aTask().withId(nextId()).assignedTo(ANN).build();
        Task deleted = aTask().withId(nextId()).assignedTo(ANN).build();
        for (Task task : List.of(kept, replaced, deleted)) {
            repository.create(ALICE, task);
        }

        Task edited = aTask().withId(replaced.id()).withText("edited").assignedTo(ANN).withVersion(2).build();
        repository.replace(ALICE, edited, 1);
        repository.delete(ALICE, deleted.id(), 1L);

        assertThat(repository.assignedTo(ANN, 10, null).items()).containsExactly(edited, kept);
        repository.replace(ALICE, edited.unassigned(T0 + 10), 2);
        assertThat(repository.assignedTo(ANN, 10, null).items()).containsExactly(kept);
    }

    @Test
    void assignedToFollowsUnassignmentsMovesAndDeletions() {
        TaskRepository repository = repository();
        TaskScope list = aList();
        TaskScope other = aList();
        Task unassigned = aTaskIn(list).assignedTo(ANN).build();
        Task moved = aTaskIn(list).assignedTo(ANN).build();
        Task deleted = aTaskIn(list).assignedTo(ANN).build();
        Task kept = aTaskIn(list).assignedTo(ANN).build();
        for (Task task : List.of(unassigned, moved, deleted, kept)) {
            repository.create(list, task);
        }

        repository.replace(list, unassigned.unassigned(T0 + 10), 1);
        Task movedThere = aTask().withId(moved.id()).inList(listIdOf(other)).assignedTo(ANN).withVersion(2).build();
        repository.replace(list, movedThere, 1);
        repository.delete(list, deleted.id(), null);

        assertThat(repository.assignedTo(ANN, 10, null).items()).containsExactly(kept, movedThere);
    }

    @Test
    void unassignAllUnassignsAUsersTasksInOneListWithinABudget() {
        TaskRepository repository = repository();
        TaskScope list = aList();
        TaskScope other = aList();
        long now = T0 + 100;
        List<Task> annsHere = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // One was changed after "now": unassigning never moves its last change backwards.
            Task task = aTaskIn(list).assignedTo(ANN).withVersion(i + 1L).createdAt(i == 2 ? T0 + 500 : T0).build();
            repository.create(list, task);
            annsHere.add(task);
        }
        Task bensHere = aTaskIn(list).assignedTo(BEN).build();
        Task nobodysHere = aTaskIn(list).build();
        Task annsThere = aTaskIn(other).assignedTo(ANN).build();
        Task annsOwn = aTaskIn(ANN_OWN).assignedTo(ANN).build();
        repository.create(list, bensHere);
        repository.create(list, nobodysHere);
        repository.create(other, annsThere);
        repository.create(ANN_OWN, annsOwn);

        assertThat(repository.unassignAll(listIdOf(list), ANN, OWEN, now, 2)).isFalse();
        long stillAssigned = annsHere.stream().map(task -> repository.find(list, task.id()).orElseThrow())
                .filter(task -> task.assignee().equals(Optional.of(ANN))).count();
        assertThat(stillAssigned).as("at most the budget is unassigned, and some is").isBetween(3L, 4L);
        int calls = 1;
        while (!repository.unassignAll(listIdOf(list), ANN, OWEN, now, 2)) {
            calls++;
            assertThat(calls).as("every call makes progress").isLessThanOrEqualTo(4);
        }

        for (Task task : annsHere) {
            assertThat(repository.find(list, task.id())).contains(task.unassigned(now));
        }
        assertThat(repository.find(list, bensHere.id())).contains(bensHere);
        assertThat(repository.find(list, nobodysHere.id())).contains(nobodysHere);
        assertThat(repository.find(other, annsThere.id())).contains(annsThere);
        assertThat(repository.find(ANN_OWN, annsOwn.id())).contains(annsOwn);
        assertThat(repository.assignedTo(ANN, 10, null).items()).containsExactly(annsOwn, annsThere);
        assertThat(repository.unassignAll(listIdOf(list), ANN, OWEN, now, 2)).isTrue();
        assertThat(repository.unassignAll(listIdOf(aList()), ANN, OWEN, now, 2)).isTrue();
    }

    @Test
    void deleteAllDeletesAListsTasksWithinABudget() {
        TaskRepository repository = repository();
        TaskScope list = aList();
        TaskScope other = aList();
        List<Task> here = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Task task = aTaskIn(list).withStatus(i % 2 == 0 ? TaskStatus.NEW : TaskStatus.COMPLETED)
                    .due(i % 3 == 0 ? LocalDate.of(2026, 3, i + 1) : null).assignedTo(i == 1 ? ANN : null).build();
            repository.create(list, task);
            here.add(task);
        }
        Task there = aTaskIn(other).build();
        Task own = aTask().withId(nextId()).build();
        repository.create(other, there);
        repository.create(ALICE, own);

        assertThat(repository.deleteAll(listIdOf(list), 3)).isFalse();
        assertThat(listAll(repository, list, TaskFilter.ALL, 10)).as("at most the budget is deleted, and some is")
                .hasSizeBetween(4, 6);
        int calls = 1;
        while (!repository.deleteAll(listIdOf(list), 3)) {
            calls++;
            assertThat(calls).as("every call makes progress").isLessThanOrEqualTo(7);
        }

        for (Task task : here) {
            assertThat(repository.locate(ALICE_OWNER, task.id())).isEmpty();
        }
        assertThat(repository.list(list, TaskFilter.ALL, 10, null).items()).isEmpty();
        assertThat(repository.list(list, TaskFilter.builder().order(TaskOrder.DUE_DATE).build(), 10, null)
                .items()).isEmpty();
        assertThat(repository.assignedTo(ANN, 10, null).items()).isEmpty();
        assertThat(repository.find(other, there.id())).contains(there);
        assertThat(repository.find(ALICE, own.id())).contains(own);
        assertThat(repository.deleteAll(listIdOf(list), 3)).isTrue();
        assertThat(repository.deleteAll(listIdOf(aList()), 3)).isTrue();
    }

    @Test
    void concurrentMovesAndReplacesOfOneVersionLetExactlyOneWin() throws Exception {
        TaskRepository repository = repository();
        TaskScope home = aList();
        Task task = aTaskIn(home).build();
        repository.create(home, task);
        List<TaskScope> lists = new ArrayList<>(List.of(home));
        List<Task> candidates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // Half the writers move the task to a list of their own, half change it where it is.
            TaskScope target = i % 2 == 0 ? aList() : home;
            if (target != home) {
                lists.add(target);
            }
            candidates.add(aTask().withId(task.id()).inList(listIdOf(target)).withText("writer " + i).withVersion(2)
                    .build());
        }

        List<Task> winners = race(candidates, candidate -> {
            try {
                repository.replace(home, candidate, 1);
                return true;
            } catch (VersionConflictException | TaskNotFoundException e) {
                // Once a mover has won, the task is no longer in the list the others name.
                return false;
            }
        });

        assertThat(winners).hasSize(1);
        Task winner = winners.get(0);
        assertThat(repository.locate(ALICE_OWNER, task.id())).contains(winner);
        for (TaskScope list : lists) {
            boolean holds = winner.listId().equals(Optional.of(listIdOf(list)));
            assertThat(repository.find(list, task.id()).isPresent()).as("found in " + list).isEqualTo(holds);
            assertThat(repository.list(list, TaskFilter.ALL, 10, null).items()).as("listed in " + list)
                    .isEqualTo(holds ? List.of(winner) : List.of());
        }
    }

    @Test
    void concurrentDeletesAndMovesOfOneVersionLetExactlyOneWin() throws Exception {
        TaskRepository repository = repository();
        TaskScope home = aList();
        TaskScope away = aList();
        Task task = aTaskIn(home).build();
        repository.create(home, task);
        // Movers write tasks of their own (a writer meeting an identical task may take it for its own retried write).
        List<Optional<Task>> candidates = List.of(
                Optional.of(aTask().withId(task.id()).inList(listIdOf(away)).withText("mover 1").withVersion(2).build()),
                Optional.empty(),
                Optional.of(aTask().withId(task.id()).inList(listIdOf(away)).withText("mover 2").withVersion(2).build()),
                Optional.empty());

        List<Optional<Task>> winners = race(candidates, move -> {
            try {
                if (move.isPresent()) {
                    repository.replace(home, move.get(), 1);
                } else {
                    repository.delete(home, task.id(), 1L);
                }
                return true;
            } catch (VersionConflictException | TaskNotFoundException e) {
                return false;
            }
        });

        assertThat(winners).hasSize(1);
        assertThat(repository.locate(ALICE_OWNER, task.id())).isEqualTo(winners.get(0));
        assertThat(repository.find(home, task.id())).isEmpty();
    }

    @Test
    void aTaskMovingBetweenListsIsAlwaysFoundInExactlyOneOfThem() throws Exception {
        TaskRepository repository = repository();
        TaskScope left = aList();
        TaskScope right = aList();
        Task task = aTaskIn(left).build();
        repository.create(left, task);
        int moves = 30;
        int readers = 3;
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean moving = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                work.add(pool.submit(() -> {
                    start.await();
                    do {
                        Task seen = repository.locate(ALICE_OWNER, task.id()).orElseThrow(
                                () -> new AssertionError("a moving task was not found"));
                        assertThat(seen.listId().orElseThrow()).isIn(listIdOf(left), listIdOf(right));
                        reads.incrementAndGet();
                    } while (moving.get());
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                start.await();
                try {
                    Task current = task;
                    for (int i = 0; i < moves; i++) {
                        TaskScope from = new TaskScope.InList(current.listId().orElseThrow());
                        TaskScope to = from.equals(left) ? right : left;
                        Task next = aTask().withId(task.id()).inList(listIdOf(to)).withVersion(current.version() + 1)
                                .build();
                        repository.replace(from, next, current.version());
                        current = next;
                    }
                } finally {
                    moving.set(false);
                }
                return null;
            }));
            start.countDown();
            for (Future<?> future : work) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(reads.get()).isGreaterThanOrEqualTo(readers);
        // An even number of moves brings it back where it started.
        assertThat(repository.find(left, task.id())).map(Task::version).contains(moves + 1L);
        assertThat(repository.find(right, task.id())).isEmpty();
    }

    /** Runs {@code attempt} for every candidate at once and returns the candidates whose attempt succeeded. */
    private static <T> List<T> race(List<T> candidates, java.util.function.Predicate<T> attempt) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(candidates.size());
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (T candidate : candidates) {
                results.add(pool.submit(() -> {
                    start.await();
                    return attempt.test(candidate);
                }));
            }
            start.countDown();
            List<T> winners = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                if (results.get(i).get(60, TimeUnit.SECONDS)) {
                    winners.add(candidates.get(i));
                }
            }
            return winners;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Task> listAll(TaskRepository repository, TaskScope owner, TaskFilter filter, int limit) {
        List<Task> seen = new ArrayList<>();
        Set<String> positions = new HashSet<>();
        String position = null;
        do {
            TaskSlice slice = repository.list(owner, filter, limit, position);
            seen.addAll(slice.items());
            position = slice.nextPosition();
            assertThat(position == null || positions.add(position)).as("positions never repeat").isTrue();
        } while (position != null);
        return seen;
    }
}
