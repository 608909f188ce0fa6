package io.taskapi.dynamodb;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.Activity;
import io.taskapi.domain.ActivityAction;
import io.taskapi.domain.ActivityEntry;
import io.taskapi.domain.Comment;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Slice;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskField;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.UserId;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.domain.VersionConflictException;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Races on dynalite, through the repository, against the items as stored: writers of one task's history at once never
 * number two entries alike, leave a gap, lose an acknowledged change or record one twice, and a comment once deleted
 * stays deleted whatever a late writer does.
 */
class HistoryRaceIT {
    private static final String TABLE = "history-races";
    private static final UuidV7Generator IDS = new UuidV7Generator(Clock.systemUTC());
    private static final TaskScope ALICE = new TaskScope.Personal(new OwnerId("alice"));
    private static final UserId ANN = new UserId("ann");
    private static final UserId BEN = new UserId("ben");
    private static final long T0 = 1_800_000_000L;

    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();
    private static TaskRepository repository;

    @BeforeAll
    static void table() {
        DynamoDbStore store = DYNALITE.engine().store(TABLE);
        store.prepare();
        repository = store.tasks();
    }

    /**
     * One If-Match, many writers (half of them moving the task to a list of their own): one wins, and one entry is
     * written, the winner's.
     */
    @Test
    void ofConcurrentWritesOfOneVersionOneWinsAndWritesTheOneEntry() throws Exception {
        TaskScope home = new TaskScope.InList(IDS.newId());
        Task task = aTask().withId(IDS.newId()).inList(((TaskScope.InList) home).listId()).withText("plan").build();
        repository.create(home, task, Activity.created(task, ANN));
        repository.addComment(home, comment(task, "before the race"));
        List<Task> candidates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String listId = i % 2 == 0 ? IDS.newId() : ((TaskScope.InList) home).listId();
            candidates.add(aTask().withId(task.id()).inList(listId).withText("writer " + i).withVersion(2).build());
        }

        List<Callable<Boolean>> writers = new ArrayList<>();
        for (Task candidate : candidates) {
            writers.add(() -> {
                try {
                    repository.replace(home, candidate, 1, Activity.changed(task, candidate, ANN).orElseThrow());
                    return true;
                } catch (VersionConflictException | TaskNotFoundException lost) {
                    // Lost to a writer of the version read; to a mover, the task is no longer in its list.
                    return false;
                }
            });
        }
        List<Boolean> won = race(writers);

        assertThat(won).containsOnlyOnce(true);
        Task winner = candidates.get(won.indexOf(true));
        TaskScope where = new TaskScope.InList(winner.listId().orElseThrow());
        assertThat(repository.find(where, task.id())).contains(winner);
        List<ActivityEntry> entries = activity(where, task.id());
        assertThat(entries).extracting(ActivityEntry::sequence).containsExactly(3L, 2L, 1L);
        assertThat(entries.get(0).activity()).isEqualTo(Activity.changed(task, winner, ANN).orElseThrow());
        assertThat(storedEntries(task.id())).containsExactlyElementsOf(reversed(entries));
    }

    /**
     * Commenters, a deleter of one commenter's comments and an updater on one task at once: every acknowledged change
     * is one entry, the entries are numbered 1 to n, and the comments and items as stored agree with them.
     */
    @Test
    void concurrentCommentsDeletionsAndUpdatesAreEachOneEntryInOneSequence() throws Exception {
        Task task = aTask().withId(IDS.newId()).withText("v1").build();
        repository.create(ALICE, task, Activity.created(task, ANN));
        int commenters = 3;
        int commentsEach = 6;
        int updates = 5;
        Set<String> posted = ConcurrentHashMap.newKeySet();
        Set<String> deleted = ConcurrentHashMap.newKeySet();
        Set<String> toDelete = ConcurrentHashMap.newKeySet();
        AtomicBoolean postingDone = new AtomicBoolean();
        AtomicInteger commentersLeft = new AtomicInteger(commenters);

        List<Callable<Boolean>> writers = new ArrayList<>();
        for (int c = 0; c < commenters; c++) {
            int commenter = c;
            writers.add(() -> {
                for (int i = 0; i < commentsEach; i++) {
                    Comment comment = comment(task, "c" + commenter + "-" + i);
                    repository.addComment(ALICE, comment);
                    posted.add(comment.id());
                    if (commenter == 0) {
                        toDelete.add(comment.id());
                    }
                }
                if (commentersLeft.decrementAndGet() == 0) {
                    postingDone.set(true);
                }
                return true;
            });
        }
        writers.add(() -> {
            // Deletes the first commenter's comments as soon as they are acknowledged, while others keep writing.
            while (!postingDone.get() || deleted.size() < toDelete.size()) {
                for (String commentId : List.copyOf(toDelete)) {
                    if (deleted.add(commentId)) {
                        repository.deleteComment(ALICE, task.id(), commentId, BEN, T0 + 300);
                    }
                }
                Thread.sleep(2);
            }
            return true;
        });
        writers.add(() -> {
            Task current = task;
            for (int v = 2; v <= updates + 1; v++) {
                Task next = aTask().withId(task.id()).withText("v" + v).withVersion(v).build();
                repository.replace(ALICE, next, current.version(), Activity.changed(current, next, ANN).orElseThrow());
                current = next;
            }
            return true;
        });
        assertThat(race(writers)).containsOnly(true);

        List<ActivityEntry> entries = activity(ALICE, task.id());
        int total = 1 + commenters * commentsEach + toDelete.size() + updates;
        assertThat(entries).extracting(ActivityEntry::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).map(i -> total + 1 - i).boxed().toList());
        assertThat(commentIds(entries, ActivityAction.COMMENTED)).containsExactlyInAnyOrderElementsOf(posted);
        assertThat(commentIds(entries, ActivityAction.COMMENT_DELETED)).containsExactlyInAnyOrderElementsOf(toDelete);
        assertThat(entries).filteredOn(entry -> entry.activity().action() == ActivityAction.UPDATED)
                .extracting(entry -> entry.activity().changes().get(TaskField.TEXT).to().orElseThrow())
                .containsExactly("v6", "v5", "v4", "v3", "v2");
        List<String> live = repository.comments(ALICE, task.id(), 100, null).items().stream().map(Comment::id).toList();
        assertThat(live).containsExactlyInAnyOrderElementsOf(posted.stream()
                .filter(id -> !toDelete.contains(id)).toList());
        assertThat(live).isSorted();

        // Every entry but the latest is materialized exactly as read; the next write materializes that one too.
        List<ActivityEntry> stored = storedEntries(task.id());
        assertThat(stored).containsExactlyElementsOf(reversed(entries).subList(0, stored.size()));
        assertThat(stored.size()).isBetween(total - 1, total);
        repository.addComment(ALICE, comment(task, "after the race"));
        assertThat(storedEntries(task.id())).hasSize(total + 1);
        assertThat(tombstones(task.id())).containsExactlyInAnyOrderElementsOf(toDelete);
    }

    /**
     * A writer that materializes a comment's entry late (it read the task before the comment was deleted, and stalled)
     * cannot bring the comment back: its write of the comment is on the condition that there is no item, and the
     * deletion left a tombstone.
     */
    @Test
    void aLateWriteOfACommentCannotBringItBackOnceDeleted() {
        Task task = aTask().withId(IDS.newId()).build();
        repository.create(ALICE, task, Activity.created(task, ANN));
        Comment comment = comment(task, "soon gone");
        repository.addComment(ALICE, comment);
        repository.deleteComment(ALICE, task.id(), comment.id(), ANN, T0 + 120);
        repository.addComment(ALICE, comment(task, "after it"));

        TaskWrites writes = new TaskWrites(new TaskTable(DYNALITE.engine().client(), TABLE));
        writes.materialize(task.id(), "alice",
                new LoggedEntry(new ActivityEntry(2, Activity.commented(comment)), comment));

        assertThat(repository.findComment(ALICE, task.id(), comment.id())).isEmpty();
        assertThat(repository.comments(ALICE, task.id(), 10, null).items()).extracting(Comment::id)
                .doesNotContain(comment.id());
        assertThat(tombstones(task.id())).containsExactly(comment.id());
        assertThat(repository.activity(ALICE, task.id(), 10, null).items()).hasSize(4);
    }

    private static List<Boolean> race(List<Callable<Boolean>> writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<Boolean> writer : writers) {
                results.add(pool.submit(() -> {
                    start.await();
                    return writer.call();
                }));
            }
            start.countDown();
            List<Boolean> outcomes = new ArrayList<>();
            for (Future<Boolean> result : results) {
                outcomes.add(result.get(120, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<ActivityEntry> activity(TaskScope scope, String taskId) {
        List<ActivityEntry> entries = new ArrayList<>();
        String position = null;
        do {
            Slice<ActivityEntry> page = repository.activity(scope, taskId, 9, position);
            entries.addAll(page.items());
            position = page.nextPosition();
        } while (position != null);
        return entries;
    }

    private static List<String> commentIds(List<ActivityEntry> entries, ActivityAction action) {
        return entries.stream().filter(entry -> entry.activity().action() == action)
                .map(entry -> entry.activity().commentId().orElseThrow()).collect(Collectors.toList());
    }

    /** The activity items of the task's history, oldest first, as stored. */
    private static List<ActivityEntry> storedEntries(String taskId) {
        return history(taskId).stream().filter(item -> item.get("id").s().startsWith("a#"))
                .map(HistoryItemMapper::toActivityEntry).toList();
    }

    /** The ids of the task's deleted comments, as their tombstones name them. */
    private static List<String> tombstones(String taskId) {
        return history(taskId).stream().filter(HistoryItemMapper::isTombstone)
                .map(item -> item.get("id").s().substring(2)).toList();
    }

    private static List<Map<String, AttributeValue>> history(String taskId) {
        return DYNALITE.engine().client().queryPaginator(r -> r.tableName(TABLE).consistentRead(true)
                        .keyConditionExpression("#owner = :history")
                        .expressionAttributeNames(Map.of("#owner", "owner"))
                        .expressionAttributeValues(Map.of(":history", AttributeValue.fromS("history:" + taskId))))
                .items().stream().toList();
    }

    private static List<ActivityEntry> reversed(List<ActivityEntry> entries) {
        List<ActivityEntry> copy = new ArrayList<>(entries);
        Collections.reverse(copy);
        return copy;
    }

    private static Comment comment(Task task, String text) {
        return new Comment(IDS.newId(), task.id(), ANN, text, T0 + 60);
    }
}
