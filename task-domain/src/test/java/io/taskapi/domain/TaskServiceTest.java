package io.taskapi.domain;

import static io.taskapi.domain.SequentialIdGenerator.id;
import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.memory.InMemoryTaskRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TaskServiceTest {
    private static final long T0 = 1_703_001_234L;
    private static final OwnerId ALICE = new OwnerId("alice");
    private static final OwnerId BOB = new OwnerId("bob");
    private static final FieldError INVALID_NEXT = new FieldError("next", "is not a valid page token for this query");

    private final InMemoryTaskRepository repository = new InMemoryTaskRepository();
    private final MutableClock clock = MutableClock.at(T0);
    private final TaskService service =
            new TaskService(repository, clock, new SequentialIdGenerator(), PageTokenSealer.withRandomSecret());

    private Task create(OwnerId owner, String text) {
        return service.create(owner, NewTask.of(text, null, null));
    }

    @Test
    void createStoresTheDetails() {
        Task task = service.create(ALICE, NewTask.of("x", null, null, "more", "2026-05-01", java.util.List.of("a")));

        assertThat(repository.find(ALICE, task.id())).contains(new Task(id(1), "x", TaskStatus.NEW, TaskPriority.MEDIUM,
                T0, T0, 1, "more", java.time.LocalDate.of(2026, 5, 1), java.util.List.of("a")));
    }

    @Test
    void createAssignsTheIdTimestampsAndFirstVersion() {
        clock.advance(Duration.ofMillis(999)); // timestamps are whole epoch seconds

        Task task = service.create(ALICE, NewTask.of("Write documentation", "in_progress", "high"));

        assertThat(task).isEqualTo(new Task(
                id(1), "Write documentation", TaskStatus.IN_PROGRESS, TaskPriority.HIGH, T0, T0, 1));
        assertThat(repository.find(ALICE, id(1))).contains(task);
    }

    @Test
    void createUsesANewIdForEveryTask() {
        assertThat(create(ALICE, "a").id()).isEqualTo(id(1));
        assertThat(create(ALICE, "b").id()).isEqualTo(id(2));
    }

    @Test
    void createRetriesWithAFreshIdWhenTheIdIsTaken() {
        Task existing = aTask().withId(id(1)).withText("existing").build();
        repository.create(ALICE, existing);

        Task created = create(ALICE, "new one");

        assertThat(created.id()).isEqualTo(id(2));
        assertThat(repository.find(ALICE, id(1))).contains(existing);
    }

    @Test
    void createGivesUpAfterThreeTakenIds() {
        repository.create(ALICE, aTask().withId(id(7)).withText("existing").build());
        AtomicInteger calls = new AtomicInteger();
        TaskService stuck = new TaskService(repository, clock, () -> {
            calls.incrementAndGet();
            return id(7);
        }, PageTokenSealer.withRandomSecret());

        assertThatThrownBy(() -> stuck.create(ALICE, NewTask.of("x", null, null)))
                .isInstanceOf(TaskAlreadyExistsException.class);
        assertThat(calls).hasValue(3);
        assertThat(repository.find(ALICE, id(7))).map(Task::text).contains("existing");
    }

    @Test
    void getReturnsTheStoredTask() {
        Task task = create(ALICE, "a");

        assertThat(service.get(ALICE, task.id())).isEqualTo(task);
    }

    @Test
    void getOfAMissingTaskIsNotFound() {
        assertThatThrownBy(() -> service.get(ALICE, id(42))).isInstanceOf(TaskNotFoundException.class)
                .hasMessage("Task not found");
    }

    @Test
    void getOfAnotherOwnersTaskIsNotFound() {
        Task task = create(ALICE, "a");

        assertThatThrownBy(() -> service.get(BOB, task.id())).isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void updateAppliesOnlyTheNamedFieldsAndBumpsTheTimeAndVersion() {
        Task original = service.create(ALICE, NewTask.of("Original", "new", "low"));
        clock.advance(Duration.ofSeconds(266));

        Task updated = service.update(ALICE, original.id(), TaskChanges.of(null, "in_progress", null), null);

        assertThat(updated).isEqualTo(new Task(
                original.id(), "Original", TaskStatus.IN_PROGRESS, TaskPriority.LOW, T0, T0 + 266, 2));
        assertThat(service.get(ALICE, original.id())).isEqualTo(updated);
    }

    @Test
    void updateWithTheCurrentVersionSucceeds() {
        Task original = create(ALICE, "a");

        Task updated = service.update(ALICE, original.id(), TaskChanges.of("b", null, null), 1L);

        assertThat(updated.text()).isEqualTo("b");
        assertThat(updated.version()).isEqualTo(2);
    }

    @Test
    void updateWithAStaleVersionConflictsAndChangesNothing() {
        Task original = create(ALICE, "a");
        Task current = service.update(ALICE, original.id(), TaskChanges.of("b", null, null), null);
        clock.advance(Duration.ofSeconds(10));

        assertThatThrownBy(() -> service.update(ALICE, original.id(), TaskChanges.of("c", null, null), 1L))
                .isInstanceOf(VersionConflictException.class)
                .hasMessage("Task was modified by another request");
        assertThat(service.get(ALICE, original.id())).isEqualTo(current);
    }

    @Test
    void updateOfAMissingTaskIsNotFoundAndCreatesNothing() {
        assertThatThrownBy(() -> service.update(ALICE, id(9), TaskChanges.of("x", null, null), null))
                .isInstanceOf(TaskNotFoundException.class);
        assertThat(repository.find(ALICE, id(9))).isEmpty();
    }

    @Test
    void updateOfAnotherOwnersTaskIsNotFoundAndChangesNothing() {
        Task task = create(ALICE, "a");

        assertThatThrownBy(() -> service.update(BOB, task.id(), TaskChanges.of("x", null, null), null))
                .isInstanceOf(TaskNotFoundException.class);
        assertThat(service.get(ALICE, task.id())).isEqualTo(task);
    }

    @Test
    void anUnconditionalUpdateThatLosesARaceIsAppliedToTheNewerVersion() {
        Task original = create(ALICE, "a");
        RacingRepository racing = new RacingRepository(repository, 1,
                () -> repository.replace(ALICE, aTask().withId(original.id()).withText("a")
                        .withStatus(TaskStatus.COMPLETED).createdAt(T0).withVersion(2).build(), 1));
        TaskService racy = new TaskService(racing, clock, new SequentialIdGenerator(), PageTokenSealer.withRandomSecret());

        Task updated = racy.update(ALICE, original.id(), TaskChanges.of(null, null, "urgent"), null);

        assertThat(updated.version()).isEqualTo(3);
        assertThat(updated.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(updated.priority()).isEqualTo(TaskPriority.URGENT);
        assertThat(repository.find(ALICE, original.id())).contains(updated);
    }

    @Test
    void aConditionalUpdateThatLosesARaceConflicts() {
        Task original = create(ALICE, "a");
        Task theirs = aTask().withId(original.id()).withText("theirs").createdAt(T0).withVersion(2).build();
        RacingRepository racing = new RacingRepository(repository, 1, () -> repository.replace(ALICE, theirs, 1));
        TaskService racy = new TaskService(racing, clock, new SequentialIdGenerator(), PageTokenSealer.withRandomSecret());

        assertThatThrownBy(() -> racy.update(ALICE, original.id(), TaskChanges.of("mine", null, null), 1L))
                .isInstanceOf(VersionConflictException.class);
        assertThat(repository.find(ALICE, original.id())).contains(theirs);
    }

    @Test
    void anUnconditionalUpdateGivesUpAfterFiveLostRaces() {
        Task original = create(ALICE, "a");
        AtomicInteger version = new AtomicInteger(1);
        RacingRepository racing = new RacingRepository(repository, Integer.MAX_VALUE, () -> {
            int current = version.getAndIncrement();
            repository.replace(ALICE, aTask().withId(original.id()).withText("race " + current).createdAt(T0)
                    .withVersion(current + 1).build(), current);
        });
        TaskService racy = new TaskService(racing, clock, new SequentialIdGenerator(), PageTokenSealer.withRandomSecret());

        assertThatThrownBy(() -> racy.update(ALICE, original.id(), TaskChanges.of("mine", null, null), null))
                .isInstanceOf(VersionConflictException.class);
        assertThat(racing.replaces).hasValue(5);
        assertThat(repository.find(ALICE, original.id()).map(Task::text)).isNotEqualTo(Optional.of("mine"));
    }

    @Test
    void deleteRemovesTheTask() {
        Task task = create(ALICE, "a");

        service.delete(ALICE, task.id(), null);

        assertThatThrownBy(() -> service.get(ALICE, task.id())).isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void deleteOfAMissingTaskIsNotFound() {
        assertThatThrownBy(() -> service.delete(ALICE, id(5), null)).isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void deleteWithAStaleVersionConflictsAndKeepsTheTask() {
        Task task = create(ALICE, "a");
        Task current = service.update(ALICE, task.id(), TaskChanges.of("b", null, null), null);

        assertThatThrownBy(() -> service.delete(ALICE, task.id(), 1L)).isInstanceOf(VersionConflictException.class);
        assertThat(service.get(ALICE, task.id())).isEqualTo(current);
    }

    @Test
    void deleteOfAnotherOwnersTaskIsNotFoundAndKeepsIt() {
        Task task = create(ALICE, "a");

        assertThatThrownBy(() -> service.delete(BOB, task.id(), null)).isInstanceOf(TaskNotFoundException.class);
        assertThat(service.get(ALICE, task.id())).isEqualTo(task);
    }

    @Test
    void listOfAnOwnerWithoutTasksIsOneEmptyPage() {
        TaskPage page = service.list(ALICE, TaskListQuery.firstPage());

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void listPaginatesNewestFirstWithSealedTokens() {
        List<Task> newestFirst = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            newestFirst.add(0, create(ALICE, "task " + i));
        }
        create(BOB, "not alice's");

        TaskPage first = service.list(ALICE, new TaskListQuery(3, TaskFilter.ALL, null));
        TaskPage second = service.list(ALICE, new TaskListQuery(3, TaskFilter.ALL, first.nextToken()));
        TaskPage third = service.list(ALICE, new TaskListQuery(3, TaskFilter.ALL, second.nextToken()));

        assertThat(first.items()).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(second.items()).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(third.items()).containsExactlyElementsOf(newestFirst.subList(6, 7));
        assertThat(first.nextToken()).isNotNull().doesNotContain(first.items().get(2).id());
        assertThat(second.nextToken()).isNotNull().isNotEqualTo(first.nextToken());
        assertThat(third.next()).isEmpty();
    }

    @Test
    void aPageThatEndsTheListingHasNoToken() {
        for (int i = 0; i < 4; i++) {
            create(ALICE, "t" + i);
        }

        TaskPage first = service.list(ALICE, new TaskListQuery(2, TaskFilter.ALL, null));
        TaskPage second = service.list(ALICE, new TaskListQuery(2, TaskFilter.ALL, first.nextToken()));

        assertThat(second.items()).hasSize(2);
        assertThat(second.next()).isEmpty();
    }

    @Test
    void listPaginatesAFilteredListing() {
        for (int i = 0; i < 6; i++) {
            service.create(ALICE, NewTask.of("t" + i, i % 2 == 0 ? "completed" : "new", null));
        }
        TaskFilter completed = new TaskFilter(TaskStatus.COMPLETED, null);

        TaskPage first = service.list(ALICE, new TaskListQuery(2, completed, null));
        TaskPage second = service.list(ALICE, new TaskListQuery(2, completed, first.nextToken()));

        assertThat(first.items()).extracting(Task::text).containsExactly("t4", "t2");
        assertThat(second.items()).extracting(Task::text).containsExactly("t0");
        assertThat(second.next()).isEmpty();
    }

    @Test
    void anEmptyTokenMeansTheFirstPage() {
        create(ALICE, "a");

        assertThat(service.list(ALICE, new TaskListQuery(10, TaskFilter.ALL, "")).items()).hasSize(1);
    }

    @Test
    void aTokenFromAnotherOwnerIsInvalid() {
        for (int i = 0; i < 3; i++) {
            create(ALICE, "a" + i);
            create(BOB, "b" + i);
        }
        String alicesToken = service.list(ALICE, new TaskListQuery(1, TaskFilter.ALL, null)).nextToken();

        assertThat(ValidationErrors.of(() -> service.list(BOB, new TaskListQuery(1, TaskFilter.ALL, alicesToken))))
                .containsExactly(INVALID_NEXT);
    }

    @Test
    void aTokenFromAnotherFilterIsInvalid() {
        for (int i = 0; i < 3; i++) {
            create(ALICE, "a" + i);
        }
        String unfiltered = service.list(ALICE, new TaskListQuery(1, TaskFilter.ALL, null)).nextToken();
        TaskListQuery filtered = new TaskListQuery(1, new TaskFilter(TaskStatus.NEW, null), unfiltered);

        assertThat(ValidationErrors.of(() -> service.list(ALICE, filtered))).containsExactly(INVALID_NEXT);
    }

    @Test
    void aTokenFromAnotherServiceInstanceIsInvalid() {
        for (int i = 0; i < 3; i++) {
            create(ALICE, "a" + i);
        }
        String token = service.list(ALICE, new TaskListQuery(1, TaskFilter.ALL, null)).nextToken();
        TaskService restarted =
                new TaskService(repository, clock, new SequentialIdGenerator(), PageTokenSealer.withRandomSecret());

        assertThat(ValidationErrors.of(() -> restarted.list(ALICE, new TaskListQuery(1, TaskFilter.ALL, token))))
                .containsExactly(INVALID_NEXT);
    }

    @Test
    void aGarbageTokenIsInvalid() {
        assertThat(ValidationErrors.of(() -> service.list(ALICE, new TaskListQuery(1, TaskFilter.ALL, "garbage"))))
                .containsExactly(INVALID_NEXT);
    }

    @Test
    void aSealedPositionTheRepositoryCannotUseIsInvalid() {
        PageTokenSealer sealer = PageTokenSealer.withRandomSecret();
        TaskRepository picky = new ForwardingTaskRepository(repository) {
            @Override
            public TaskSlice list(OwnerId owner, TaskFilter filter, int limit, String afterPosition) {
                throw new IllegalArgumentException("not a position of mine: " + afterPosition);
            }
        };
        TaskService withPicky = new TaskService(picky, clock, new SequentialIdGenerator(), sealer);
        String foreign = sealer.seal(ALICE, TaskFilter.ALL, "position-of-another-store");

        assertThat(ValidationErrors.of(() -> withPicky.list(ALICE, new TaskListQuery(1, TaskFilter.ALL, foreign))))
                .containsExactly(INVALID_NEXT);
    }

    @Test
    void aRepositoryFailureOnTheFirstPageIsNotBlamedOnAPageToken() {
        TaskRepository broken = new ForwardingTaskRepository(repository) {
            @Override
            public TaskSlice list(OwnerId owner, TaskFilter filter, int limit, String afterPosition) {
                throw new IllegalArgumentException("bug in the store adapter");
            }
        };
        TaskService withBroken =
                new TaskService(broken, clock, new SequentialIdGenerator(), PageTokenSealer.withRandomSecret());

        assertThatThrownBy(() -> withBroken.list(ALICE, TaskListQuery.firstPage()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bug in the store adapter");
    }

    @Test
    void aStoreOutageReachesTheCaller() {
        StoreUnavailableException outage = new StoreUnavailableException(new RuntimeException("throttled"));
        TaskRepository down = new ForwardingTaskRepository(repository) {
            @Override
            public Optional<Task> find(OwnerId owner, String id) {
                throw outage;
            }
        };
        TaskService withDown =
                new TaskService(down, clock, new SequentialIdGenerator(), PageTokenSealer.withRandomSecret());

        assertThatThrownBy(() -> withDown.get(ALICE, id(1))).isSameAs(outage);
    }

    @Test
    void refusesMissingCollaborators() {
        PageTokenSealer sealer = PageTokenSealer.withRandomSecret();
        SequentialIdGenerator ids = new SequentialIdGenerator();
        assertThatThrownBy(() -> new TaskService(null, clock, ids, sealer)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TaskService(repository, null, ids, sealer))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TaskService(repository, clock, null, sealer))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TaskService(repository, clock, ids, null))
                .isInstanceOf(NullPointerException.class);
    }

    /** Lets a rival writer in just before each of the first {@code races} replaces, as a concurrent request would. */
    private static final class RacingRepository extends ForwardingTaskRepository {
        private final int races;
        private final Runnable rival;
        final AtomicInteger replaces = new AtomicInteger();

        RacingRepository(TaskRepository delegate, int races, Runnable rival) {
            super(delegate);
            this.races = races;
            this.rival = rival;
        }

        @Override
        public void replace(OwnerId owner, Task task, long expectedVersion) {
            if (replaces.incrementAndGet() <= races) {
                rival.run();
            }
            super.replace(owner, task, expectedVersion);
        }
    }
}
