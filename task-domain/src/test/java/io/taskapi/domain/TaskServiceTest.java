package io.taskapi.domain;

import static io.taskapi.domain.SequentialIdGenerator.id;
import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.memory.InMemoryTaskRepository;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The use cases: create, get, update, delete and list, with versions, races, page tokens and store failures. */
class TaskServiceTest {
    private static final long T0 = 1_703_001_234L;
    private static final OwnerId ALICE = new OwnerId("alice");
    private static final OwnerId BOB = new OwnerId("bob");
    private static final FieldError INVALID_TOKEN =
            new FieldError(ListingField.PAGE_TOKEN, "is not a valid page token for this query");

    private final InMemoryTaskRepository repository = new InMemoryTaskRepository();
    private final MutableClock clock = MutableClock.at(T0);
    private final TaskService service =
            new TaskService(repository, clock, new SequentialIdGenerator(), PageTokenSealer.withRandomSecret());

    private static TaskScope own(OwnerId owner) {
        return new TaskScope.Personal(owner);
    }

    private Task create(OwnerId owner, String text) {
        return service.create(owner, NewTask.builder(text).build());
    }

    @Test
    void createStoresTheDetails() {
        Task task = service.create(ALICE, NewTask.builder(" x ").description(" more ").dueDate(LocalDate.of(2026, 5, 1))
                .tags(List.of("a", "b", "a")).build());

        assertThat(task).isEqualTo(new Task(id(1), "x", TaskStatus.NEW, TaskPriority.MEDIUM, T0, T0, 1,
                Optional.of("more"),
                Optional.of(LocalDate.of(2026, 5, 1)), List.of("a", "b")));
        assertThat(repository.find(own(ALICE), task.id())).contains(task);
    }

    @Test
    void createAssignsTheIdTimestampsAndFirstVersion() {
        clock.advance(Duration.ofMillis(999)); // timestamps are whole epoch seconds

        Task task = service.create(ALICE, NewTask.builder("Write documentation").status(TaskStatus.IN_PROGRESS)
                .priority(TaskPriority.HIGH).build());

        assertThat(task).isEqualTo(new Task(id(1), "Write documentation", TaskStatus.IN_PROGRESS, TaskPriority.HIGH,
                T0, T0, 1, Optional.empty(), Optional.empty(), List.of()));
        assertThat(repository.find(own(ALICE), id(1))).contains(task);
    }

    @Test
    void createUsesANewIdForEveryTask() {
        assertThat(create(ALICE, "a").id()).isEqualTo(id(1));
        assertThat(create(ALICE, "b").id()).isEqualTo(id(2));
    }

    @Test
    void createRetriesWithAFreshIdWhenTheIdIsTaken() {
        Task existing = aTask().withId(id(1)).withText("existing").build();
        repository.create(own(ALICE), existing);

        Task created = create(ALICE, "new one");

        assertThat(created.id()).isEqualTo(id(2));
        assertThat(repository.find(own(ALICE), id(1))).contains(existing);
    }

    @Test
    void createGivesUpAfterThreeTakenIds() {
        repository.create(own(ALICE), aTask().withId(id(7)).withText("existing").build());
        AtomicInteger calls = new AtomicInteger();
        TaskService stuck = new TaskService(repository, clock, () -> {
            calls.incrementAndGet();
            return id(7);
        }, PageTokenSealer.withRandomSecret());

        assertThatThrownBy(() -> stuck.create(ALICE, NewTask.builder("x").build()))
                .isInstanceOf(TaskAlreadyExistsException.class);
        assertThat(calls).hasValue(3);
        assertThat(repository.find(own(ALICE), id(7))).map(Task::text).contains("existing");
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
        Task original = service.create(ALICE, NewTask.builder("Original").status(TaskStatus.NEW)
                .priority(TaskPriority.LOW).description("kept").tags(List.of("kept")).build());
        clock.advance(Duration.ofSeconds(266));

        Task updated = service.update(ALICE, original.id(),
                TaskChanges.builder().status(TaskStatus.IN_PROGRESS).build());

        assertThat(updated).isEqualTo(new Task(original.id(), "Original", TaskStatus.IN_PROGRESS, TaskPriority.LOW, T0,
                T0 + 266, 2, Optional.of("kept"), Optional.empty(), List.of("kept")));
        assertThat(service.get(ALICE, original.id())).isEqualTo(updated);
    }

    @Test
    void updateRemovesOnlyTheNamedDetails() {
        Task original = service.create(ALICE, NewTask.builder("a").description("d").dueDate(LocalDate.of(2026, 1, 1))
                .tags(List.of("t")).build());

        Task updated = service.update(ALICE, original.id(),
                TaskChanges.builder().remove(TaskField.DESCRIPTION).remove(TaskField.TAGS).build(), 1L);

        assertThat(updated.description()).isEmpty();
        assertThat(updated.tags()).isEmpty();
        assertThat(updated.dueDate()).contains(LocalDate.of(2026, 1, 1));
        assertThat(service.get(ALICE, original.id())).isEqualTo(updated);
    }

    @Test
    void updateWithTheCurrentVersionSucceeds() {
        Task original = create(ALICE, "a");

        Task updated = service.update(ALICE, original.id(), TaskChanges.builder().text("b").build(), 1L);

        assertThat(updated.text()).isEqualTo("b");
        assertThat(updated.version()).isEqualTo(2);
    }

    @Test
    void updateWithAStaleVersionConflictsAndChangesNothing() {
        Task original = create(ALICE, "a");
        Task current = service.update(ALICE, original.id(), TaskChanges.builder().text("b").build());
        clock.advance(Duration.ofSeconds(10));

        assertThatThrownBy(() -> service.update(ALICE, original.id(), TaskChanges.builder().text("c").build(), 1L))
                .isInstanceOf(VersionConflictException.class)
                .hasMessage("Task was modified by another request");
        assertThat(service.get(ALICE, original.id())).isEqualTo(current);
    }

    @Test
    void updateOfAMissingTaskIsNotFoundAndCreatesNothing() {
        assertThatThrownBy(() -> service.update(ALICE, id(9), TaskChanges.builder().text("x").build()))
                .isInstanceOf(TaskNotFoundException.class);
        assertThat(repository.find(own(ALICE), id(9))).isEmpty();
    }

    @Test
    void updateOfAnotherOwnersTaskIsNotFoundAndChangesNothing() {
        Task task = create(ALICE, "a");

        assertThatThrownBy(() -> service.update(BOB, task.id(), TaskChanges.builder().text("x").build()))
                .isInstanceOf(TaskNotFoundException.class);
        assertThat(service.get(ALICE, task.id())).isEqualTo(task);
    }

    @Test
    void anUnconditionalUpdateThatLosesARaceIsAppliedToTheNewerVersion() {
        Task original = create(ALICE, "a");
        RacingRepository racing = new RacingRepository(repository, 1,
                () -> repository.replace(own(ALICE), aTask().withId(original.id()).withText("a")
                        .withStatus(TaskStatus.COMPLETED).createdAt(T0).withVersion(2).build(), 1));
        TaskService racy = new TaskService(racing, clock, new SequentialIdGenerator(),
                PageTokenSealer.withRandomSecret());

        Task updated =
                racy.update(ALICE, original.id(), TaskChanges.builder().priority(TaskPriority.URGENT).build());

        assertThat(updated.version()).isEqualTo(3);
        assertThat(updated.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(updated.priority()).isEqualTo(TaskPriority.URGENT);
        assertThat(repository.find(own(ALICE), original.id())).contains(updated);
    }

    @Test
    void aConditionalUpdateThatLosesARaceConflicts() {
        Task original = create(ALICE, "a");
        Task theirs = aTask().withId(original.id()).withText("theirs").createdAt(T0).withVersion(2).build();
        RacingRepository racing = new RacingRepository(repository, 1, () -> repository.replace(own(ALICE), theirs, 1));
        TaskService racy = new TaskService(racing, clock, new SequentialIdGenerator(),
                PageTokenSealer.withRandomSecret());

        assertThatThrownBy(() -> racy.update(ALICE, original.id(), TaskChanges.builder().text("mine").build(), 1L))
                .isInstanceOf(VersionConflictException.class);
        assertThat(repository.find(own(ALICE), original.id())).contains(theirs);
    }

    @Test
    void anUnconditionalUpdateGivesUpAfterFiveLostRaces() {
        Task original = create(ALICE, "a");
        AtomicInteger version = new AtomicInteger(1);
        RacingRepository racing = new RacingRepository(repository, Integer.MAX_VALUE, () -> {
            int current = version.getAndIncrement();
            repository.replace(own(ALICE), aTask().withId(original.id()).withText("race " + current).createdAt(T0)
                    .withVersion(current + 1).build(), current);
        });
        TaskService racy = new TaskService(racing, clock, new SequentialIdGenerator(),
                PageTokenSealer.withRandomSecret());

        assertThatThrownBy(() -> racy.update(ALICE, original.id(), TaskChanges.builder().text("mine").build()))
                .isInstanceOf(VersionConflictException.class);
        assertThat(racing.replaces).hasValue(5);
        assertThat(repository.find(own(ALICE), original.id()).map(Task::text)).isNotEqualTo(Optional.of("mine"));
    }

    @Test
    void deleteRemovesTheTask() {
        Task task = create(ALICE, "a");

        service.delete(ALICE, task.id());

        assertThatThrownBy(() -> service.get(ALICE, task.id())).isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void deleteOfAMissingTaskIsNotFound() {
        assertThatThrownBy(() -> service.delete(ALICE, id(5))).isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void deleteWithAStaleVersionConflictsAndKeepsTheTask() {
        Task task = create(ALICE, "a");
        Task current = service.update(ALICE, task.id(), TaskChanges.builder().text("b").build());

        assertThatThrownBy(() -> service.delete(ALICE, task.id(), 1L)).isInstanceOf(VersionConflictException.class);
        assertThat(service.get(ALICE, task.id())).isEqualTo(current);
    }

    @Test
    void deleteOfAnotherOwnersTaskIsNotFoundAndKeepsIt() {
        Task task = create(ALICE, "a");

        assertThatThrownBy(() -> service.delete(BOB, task.id())).isInstanceOf(TaskNotFoundException.class);
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

        TaskPage first = service.list(ALICE, TaskListQuery.firstPage().withLimit(3));
        TaskPage second = service.list(ALICE, TaskListQuery.firstPage().withLimit(3).after(first.next().orElseThrow()));
        TaskPage third = service.list(ALICE, TaskListQuery.firstPage().withLimit(3).after(second.next().orElseThrow()));

        assertThat(first.items()).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(second.items()).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(third.items()).containsExactlyElementsOf(newestFirst.subList(6, 7));
        assertThat(first.next().orElseThrow()).isNotNull().doesNotContain(first.items().get(2).id());
        assertThat(second.next().orElseThrow()).isNotNull().isNotEqualTo(first.next().orElseThrow());
        assertThat(third.next()).isEmpty();
    }

    @Test
    void aPageThatEndsTheListingHasNoToken() {
        for (int i = 0; i < 4; i++) {
            create(ALICE, "t" + i);
        }

        TaskPage first = service.list(ALICE, TaskListQuery.firstPage().withLimit(2));
        TaskPage second = service.list(ALICE, TaskListQuery.firstPage().withLimit(2).after(first.next().orElseThrow()));

        assertThat(second.items()).hasSize(2);
        assertThat(second.next()).isEmpty();
    }

    @Test
    void listPaginatesAFilteredListing() {
        for (int i = 0; i < 6; i++) {
            service.create(ALICE, NewTask.builder("t" + i).status(i % 2 == 0 ? TaskStatus.COMPLETED : TaskStatus.NEW)
                    .build());
        }
        TaskFilter completed = TaskFilter.builder().status(TaskStatus.COMPLETED).build();

        TaskPage first = service.list(ALICE, TaskListQuery.firstPage().withLimit(2).withFilter(completed));
        TaskPage second = service.list(ALICE, TaskListQuery.firstPage().withLimit(2).withFilter(completed).after(first.next().orElseThrow()));

        assertThat(first.items()).extracting(Task::text).containsExactly("t4", "t2");
        assertThat(second.items()).extracting(Task::text).containsExactly("t0");
        assertThat(second.next()).isEmpty();
    }

    @Test
    void listPaginatesByDueDateEarliestFirstListingOnlyTasksThatHaveOne() {
        service.create(ALICE, NewTask.builder("no due date").build());
        service.create(ALICE, NewTask.builder("jan 9").dueDate(LocalDate.of(2026, 1, 9)).build());
        service.create(ALICE, NewTask.builder("jan 2").dueDate(LocalDate.of(2026, 1, 2)).build());
        service.create(ALICE, NewTask.builder("jan 5 first").dueDate(LocalDate.of(2026, 1, 5)).build());
        service.create(ALICE, NewTask.builder("jan 5 second").dueDate(LocalDate.of(2026, 1, 5)).build());
        TaskFilter byDue = TaskFilter.builder().order(TaskOrder.DUE_DATE).build();

        TaskPage first = service.list(ALICE, TaskListQuery.firstPage().withLimit(2).withFilter(byDue));
        TaskPage second = service.list(ALICE, TaskListQuery.firstPage().withLimit(2).withFilter(byDue).after(first.next().orElseThrow()));

        assertThat(first.items()).extracting(Task::text).containsExactly("jan 2", "jan 5 first");
        assertThat(second.items()).extracting(Task::text).containsExactly("jan 5 second", "jan 9");
        assertThat(second.next()).isEmpty();
    }

    @Test
    void listPaginatesByTagAndDueDateBounds() {
        for (int day = 1; day <= 9; day++) {
            service.create(ALICE, NewTask.builder("day " + day).dueDate(LocalDate.of(2026, 1, day))
                    .tags(day % 2 == 0 ? List.of("even") : List.of("odd")).build());
        }
        TaskFilter evenBetween = TaskFilter.builder().tag("even").dueBefore(LocalDate.of(2026, 1, 9)).dueAfter(LocalDate.of(2026, 1, 2)).order(TaskOrder.DUE_DATE).build();

        TaskPage first = service.list(ALICE, TaskListQuery.firstPage().withLimit(1).withFilter(evenBetween));
        TaskPage second = service.list(ALICE, TaskListQuery.firstPage().withLimit(2).withFilter(evenBetween).after(first.next().orElseThrow()));

        assertThat(first.items()).extracting(Task::text).containsExactly("day 4");
        assertThat(second.items()).extracting(Task::text).containsExactly("day 6", "day 8");
        assertThat(second.next()).isEmpty();
    }

    @Test
    void aTokenFromAListingWithAnotherTagIsInvalid() {
        for (int i = 0; i < 3; i++) {
            service.create(ALICE, NewTask.builder("t" + i).tags(List.of("work", "home")).build());
        }
        TaskFilter work = TaskFilter.builder().tag("work").build();
        TaskFilter home = TaskFilter.builder().tag("home").build();
        String workToken = service.list(ALICE, TaskListQuery.firstPage().withLimit(1).withFilter(work)).next().orElseThrow();

        assertThat(ValidationErrors.of(() -> service.list(ALICE, TaskListQuery.firstPage().withLimit(1).withFilter(home).after(workToken))))
                .containsExactly(INVALID_TOKEN);
        assertThat(service.list(ALICE, TaskListQuery.firstPage().withLimit(1).withFilter(work).after(workToken)).items()).hasSize(1);
    }

    @Test
    void anEmptyDueDateRangeListsNothing() {
        service.create(ALICE, NewTask.builder("due").dueDate(LocalDate.of(2026, 1, 5)).build());
        TaskFilter noDayBetween = TaskFilter.builder().dueBefore(LocalDate.of(2026, 1, 6)).dueAfter(LocalDate.of(2026, 1, 5)).order(TaskOrder.DUE_DATE).build();

        TaskPage page = service.list(ALICE, TaskListQuery.firstPage().withLimit(10).withFilter(noDayBetween));

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void anEmptyTokenMeansTheFirstPage() {
        create(ALICE, "a");

        assertThat(service.list(ALICE, TaskListQuery.firstPage().withLimit(10).after("")).items()).hasSize(1);
    }

    @Test
    void aTokenFromAnotherOwnerIsInvalid() {
        for (int i = 0; i < 3; i++) {
            create(ALICE, "a" + i);
            create(BOB, "b" + i);
        }
        String alicesToken = service.list(ALICE, TaskListQuery.firstPage().withLimit(1)).next().orElseThrow();

        assertThat(ValidationErrors.of(() -> service.list(BOB, TaskListQuery.firstPage().withLimit(1).after(alicesToken))))
                .containsExactly(INVALID_TOKEN);
    }

    @Test
    void aTokenFromAnotherFilterIsInvalid() {
        for (int i = 0; i < 3; i++) {
            create(ALICE, "a" + i);
        }
        String unfiltered = service.list(ALICE, TaskListQuery.firstPage().withLimit(1)).next().orElseThrow();
        TaskListQuery filtered = TaskListQuery.firstPage().withLimit(1).withFilter(TaskFilter.builder().status(TaskStatus.NEW).build()).after(unfiltered);

        assertThat(ValidationErrors.of(() -> service.list(ALICE, filtered))).containsExactly(INVALID_TOKEN);
    }

    @Test
    void aTokenFromAnotherServiceInstanceIsInvalid() {
        for (int i = 0; i < 3; i++) {
            create(ALICE, "a" + i);
        }
        String token = service.list(ALICE, TaskListQuery.firstPage().withLimit(1)).next().orElseThrow();
        TaskService restarted =
                new TaskService(repository, clock, new SequentialIdGenerator(), PageTokenSealer.withRandomSecret());

        assertThat(ValidationErrors.of(() -> restarted.list(ALICE, TaskListQuery.firstPage().withLimit(1).after(token))))
                .containsExactly(INVALID_TOKEN);
    }

    @Test
    void aGarbageTokenIsInvalid() {
        assertThat(ValidationErrors.of(() -> service.list(ALICE, TaskListQuery.firstPage().withLimit(1).after("garbage"))))
                .containsExactly(INVALID_TOKEN);
    }

    @Test
    void aSealedPositionTheRepositoryCannotUseIsInvalid() {
        PageTokenSealer sealer = PageTokenSealer.withRandomSecret();
        TaskRepository picky = new ForwardingTaskRepository(repository) {
            @Override
            public TaskSlice list(TaskScope scope, TaskFilter filter, int limit, String afterPosition) {
                throw new IllegalArgumentException("not a position of mine: " + afterPosition);
            }
        };
        TaskService withPicky = new TaskService(picky, clock, new SequentialIdGenerator(), sealer);
        String foreign = sealer.seal(ALICE, TaskFilter.ALL, "position-of-another-store");

        assertThat(ValidationErrors.of(() -> withPicky.list(ALICE, TaskListQuery.firstPage().withLimit(1).after(foreign))))
                .containsExactly(INVALID_TOKEN);
    }

    @Test
    void aRepositoryFailureOnTheFirstPageIsNotBlamedOnAPageToken() {
        TaskRepository broken = new ForwardingTaskRepository(repository) {
            @Override
            public TaskSlice list(TaskScope scope, TaskFilter filter, int limit, String afterPosition) {
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
        StoreUnavailableException outage = new StoreUnavailableException("throttled", new RuntimeException("429"));
        TaskRepository down = new ForwardingTaskRepository(repository) {
            @Override
            public Optional<Task> find(TaskScope scope, String id) {
                throw outage;
            }
        };
        TaskService withDown =
                new TaskService(down, clock, new SequentialIdGenerator(), PageTokenSealer.withRandomSecret());

        assertThatThrownBy(() -> withDown.get(ALICE, id(1))).isSameAs(outage);
        assertThat(outage.reason()).isEqualTo("throttled");
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
        public void replace(TaskScope scope, Task task, long expectedVersion, Activity change) {
            if (replaces.incrementAndGet() <= races) {
                rival.run();
            }
            super.replace(scope, task, expectedVersion, change);
        }
    }
}
