package io.taskapi.domain;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TaskRepository} must have for a task's comments and activity: each change is written with
 * its entry, numbered without gaps, and a task's history goes with it. Each implementation's test extends this class
 * and supplies a fresh, empty repository.
 */
public abstract class TaskHistoryContract {
    private static final TaskScope ALICE = new TaskScope.Personal(new OwnerId("alice"));
    private static final TaskScope BOB = new TaskScope.Personal(new OwnerId("bob"));
    private static final UserId ANN = new UserId("ann");
    private static final UserId BEN = new UserId("ben");
    private static final long T0 = 1_703_001_234L;

    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

    /** A new, empty repository for one test. */
    protected abstract TaskRepository repository();

    private String nextId() {
        Instant at = Instant.ofEpochMilli(millis.addAndGet(7));
        return new UuidV7Generator(Clock.fixed(at, ZoneOffset.UTC)).newId();
    }

    private TaskScope aList() {
        return new TaskScope.InList(nextId());
    }

    private Task created(TaskRepository repository, TaskScope scope) {
        TaskBuilder builder = aTask().withId(nextId()).withText("plan").withTags("q3").due(LocalDate.of(2026, 9, 1));
        Task task = scope instanceof TaskScope.InList list ? builder.inList(list.listId()).build() : builder.build();
        repository.create(scope, task, Activity.created(task, ANN));
        return task;
    }

    private Comment comment(Task task, UserId author, String text) {
        return new Comment(nextId(), task.id(), author, text, T0 + 60);
    }

    private static List<ActivityEntry> all(TaskRepository repository, TaskScope scope, String taskId) {
        return repository.activity(scope, taskId, 100, null).items();
    }

    private static Task edited(Task task, String text, long version) {
        return new Task(task.id(), text, task.status(), task.priority(), task.createdAt(), T0 + version, version,
                task.description(), task.dueDate(), task.tags(), task.listId(), task.assignee());
    }

    @Test
    void aCreatedTaskHasItsCreationAsEntryOne() {
        TaskRepository repository = repository();
        Task task = created(repository, ALICE);

        assertThat(all(repository, ALICE, task.id())).containsExactly(new ActivityEntry(1, Activity.created(task,
                ANN)));
        assertThat(all(repository, ALICE, task.id()).get(0).activity().changes())
                .containsOnlyKeys(TaskField.TEXT, TaskField.STATUS, TaskField.PRIORITY, TaskField.DUE_DATE,
                        TaskField.TAGS);
    }

    @Test
    void everyChangeIsOneEntryNewestFirstNumberedWithoutGaps() {
        TaskRepository repository = repository();
        Task task = created(repository, ALICE);
        Task second = edited(task, "plan more", 2);
        Task third = edited(second, "plan less", 3);

        repository.replace(ALICE, second, 1, Activity.changed(task, second, BEN).orElseThrow());
        repository.replace(ALICE, third, 2, Activity.changed(second, third, ANN).orElseThrow());

        List<ActivityEntry> entries = all(repository, ALICE, task.id());
        assertThat(entries).extracting(ActivityEntry::sequence).containsExactly(3L, 2L, 1L);
        assertThat(entries.get(0).activity()).isEqualTo(Activity.changed(second, third, ANN).orElseThrow());
        assertThat(entries.get(1).activity().actor()).isEqualTo(BEN);
        assertThat(entries.get(1).activity().changes())
                .isEqualTo(Map.of(TaskField.TEXT, new FieldChange(Optional.of("plan"), Optional.of("plan more"))));
    }

    @Test
    void aReplaceWithoutAChangeWritesNoEntry() {
        TaskRepository repository = repository();
        Task task = created(repository, ALICE);

        repository.replace(ALICE, edited(task, "plan", 2), 1, null);

        assertThat(all(repository, ALICE, task.id())).extracting(ActivityEntry::sequence).containsExactly(1L);
        assertThat(repository.find(ALICE, task.id())).map(Task::version).contains(2L);
    }

    @Test
    void aLostRaceWritesNoEntry() {
        TaskRepository repository = repository();
        Task task = created(repository, ALICE);
        Task stale = edited(task, "stale", 5);

        assertThatThrownBy(() -> repository.replace(ALICE, stale, 4, Activity.changed(task, stale, BEN).orElseThrow()))
                .isInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> repository.replace(BOB, stale, 1, Activity.changed(task, stale, BEN).orElseThrow()))
                .isInstanceOf(TaskNotFoundException.class);

        assertThat(all(repository, ALICE, task.id())).hasSize(1);
    }

    @Test
    void aMoveKeepsTheHistoryWithTheTask() {
        TaskRepository repository = repository();
        TaskScope from = aList();
        TaskScope to = aList();
        Task task = created(repository, from);
        Task moved = aTask().withId(task.id()).withText("plan").withTags("q3").due(LocalDate.of(2026, 9, 1))
                .inList(((TaskScope.InList) to).listId()).withVersion(2).build();

        repository.replace(from, moved, 1, Activity.changed(task, moved, ANN).orElseThrow());

        List<ActivityEntry> entries = all(repository, to, task.id());
        assertThat(entries).extracting(entry -> entry.activity().action())
                .containsExactly(ActivityAction.MOVED, ActivityAction.CREATED);
        assertThatThrownBy(() -> repository.activity(from, task.id(), 10, null))
                .isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void activityPagesCoverEveryEntryOnceNewestFirst() {
        TaskRepository repository = repository();
        Task task = created(repository, ALICE);
        Task current = task;
        for (long version = 2; version <= 12; version++) {
            Task next = edited(current, "plan " + version, version);
            repository.replace(ALICE, next, version - 1, Activity.changed(current, next, ANN).orElseThrow());
            current = next;
        }

        List<Long> seen = new ArrayList<>();
        String position = null;
        do {
            Slice<ActivityEntry> page = repository.activity(ALICE, task.id(), 5, position);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(5);
            page.items().forEach(entry -> seen.add(entry.sequence()));
            position = page.nextPosition();
        } while (position != null);

        assertThat(seen).containsExactly(12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
        Slice<ActivityEntry> exact = repository.activity(ALICE, task.id(), 12, null);
        assertThat(exact.items()).hasSize(12);
        assertThat(exact.nextPosition()).isNull();
    }

    @Test
    void commentsAreListedOldestFirstAndEachIsAnEntry() {
        TaskRepository repository = repository();
        TaskScope list = aList();
        Task task = created(repository, list);
        Comment first = comment(task, ANN, "first");
        Comment second = comment(task, BEN, "second\nline");
        Comment third = comment(task, ANN, "third");

        repository.addComment(list, first);
        repository.addComment(list, second);
        repository.addComment(list, third);

        assertThat(repository.comments(list, task.id(), 10, null).items()).containsExactly(first, second, third);
        Slice<Comment> page = repository.comments(list, task.id(), 2, null);
        assertThat(page.items()).containsExactly(first, second);
        assertThat(repository.comments(list, task.id(), 2, page.nextPosition()).items()).containsExactly(third);
        assertThat(repository.comments(list, task.id(), 2, page.nextPosition()).nextPosition()).isNull();
        assertThat(repository.findComment(list, task.id(), second.id())).contains(second);
        assertThat(all(repository, list, task.id())).extracting(ActivityEntry::activity)
                .containsExactly(Activity.commented(third), Activity.commented(second), Activity.commented(first),
                        Activity.created(task, ANN));
    }

    @Test
    void commentsDoNotChangeTheTask() {
        TaskRepository repository = repository();
        Task task = created(repository, ALICE);

        repository.addComment(ALICE, comment(task, ANN, "hello"));

        assertThat(repository.find(ALICE, task.id())).contains(task);
        Task next = edited(task, "plan b", 2);
        repository.replace(ALICE, next, 1, Activity.changed(task, next, ANN).orElseThrow());
        assertThat(all(repository, ALICE, task.id())).extracting(ActivityEntry::sequence).containsExactly(3L, 2L, 1L);
    }

    @Test
    void aDeletedCommentIsGoneAndItsDeletionIsAnEntry() {
        TaskRepository repository = repository();
        Task task = created(repository, ALICE);
        Comment kept = comment(task, ANN, "kept");
        Comment gone = comment(task, ANN, "gone");
        repository.addComment(ALICE, kept);
        repository.addComment(ALICE, gone);

        repository.deleteComment(ALICE, task.id(), gone.id(), BEN, T0 + 90);

        assertThat(repository.comments(ALICE, task.id(), 10, null).items()).containsExactly(kept);
        assertThat(repository.findComment(ALICE, task.id(), gone.id())).isEmpty();
        assertThat(all(repository, ALICE, task.id()).get(0))
                .isEqualTo(new ActivityEntry(4, Activity.commentDeleted(gone, BEN, T0 + 90)));
        assertThatThrownBy(() -> repository.deleteComment(ALICE, task.id(), gone.id(), BEN, T0 + 91))
                .isInstanceOf(CommentNotFoundException.class);
        assertThat(all(repository, ALICE, task.id())).hasSize(4);
    }

    @Test
    void commentsAndActivityOfAMissingTaskOrAnotherScopeAreNotFound() {
        TaskRepository repository = repository();
        Task task = created(repository, ALICE);
        Comment comment = comment(task, ANN, "hi");

        assertThatThrownBy(() -> repository.addComment(BOB, comment)).isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> repository.comments(BOB, task.id(), 10, null))
                .isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> repository.activity(BOB, task.id(), 10, null))
                .isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> repository.findComment(BOB, task.id(), comment.id()))
                .isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> repository.deleteComment(BOB, task.id(), comment.id(), ANN, T0))
                .isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> repository.activity(ALICE, nextId(), 10, null))
                .isInstanceOf(TaskNotFoundException.class);
        assertThat(all(repository, ALICE, task.id())).hasSize(1);
    }

    @Test
    void aDeletedTasksHistoryIsGoneAtOnceAndPurgedToTheEnd() {
        TaskRepository repository = repository();
        Task task = created(repository, ALICE);
        for (int i = 0; i < 7; i++) {
            repository.addComment(ALICE, comment(task, ANN, "comment " + i));
        }
        Task other = created(repository, ALICE);
        repository.addComment(ALICE, comment(other, BEN, "other"));

        repository.delete(ALICE, task.id(), null);

        assertThatThrownBy(() -> repository.activity(ALICE, task.id(), 10, null))
                .isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> repository.comments(ALICE, task.id(), 10, null))
                .isInstanceOf(TaskNotFoundException.class);
        int steps = 0;
        while (!repository.purgeHistory(task.id(), 3)) {
            steps++;
            assertThat(steps).isLessThan(20);
        }
        assertThat(repository.purgeHistory(task.id(), 3)).isTrue();
        assertThat(all(repository, ALICE, other.id())).hasSize(2);
        assertThat(repository.comments(ALICE, other.id(), 10, null).items()).hasSize(1);
    }

    @Test
    void purgingTheHistoryOfATaskThatExistsTouchesNothing() {
        TaskRepository repository = repository();
        Task task = created(repository, ALICE);
        repository.addComment(ALICE, comment(task, ANN, "stay"));

        assertThat(repository.purgeHistory(task.id(), 10)).isTrue();

        assertThat(all(repository, ALICE, task.id())).hasSize(2);
        assertThat(repository.comments(ALICE, task.id(), 10, null).items()).hasSize(1);
    }

    @Test
    void aListsDeletionTakesItsTasksHistoriesWithThem() {
        TaskRepository repository = repository();
        TaskScope list = aList();
        Task task = created(repository, list);
        repository.addComment(list, comment(task, ANN, "bye"));

        while (!repository.deleteAll(((TaskScope.InList) list).listId(), 1)) {
            // Bounded steps until the list is empty.
        }

        assertThatThrownBy(() -> repository.activity(list, task.id(), 10, null))
                .isInstanceOf(TaskNotFoundException.class);
        assertThat(repository.purgeHistory(task.id(), 100)).isTrue();
    }

    @Test
    void anUnassignmentIsAnAssignedEntryByTheActorWhoRemovedTheMember() {
        TaskRepository repository = repository();
        TaskScope list = aList();
        Task task = aTask().withId(nextId()).inList(((TaskScope.InList) list).listId()).assignedTo(BEN).build();
        repository.create(list, task, Activity.created(task, ANN));

        while (!repository.unassignAll(((TaskScope.InList) list).listId(), BEN, ANN, T0 + 500, 10)) {
            // Bounded steps until none is left assigned to Ben.
        }

        ActivityEntry latest = all(repository, list, task.id()).get(0);
        assertThat(latest.sequence()).isEqualTo(2);
        assertThat(latest.activity().action()).isEqualTo(ActivityAction.ASSIGNED);
        assertThat(latest.activity().actor()).isEqualTo(ANN);
        assertThat(latest.activity().changes()).isEqualTo(Map.of(TaskField.ASSIGNEE, new FieldChange(Optional.of(BEN),
                Optional.empty())));
    }

    @Test
    void aMalformedPositionIsRefused() {
        TaskRepository repository = repository();
        Task task = created(repository, ALICE);

        assertThatThrownBy(() -> repository.activity(ALICE, task.id(), 10, "not a position"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentReplacesOfOneVersionWriteExactlyOneEntry() throws Exception {
        TaskRepository repository = repository();
        Task task = created(repository, ALICE);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                Task next = edited(task, "writer " + i, 2);
                Callable<Boolean> write = () -> {
                    start.await();
                    try {
                        repository.replace(ALICE, next, 1, Activity.changed(task, next, ANN).orElseThrow());
                        return true;
                    } catch (VersionConflictException e) {
                        return false;
                    }
                };
                results.add(pool.submit(write));
            }
            start.countDown();
            int wins = 0;
            for (Future<Boolean> result : results) {
                wins += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }

        List<ActivityEntry> entries = all(repository, ALICE, task.id());
        assertThat(entries).extracting(ActivityEntry::sequence).containsExactly(2L, 1L);
        Task stored = repository.find(ALICE, task.id()).orElseThrow();
        assertThat(entries.get(0).activity().changes().get(TaskField.TEXT).to()).contains(stored.text());
    }

    @Test
    void concurrentCommentsAndUpdatesAreEachOneEntryInOneSequence() throws Exception {
        TaskRepository repository = repository();
        Task task = created(repository, ALICE);
        int commenters = 4;
        int commentsEach = 5;
        ExecutorService pool = Executors.newFixedThreadPool(commenters + 1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int c = 0; c < commenters; c++) {
                int commenter = c;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < commentsEach; i++) {
                        repository.addComment(ALICE, comment(task, ANN, "c" + commenter + "-" + i));
                    }
                    return commentsEach;
                }));
            }
            results.add(pool.submit(() -> {
                start.await();
                int updates = 0;
                Task current = task;
                for (long version = 2; version <= 6; version++) {
                    Task next = edited(current, "v" + version, version);
                    repository.replace(ALICE, next, version - 1, Activity.changed(current, next, ANN).orElseThrow());
                    current = next;
                    updates++;
                }
                return updates;
            }));
            start.countDown();
            int written = 0;
            for (Future<Integer> result : results) {
                written += result.get(60, TimeUnit.SECONDS);
            }
            assertThat(written).isEqualTo(commenters * commentsEach + 5);
        } finally {
            pool.shutdownNow();
        }

        List<ActivityEntry> entries = new ArrayList<>();
        String position = null;
        do {
            Slice<ActivityEntry> page = repository.activity(ALICE, task.id(), 7, position);
            entries.addAll(page.items());
            position = page.nextPosition();
        } while (position != null);
        int total = 1 + commenters * commentsEach + 5;
        assertThat(entries).extracting(ActivityEntry::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).map(i -> total + 1 - i)
                        .boxed().toList());
        assertThat(entries).filteredOn(entry -> entry.activity().action() == ActivityAction.COMMENTED)
                .hasSize(commenters * commentsEach);
        assertThat(entries).filteredOn(entry -> entry.activity().action() == ActivityAction.UPDATED).hasSize(5);
        assertThat(repository.comments(ALICE, task.id(), 100, null).items()).hasSize(commenters * commentsEach);
    }
}
