package io.taskapi.domain;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TaskRepository} must have. Each implementation's test extends this class and supplies a
 * fresh, empty repository.
 */
public abstract class TaskRepositoryContract {
    private static final OwnerId ALICE = new OwnerId("alice");
    private static final OwnerId BOB = new OwnerId("bob");

    // Ids from the production generator on a clock that steps forward, so they sort by creation as in production.
    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

    /** A new, empty repository for one test. */
    protected abstract TaskRepository repository();

    private String nextId() {
        Instant at = Instant.ofEpochMilli(millis.addAndGet(7));
        return new UuidV7Generator(Clock.fixed(at, ZoneOffset.UTC)).newId();
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
                .due(java.time.LocalDate.of(2026, 2, 28)).withTags("b", "a", "c.d_e-f").build();
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
        TaskRepository repository = repository();
        List<Task> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Task task = aTask().withId(nextId()).withText("task " + i).build();
            repository.create(ALICE, task);
            created.add(0, task);
        }

        List<Task> seen = new ArrayList<>();
        String position = null;
        int pages = 0;
        do {
            TaskSlice slice = repository.list(ALICE, TaskFilter.ALL, 3, position);
            assertThat(slice.items()).hasSizeLessThanOrEqualTo(3);
            seen.addAll(slice.items());
            position = slice.nextPosition();
            pages++;
        } while (position != null);

        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aFullLastPageHasNoNextPosition() {
        TaskRepository repository = repository();
        for (int i = 0; i < 4; i++) {
            repository.create(ALICE, aTask().withId(nextId()).build());
        }

        TaskSlice first = repository.list(ALICE, TaskFilter.ALL, 2, null);
        TaskSlice second = repository.list(ALICE, TaskFilter.ALL, 2, first.nextPosition());

        assertThat(first.nextPosition()).isNotNull();
        assertThat(second.items()).hasSize(2);
        assertThat(second.nextPosition()).isNull();
    }

    @Test
    void listingAnOwnerWithoutTasksIsEmpty() {
        TaskSlice slice = repository().list(ALICE, TaskFilter.ALL, 25, null);

        assertThat(slice.items()).isEmpty();
        assertThat(slice.nextPosition()).isNull();
    }

    @Test
    void filtersByStatusByPriorityAndByBoth() {
        TaskRepository repository = repository();
        List<Task> all = new ArrayList<>();
        for (TaskStatus status : TaskStatus.values()) {
            for (TaskPriority priority : TaskPriority.values()) {
                Task task = aTask().withId(nextId()).withStatus(status).withPriority(priority).build();
                repository.create(ALICE, task);
                all.add(0, task);
            }
        }
        repository.create(BOB, aTask().withId(nextId()).withStatus(TaskStatus.COMPLETED).build());

        for (TaskFilter filter : List.of(
                new TaskFilter(TaskStatus.COMPLETED, null, null, null, null, TaskOrder.CREATED_AT),
                new TaskFilter(null, TaskPriority.URGENT, null, null, null, TaskOrder.CREATED_AT),
                new TaskFilter(TaskStatus.IN_PROGRESS, TaskPriority.LOW, null, null, null, TaskOrder.CREATED_AT))) {
            List<Task> expected = all.stream().filter(filter::matches).toList();
            assertThat(listAll(repository, ALICE, filter, 2)).as(filter.toString()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void filtersByTagAndDueDateInEitherOrderWithTheSameResultsAsInMemory() {
        TaskRepository repository = repository();
        List<Task> newestFirst = new ArrayList<>();
        String[] tagSets = {"work", "home", "work urgent", "", "urgent"};
        for (int i = 0; i < 30; i++) {
            String tags = tagSets[i % tagSets.length];
            TaskBuilder builder = aTask().withId(nextId()).withStatus(i % 3 == 0 ? TaskStatus.COMPLETED : TaskStatus.NEW)
                    .withPriority(i % 2 == 0 ? TaskPriority.HIGH : TaskPriority.LOW)
                    .withTags(tags.isEmpty() ? new String[0] : tags.split(" "));
            if (i % 4 != 3) {
                // Several tasks share a day, so ties are ordered by creation.
                builder.due(java.time.LocalDate.of(2026, 1, 1).plusDays((i * 7L) % 10));
            }
            Task task = builder.build();
            repository.create(ALICE, task);
            newestFirst.add(0, task);
        }
        repository.create(BOB, aTask().withId(nextId()).withTags("work").due(java.time.LocalDate.of(2026, 1, 2))
                .build());
        java.time.LocalDate jan3 = java.time.LocalDate.of(2026, 1, 3);
        java.time.LocalDate jan8 = java.time.LocalDate.of(2026, 1, 8);
        java.util.Comparator<Task> byDue = java.util.Comparator.comparing(Task::dueDate).thenComparing(Task::id);

        for (TaskFilter filter : List.of(
                new TaskFilter(null, null, "work", null, null, TaskOrder.CREATED_AT),
                new TaskFilter(TaskStatus.NEW, TaskPriority.HIGH, "urgent", null, null, TaskOrder.CREATED_AT),
                new TaskFilter(null, null, null, null, null, TaskOrder.DUE_DATE),
                new TaskFilter(null, null, null, jan8, jan3, TaskOrder.DUE_DATE),
                new TaskFilter(null, null, null, jan8, null, TaskOrder.DUE_DATE),
                new TaskFilter(null, null, null, null, jan3, TaskOrder.DUE_DATE),
                new TaskFilter(TaskStatus.NEW, null, "work", null, jan3, TaskOrder.DUE_DATE),
                new TaskFilter(TaskStatus.COMPLETED, null, null, jan8, null, TaskOrder.DUE_DATE))) {
            List<Task> expected = newestFirst.stream().filter(filter::matches)
                    .sorted(filter.order() == TaskOrder.DUE_DATE ? byDue : (a, b) -> 0).toList();
            assertThat(expected).as(filter.toString()).isNotEmpty();
            for (int limit : new int[] {1, 3, 100}) {
                assertThat(listAll(repository, ALICE, filter, limit)).as(filter + " limit " + limit)
                        .containsExactlyElementsOf(expected);
            }
        }
        TaskFilter noDayBetween = new TaskFilter(null, null, null, jan3, jan3.minusDays(1), TaskOrder.DUE_DATE);
        assertThat(repository.list(ALICE, noDayBetween, 10, null).items()).isEmpty();
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

    private static List<Task> listAll(TaskRepository repository, OwnerId owner, TaskFilter filter, int limit) {
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
