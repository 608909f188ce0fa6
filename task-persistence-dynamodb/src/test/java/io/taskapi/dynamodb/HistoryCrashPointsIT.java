package io.taskapi.dynamodb;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.taskapi.domain.Activity;
import io.taskapi.domain.ActivityAction;
import io.taskapi.domain.ActivityEntry;
import io.taskapi.domain.Comment;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Slice;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.UserId;
import io.taskapi.domain.UuidV7Generator;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Proves that a writer of a task and its history that stops before any one of its writes (a crashed process, a Lambda
 * instance frozen for good) leaves the task and its activity agreeing, and that the next write finishes what it left.
 * Each change is run once per write, on a client that dies just before that write (it and every later request of that
 * client fail, so nothing can make up for it), on a fresh task whose latest entry is materialized, and again on one
 * whose latest entry is not (its writer stopped after its commit). After each crash a healthy repository checks:
 * <ol>
 *   <li>the activity as read is exactly the entries acknowledged before, plus the change's entry if and only if the
 *       task shows the change (a crashed write may or may not have landed), numbered 1 to n without gaps;</li>
 *   <li>the change made again, if it did not land, and then the next write (a comment) succeed, after which every entry
 *       and every comment is materialized as an item exactly as the reader showed it.</li>
 * </ol>
 * Each change is also run once per write with that write's first answer lost after it landed (a 500 the SDK retries):
 * the change succeeds and records one entry.
 */
class HistoryCrashPointsIT {
    private static final String TABLE = "crash-points-history";
    private static final UuidV7Generator IDS = new UuidV7Generator(Clock.systemUTC());
    private static final long T0 = 1_800_000_000L;
    private static final TaskScope ALICE = new TaskScope.Personal(new OwnerId("alice"));
    private static final UserId ANN = new UserId("ann");
    private static final UserId BEN = new UserId("ben");
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem");
    /** A server error, which the SDK retries: the answer of a write that landed, as if it was lost. */
    private static final String LOST_ANSWER =
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"answer lost\"}";
    private static final ExecutionAttribute<AtomicInteger> ANSWER = new ExecutionAttribute<>("answer-to-lose");

    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();
    /** Writes the crashing client lets through before it dies; negative while it is healthy. */
    private static final AtomicInteger WRITES_ALLOWED = new AtomicInteger(-1);
    /** The write whose first answer is lost after it landed; negative for none. */
    private static final AtomicInteger ANSWER_LOST = new AtomicInteger(-1);
    private static final AtomicInteger WRITES_SEEN = new AtomicInteger();
    private static final AtomicBoolean DEAD = new AtomicBoolean();
    private static DynamoDbClient failing;
    private static TaskRepository healthy;
    private static TaskRepository doomed;

    /** What a crashed writer throws: it never reaches the store, nor does anything after it. */
    private static final class Crash extends RuntimeException {
        Crash() {
            super("the writer stopped here", null, false, false);
        }
    }

    /**
     * A task made ready for one run of a change.
     *
     * @param scope   where the task is
     * @param task    the task as stored, or as it is to be created
     * @param comment the comment the change is about, if any
     * @param target  where a move takes it, if it is moved
     */
    private record Subject(TaskScope scope, Task task, Comment comment, TaskScope target) {
    }

    /**
     * One change under test.
     *
     * @param setup  makes a fresh task ready: with its latest entry not materialized when given {@code true}
     * @param make   the change, on a repository
     * @param isMade whether a healthy reader sees the change made
     * @param entry  the entry the change records
     */
    private record Change(Function<Boolean, Subject> setup, BiConsumer<TaskRepository, Subject> make,
            Predicate<Subject> isMade, Function<Subject, Activity> entry) {
    }

    @BeforeAll
    static void repositories() {
        ExecutionInterceptor failures = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (DEAD.get()) {
                    throw new Crash();
                }
                if (WRITES.contains(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                    int write = WRITES_SEEN.getAndIncrement();
                    int allowed = WRITES_ALLOWED.get();
                    if (allowed >= 0 && write >= allowed) {
                        DEAD.set(true);
                        throw new Crash();
                    }
                    if (write == ANSWER_LOST.get()) {
                        attributes.putAttribute(ANSWER, new AtomicInteger(1));
                    }
                }
            }

            @Override
            public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context,
                    ExecutionAttributes attributes) {
                AtomicInteger answer = attributes.getAttribute(ANSWER);
                if (answer == null || answer.get() != 1) {
                    return context.httpResponse();
                }
                return context.httpResponse().toBuilder().statusCode(500).removeHeader("x-amz-crc32").build();
            }

            @Override
            public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                    ExecutionAttributes attributes) {
                AtomicInteger answer = attributes.getAttribute(ANSWER);
                if (answer == null || !answer.compareAndSet(1, 2)) {
                    return context.responseBody();
                }
                return Optional.of(new ByteArrayInputStream(LOST_ANSWER.getBytes(StandardCharsets.UTF_8)));
            }
        };
        failing = DynamoDbClients.local(DYNALITE.engine().endpoint(), Dynalite.REGION, Dynalite.credentials(),
                Duration.ofSeconds(10), Duration.ofSeconds(5), List.of(failures)).build();
        DynamoDbStore store = DYNALITE.engine().store(TABLE);
        store.prepare();
        healthy = store.tasks();
        doomed = new DynamoDbTaskRepository(failing, TABLE);
    }

    @AfterAll
    static void closeClient() {
        failing.close();
    }

    @Test
    void creatingATask() {
        Change create = new Change(
                pending -> {
                    Task task = aTask().withId(IDS.newId()).withText("plan").withTags("q3").build();
                    return new Subject(ALICE, task, null, null);
                },
                (repository, subject) -> repository.create(ALICE, subject.task(), created(subject.task())),
                subject -> healthy.find(ALICE, subject.task().id()).isPresent(),
                subject -> created(subject.task()));
        assertThat(atEveryWrite(create, false)).as("task item, entry").isEqualTo(2);
    }

    @Test
    void updatingATask() {
        Change update = new Change(
                pending -> new Subject(ALICE, taskWithHistory(ALICE, pending), null, null),
                (repository, subject) -> repository.replace(ALICE, edited(subject.task()), subject.task().version(),
                        changed(subject.task())),
                subject -> healthy.find(ALICE, subject.task().id()).orElseThrow().text().equals("plan b"),
                HistoryCrashPointsIT::changed);
        assertThat(atEveryWrite(update, false)).as("task item, entry").isEqualTo(2);
        assertThat(atEveryWrite(update, true)).as("comment, its entry, task item, entry").isEqualTo(4);
    }

    @Test
    void movingATask() {
        Change move = new Change(
                pending -> {
                    TaskScope list = new TaskScope.InList(IDS.newId());
                    return new Subject(list, taskWithHistory(list, pending), null,
                            new TaskScope.InList(IDS.newId()));
                },
                (repository, subject) -> repository.replace(subject.scope(), moved(subject),
                        subject.task().version(), Activity.changed(subject.task(), moved(subject), ANN).orElseThrow()),
                subject -> healthy.find(subject.target(), subject.task().id()).isPresent(),
                subject -> Activity.changed(subject.task(), moved(subject), ANN).orElseThrow());
        assertThat(atEveryWrite(move, false)).as("task item, entry").isEqualTo(2);
        assertThat(atEveryWrite(move, true)).as("comment, its entry, task item, entry").isEqualTo(4);
    }

    @Test
    void commenting() {
        Change comment = new Change(
                pending -> {
                    Task task = taskWithHistory(ALICE, pending);
                    return new Subject(ALICE, task, comment(task, BEN, "a new thought"), null);
                },
                (repository, subject) -> repository.addComment(ALICE, subject.comment()),
                subject -> healthy.findComment(ALICE, subject.task().id(), subject.comment().id()).isPresent(),
                subject -> Activity.commented(subject.comment()));
        assertThat(atEveryWrite(comment, false)).as("task item, comment, entry").isEqualTo(3);
        assertThat(atEveryWrite(comment, true)).as("the latest's comment and entry, then ours").isEqualTo(5);
    }

    @Test
    void deletingAComment() {
        Change delete = new Change(
                pending -> {
                    Task task = taskWithHistory(ALICE, false);
                    Comment comment = comment(task, ANN, "to be taken back");
                    healthy.addComment(ALICE, comment);
                    if (pending) {
                        unmaterializeLatest(task.id());
                    }
                    return new Subject(ALICE, task, comment, null);
                },
                (repository, subject) -> repository.deleteComment(ALICE, subject.task().id(),
                        subject.comment().id(), BEN, T0 + 600),
                subject -> healthy.findComment(ALICE, subject.task().id(), subject.comment().id()).isEmpty(),
                subject -> Activity.commentDeleted(subject.comment(), BEN, T0 + 600));
        assertThat(atEveryWrite(delete, false)).as("task item, tombstone, entry").isEqualTo(3);
        assertThat(atEveryWrite(delete, true)).as("the comment and its entry, then ours").isEqualTo(5);
    }

    @Test
    void unassigningARemovedMembersTask() {
        Change unassign = new Change(
                pending -> {
                    TaskScope list = new TaskScope.InList(IDS.newId());
                    Task task = aTask().withId(IDS.newId()).inList(((TaskScope.InList) list).listId())
                            .assignedTo(BEN).build();
                    healthy.create(list, task, created(task));
                    if (pending) {
                        healthy.addComment(list, comment(task, ANN, "who takes this?"));
                        unmaterializeLatest(task.id());
                    }
                    return new Subject(list, task, null, null);
                },
                (repository, subject) -> repository.unassignAll(((TaskScope.InList) subject.scope()).listId(), BEN,
                        ANN, T0 + 900, 10),
                subject -> healthy.find(subject.scope(), subject.task().id()).orElseThrow().assignee().isEmpty(),
                subject -> Activity.changed(subject.task(), subject.task().unassigned(T0 + 900), ANN).orElseThrow());
        assertThat(atEveryWrite(unassign, false)).as("task item, entry").isEqualTo(2);
        assertThat(atEveryWrite(unassign, true)).as("comment, its entry, task item, entry").isEqualTo(4);
    }

    /**
     * Deleting a task as the service does: the task item, then its history in bounded steps. A stop anywhere leaves
     * either the task with its whole history, or no task and a history no reader sees, which purging again removes.
     */
    @Test
    void deletingATask() {
        for (boolean pending : List.of(false, true)) {
            int writes = -1;
            for (int crashAt = -1; crashAt < writes || writes < 0; crashAt++) {
                Task task = taskWithHistory(ALICE, false);
                for (int i = 0; i < 29; i++) {
                    healthy.addComment(ALICE, comment(task, ANN, "note " + i));
                }
                if (pending) {
                    unmaterializeLatest(task.id());
                }
                List<ActivityEntry> before = activity(ALICE, task.id());
                Throwable thrown = runOnFailingClient(crashAt, -1, () -> {
                    doomed.delete(ALICE, task.id(), null);
                    doomed.purgeHistory(task.id(), 100);
                });
                if (crashAt < 0) {
                    writes = WRITES_SEEN.get();
                    assertThat(thrown).isNull();
                } else {
                    assertThat(isCrash(thrown)).as("stopped before write " + crashAt + ": " + thrown).isTrue();
                }
                if (healthy.find(ALICE, task.id()).isPresent()) {
                    assertThat(activity(ALICE, task.id())).containsExactlyElementsOf(before);
                    healthy.delete(ALICE, task.id(), null);
                } else {
                    assertThatThrownBy(() -> healthy.activity(ALICE, task.id(), 10, null))
                            .isInstanceOf(TaskNotFoundException.class);
                    assertThatThrownBy(() -> healthy.comments(ALICE, task.id(), 10, null))
                            .isInstanceOf(TaskNotFoundException.class);
                }
                while (!healthy.purgeHistory(task.id(), 100)) {
                    // Bounded steps, each of which makes progress.
                }
                assertThat(rawHistory(task.id())).as("purged to the end").isEmpty();
            }
            assertThat(writes).as("task item, then 25 history items a request").isEqualTo(4);
        }
    }

    /**
     * Runs {@code change} without a failure, counting its writes; then once per write with a crash just before it, and
     * once per write with its first answer lost after it landed; each time on a fresh task from its setup.
     *
     * @return the number of writes the change makes
     */
    private int atEveryWrite(Change change, boolean pending) {
        int writes = run(change, pending, -1, -1);
        for (int write = 0; write < writes; write++) {
            run(change, pending, write, -1);
            run(change, pending, -1, write);
        }
        return writes;
    }

    private int run(Change change, boolean pending, int crashAt, int answerLost) {
        Subject subject = change.setup().apply(pending);
        String taskId = subject.task().id();
        List<ActivityEntry> before = healthy.find(subject.scope(), taskId).isPresent()
                ? activity(subject.scope(), taskId) : List.of();
        String what = (pending ? "after an unmaterialized entry, " : "") + (crashAt >= 0 ? "stopped before write "
                + crashAt : answerLost >= 0 ? "answer of write " + answerLost + " lost" : "no failure");

        Throwable thrown = runOnFailingClient(crashAt, answerLost, () -> change.make().accept(doomed, subject));
        int writes = WRITES_SEEN.get();
        if (crashAt >= 0) {
            assertThat(isCrash(thrown)).as(what + ": " + thrown).isTrue();
        } else {
            assertThat(thrown).as(what).isNull();
        }

        // (a) Exactly the acknowledged entries, and the change's if and only if the task shows it.
        boolean made = change.isMade().test(subject);
        assertThat(made || crashAt >= 0).as(what + ": made").isTrue();
        List<ActivityEntry> expected = new ArrayList<>();
        if (made) {
            expected.add(new ActivityEntry(before.size() + 1, change.entry().apply(subject)));
        }
        expected.addAll(before);
        TaskScope scope = made && subject.target() != null ? subject.target() : subject.scope();
        if (!expected.isEmpty()) {
            assertThat(activity(scope, taskId)).as(what).containsExactlyElementsOf(expected);
        }

        // (b) The change made again where it did not land, then the next write, and everything materialized.
        if (!made) {
            change.make().accept(healthy, subject);
            assertThat(change.isMade().test(subject)).as(what + ": made again").isTrue();
            expected.add(0, new ActivityEntry(before.size() + 1, change.entry().apply(subject)));
            scope = subject.target() != null ? subject.target() : subject.scope();
        }
        Comment next = comment(subject.task(), ANN, "next");
        healthy.addComment(scope, next);
        expected.add(0, new ActivityEntry(expected.size() + 1, Activity.commented(next)));
        assertThat(activity(scope, taskId)).as(what + ": after the next write").containsExactlyElementsOf(expected);
        assertMaterialized(taskId, expected);
        return writes;
    }

    /** Runs {@code change} on the failing client, set to fail as asked; answers what it threw. */
    private static Throwable runOnFailingClient(int crashAt, int answerLost, Runnable change) {
        WRITES_SEEN.set(0);
        WRITES_ALLOWED.set(crashAt);
        ANSWER_LOST.set(answerLost);
        try {
            return catchThrowable(change::run);
        } finally {
            WRITES_ALLOWED.set(-1);
            ANSWER_LOST.set(-1);
            DEAD.set(false);
        }
    }

    /**
     * Checks the items of the task's history against its activity as read (newest first): an activity item for every
     * entry and no other, each as read; an item for every comment posted, live as posted or a tombstone once deleted.
     */
    private void assertMaterialized(String taskId, List<ActivityEntry> newestFirst) {
        List<ActivityEntry> stored = new ArrayList<>();
        Map<String, Map<String, AttributeValue>> comments = new HashMap<>();
        for (Map<String, AttributeValue> item : rawHistory(taskId)) {
            String id = item.get("id").s();
            if (id.startsWith("a#")) {
                stored.add(HistoryItemMapper.toActivityEntry(item));
            } else {
                comments.put(id.substring(2), item);
            }
        }
        List<ActivityEntry> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        assertThat(stored).as("activity items").containsExactlyElementsOf(oldestFirst);
        Map<String, Boolean> posted = new LinkedHashMap<>();
        for (ActivityEntry entry : oldestFirst) {
            if (entry.activity().action() == ActivityAction.COMMENTED) {
                posted.put(entry.activity().commentId().orElseThrow(), true);
            } else if (entry.activity().action() == ActivityAction.COMMENT_DELETED) {
                posted.put(entry.activity().commentId().orElseThrow(), false);
            }
        }
        assertThat(comments.keySet()).as("comment items").containsExactlyInAnyOrderElementsOf(posted.keySet());
        posted.forEach((commentId, live) -> assertThat(HistoryItemMapper.isTombstone(comments.get(commentId)))
                .as("comment " + commentId + " deleted").isEqualTo(!live));
    }

    private static List<ActivityEntry> activity(TaskScope scope, String taskId) {
        List<ActivityEntry> entries = new ArrayList<>();
        String position = null;
        do {
            Slice<ActivityEntry> page = healthy.activity(scope, taskId, 7, position);
            entries.addAll(page.items());
            position = page.nextPosition();
        } while (position != null);
        return entries;
    }

    /** Every item of the task's history partition, read from the table. */
    private static List<Map<String, AttributeValue>> rawHistory(String taskId) {
        return DYNALITE.engine().client().queryPaginator(r -> r.tableName(TABLE).consistentRead(true)
                        .keyConditionExpression("#owner = :history")
                        .expressionAttributeNames(Map.of("#owner", "owner"))
                        .expressionAttributeValues(Map.of(":history", AttributeValue.fromS("history:" + taskId))))
                .items().stream().toList();
    }

    /**
     * Takes back the materialization of the task's latest entry, as if its writer had stopped right after its commit:
     * the entry's item and, for a comment, the comment's item (a deletion's tombstone stays out of the setups).
     */
    private static void unmaterializeLatest(String taskId) {
        Map<String, AttributeValue> latest = null;
        for (Map<String, AttributeValue> item : rawHistory(taskId)) {
            if (item.get("id").s().startsWith("a#")) {
                latest = item;
            }
        }
        ActivityEntry entry = HistoryItemMapper.toActivityEntry(latest);
        assertThat(entry.activity().action()).isIn(ActivityAction.COMMENTED, ActivityAction.UPDATED);
        deleteRaw(HistoryItemMapper.activityKey(taskId, entry.sequence()));
        entry.activity().commentId()
                .ifPresent(commentId -> deleteRaw(HistoryItemMapper.commentKey(taskId, commentId)));
    }

    private static void deleteRaw(Map<String, AttributeValue> key) {
        DYNALITE.engine().client().deleteItem(r -> r.tableName(TABLE).key(key));
    }

    /** A task created with its entry and commented on once; with that comment unmaterialized when asked. */
    private static Task taskWithHistory(TaskScope scope, boolean pending) {
        var builder = aTask().withId(IDS.newId()).withText("plan").due(LocalDate.of(2026, 9, 1));
        Task task = scope instanceof TaskScope.InList list ? builder.inList(list.listId()).build() : builder.build();
        healthy.create(scope, task, created(task));
        healthy.addComment(scope, comment(task, BEN, "first thoughts"));
        if (pending) {
            unmaterializeLatest(task.id());
        }
        return task;
    }

    private static Activity created(Task task) {
        return Activity.created(task, ANN);
    }

    private static Task edited(Task task) {
        return new Task(task.id(), "plan b", task.status(), task.priority(), task.createdAt(), task.updatedAt() + 60,
                task.version() + 1, task.description(), task.dueDate(), task.tags(), task.listId(), task.assignee());
    }

    private static Activity changed(Subject subject) {
        return changed(subject.task());
    }

    private static Activity changed(Task task) {
        return Activity.changed(task, edited(task), ANN).orElseThrow();
    }

    private static Task moved(Subject subject) {
        Task task = subject.task();
        return new Task(task.id(), task.text(), task.status(), task.priority(), task.createdAt(),
                task.updatedAt() + 60, task.version() + 1, task.description(), task.dueDate(), task.tags(),
                Optional.of(((TaskScope.InList) subject.target()).listId()), task.assignee());
    }

    private static Comment comment(Task task, UserId author, String text) {
        return new Comment(IDS.newId(), task.id(), author, text, T0 + 60);
    }

    /** Whether {@code thrown} is the crash, or its translation by the SDK or the store. */
    private static boolean isCrash(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof Crash) {
                return true;
            }
        }
        return false;
    }
}
