package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.n;
import static io.taskapi.dynamodb.AttributeValues.s;

import io.taskapi.domain.Activity;
import io.taskapi.domain.ActivityAction;
import io.taskapi.domain.ActivityEntry;
import io.taskapi.domain.Comment;
import io.taskapi.domain.CommentNotFoundException;
import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskAlreadyExistsException;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.UserId;
import io.taskapi.domain.VersionConflictException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The writes of a task that record an entry of its activity, for {@link DynamoDbTaskRepository} and
 * {@link ListTaskCleanup}, without transactions: the task item is the commit point of each change and its entry.
 *
 * <p>The task item holds its latest entry ({@link TaskTableSchema#LOG_SEQ}, {@link TaskTableSchema#LOG_ENTRY}), and
 * every earlier entry is materialized as an item of the task's history partition, its effect on a comment applied
 * (invariant). Every write of the task item: reads it consistently (with the comment it is about, if any); materializes
 * the latest entry if it is not yet; writes the task item on its usual conditions and on {@code log_seq} still being
 * what it read, with the next entry as its latest; then materializes that entry. A writer that stops before the last
 * step leaves its entry in the task item, where readers find it and the next writer materializes it; a writer that
 * loses the condition to another entry reads again and tries again, at most {@value #ATTEMPTS} times.
 */
final class TaskWrites {
    /**
     * Conditional writes of one change that may lose to other entries before it gives up as contended. With the random
     * backoff below, each of five writers racing on one task needed up to about ten (measured on dynalite).
     */
    static final int ATTEMPTS = 16;
    /** The longest wait before a retry, in milliseconds; waits are random up to a bound that doubles from 4 ms. */
    private static final long MAX_BACKOFF_MILLIS = 256;
    private static final long FIRST_BACKOFF_MILLIS = 4;

    private final TaskTable table;

    TaskWrites(TaskTable table) {
        this.table = table;
    }

    /**
     * One conditional write of the task item, as decided on a snapshot of it.
     *
     * @param request the write, run through {@link DynamoDbErrors}
     * @param entry   the entry it commits, or {@code null} when it records none
     * @param landed  whether a snapshot read after the write's condition failed shows this very write (an SDK retry
     *                whose first attempt landed and whose answer was lost)
     */
    record Write(Supplier<?> request, LoggedEntry entry, Predicate<TaskSnapshot> landed) {
        Write {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(landed, "landed");
        }
    }

    /**
     * Stores a new task with its creation as entry 1. Nothing unmaterialized can precede it, since the write is on the
     * condition that there is no task item at all, so it needs no read before it. A failed condition means a task
     * existed under the id, unless the item read after it is ours (an SDK retry whose first attempt landed); it is
     * never tried again, even should that task be gone by the read.
     */
    void create(TaskScope scope, Task task, Activity created) {
        Map<String, AttributeValue> key = TaskItemMapper.key(scope, task.id());
        Map<String, AttributeValue> item = TaskItemMapper.toItem(scope, task);
        LoggedEntry entry = created == null ? null : new LoggedEntry(new ActivityEntry(1, created), null);
        if (entry != null) {
            HistoryItemMapper.putLog(item, entry);
        }
        PutItemRequest request = PutItemRequest.builder()
                .tableName(table.name)
                .item(item)
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", TaskTableSchema.ID))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        Write write = new Write(() -> table.client.putItem(request), entry, isStored(task));
        AtomicBoolean tried = new AtomicBoolean();
        apply(key, task.id(), null, TaskSnapshot.NONE, read -> {
            if (tried.getAndSet(true)) {
                throw new TaskAlreadyExistsException();
            }
            return write;
        });
    }

    /**
     * Replaces a task of {@code scope} by {@code task} with one {@code PutItem} of the whole item (a move included), on
     * the condition that it exists there at {@code expectedVersion}; a {@code change} becomes its next entry.
     */
    void replace(TaskScope scope, Task task, long expectedVersion, Activity change) {
        Map<String, AttributeValue> key = TaskItemMapper.key(scope, task.id());
        apply(key, task.id(), null, null, read -> {
            if (!read.isIn(scope)) {
                throw new TaskNotFoundException();
            }
            if (read.task().version() != expectedVersion) {
                throw new VersionConflictException();
            }
            return putTask(scope, task, expectedVersion, read, change);
        });
    }

    /**
     * Unassigns a list's task from {@code user}, recorded as made by {@code actor}, unless it no longer is theirs,
     * there, or at all; on the condition that it is still at the version read, so it never undoes a concurrent change.
     */
    void unassign(TaskScope.InList list, String taskId, UserId user, UserId actor, long now) {
        Map<String, AttributeValue> key = TaskItemMapper.listTaskKey(taskId);
        apply(key, taskId, null, null, read -> {
            if (!read.isIn(list) || read.task().assignee().filter(user::equals).isEmpty()) {
                return null;
            }
            Task current = read.task();
            Task unassigned = current.unassigned(now);
            return putTask(list, unassigned, current.version(), read,
                    Activity.changed(current, unassigned, actor).orElseThrow());
        });
    }

    /**
     * Posts a comment: its {@code commented} entry, which carries the comment, is the task item's next entry, written
     * with one {@code UpdateItem} that changes neither the task's version nor its update time. A comment already posted
     * under its id (a request retried) is not posted again.
     */
    void addComment(TaskScope scope, Comment comment) {
        if (!HistoryItemMapper.isStorableCommentId(comment.id())) {
            throw new IllegalArgumentException("a comment id must fit the table's keys");
        }
        Map<String, AttributeValue> key = TaskItemMapper.key(scope, comment.taskId());
        apply(key, comment.taskId(), comment.id(), null, read -> {
            if (!read.isIn(scope)) {
                throw new TaskNotFoundException();
            }
            if (read.hasPosted(comment.id())) {
                return null;
            }
            LoggedEntry entry = new LoggedEntry(
                    new ActivityEntry(read.logSequence() + 1, Activity.commented(comment)), comment);
            return logOnly(key, scope, read, entry, stored -> stored.exists() && stored.hasPosted(comment.id()));
        });
    }

    /**
     * Deletes a comment: its {@code comment_deleted} entry is the task item's next entry, written like a comment's; the
     * comment item becomes a tombstone when the entry is materialized.
     */
    void deleteComment(TaskScope scope, String taskId, String commentId, UserId actor, long at) {
        Map<String, AttributeValue> key = TaskItemMapper.key(scope, taskId);
        apply(key, taskId, commentId, null, read -> {
            if (!read.isIn(scope)) {
                throw new TaskNotFoundException();
            }
            Comment comment = read.liveComment(commentId);
            if (comment == null) {
                throw new CommentNotFoundException();
            }
            LoggedEntry entry = new LoggedEntry(
                    new ActivityEntry(read.logSequence() + 1, Activity.commentDeleted(comment, actor, at)), null);
            // Ours is the deletion numbered as our entry: in the task item still, or in the tombstone it left.
            return logOnly(key, scope, read, entry, stored -> stored.exists() && (entry.equals(stored.latest())
                    || (stored.comment() != null && HistoryItemMapper.isTombstone(stored.comment())
                            && HistoryItemMapper.deletedSeq(stored.comment()) == entry.sequence())));
        });
    }

    /**
     * Runs the protocol for one change of the task under {@code key}: decides a write on a consistent snapshot
     * ({@code decide} throws when the change cannot be made, or answers {@code null} when there is nothing to write),
     * materializes the latest entry if it is not yet, writes, and materializes the entry written. A failed condition is
     * decided on a new snapshot: the write landed (done), or it is decided anew.
     *
     * @param commentId the comment to read with the task item, or {@code null}
     * @param first     the snapshot to decide the first write on, or {@code null} to read one
     */
    private void apply(Map<String, AttributeValue> key, String taskId, String commentId, TaskSnapshot first,
            Function<TaskSnapshot, Write> decide) {
        String taskOwner = key.get(TaskTableSchema.OWNER).s();
        TaskSnapshot read = first != null ? first : table.snapshot(key, taskId, commentId);
        for (int attempt = 1; ; attempt++) {
            Write write = decide.apply(read);
            if (write == null) {
                return;
            }
            if (attempt > ATTEMPTS) {
                throw new StoreUnavailableException("contended", null);
            }
            LoggedEntry latest = read.latest();
            if (latest != null && !table.exists(HistoryItemMapper.activityKey(taskId, latest.sequence()))) {
                materialize(taskId, taskOwner, latest);
            }
            Map<String, AttributeValue> failed = DynamoDbErrors.conditionFailure(write.request());
            if (failed == null) {
                if (write.entry() != null) {
                    materialize(taskId, taskOwner, write.entry());
                }
                return;
            }
            backOff(attempt);
            // DynamoDB returns the item with the failure; engines that ignore that option get one consistent read.
            read = failed.isEmpty() || commentId != null ? table.snapshot(key, taskId, commentId)
                    : TaskSnapshot.of(failed, null);
            if (write.landed().test(read)) {
                // While it is the latest, nobody need have materialized it; once it is not, the writer after it has.
                if (write.entry() != null && write.entry().equals(read.latest())) {
                    materialize(taskId, taskOwner, write.entry());
                }
                return;
            }
        }
    }

    /**
     * Writes an entry as the items of the task's history: first its effect on a comment (the comment's item on the
     * condition that there is none, or the tombstone of a deleted one), then the entry's own item, whose presence so
     * tells that both are done. Every write is idempotent, and none can undo a later entry's: a deleted comment's
     * tombstone keeps a late write of the comment out.
     */
    void materialize(String taskId, String taskOwner, LoggedEntry entry) {
        if (entry.action() == ActivityAction.COMMENTED) {
            DynamoDbErrors.conditionHeld(() -> table.client.putItem(r -> r
                    .tableName(table.name)
                    .item(HistoryItemMapper.commentItem(taskOwner, entry.comment()))
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", TaskTableSchema.ID))));
        } else if (entry.action() == ActivityAction.COMMENT_DELETED) {
            DynamoDbErrors.call(() -> table.client.putItem(r -> r
                    .tableName(table.name)
                    .item(HistoryItemMapper.tombstone(taskId, taskOwner,
                            entry.entry().activity().commentId().orElseThrow(), entry.sequence()))));
        }
        DynamoDbErrors.call(() -> table.client.putItem(r -> r
                .tableName(table.name)
                .item(HistoryItemMapper.activityItem(taskId, taskOwner, entry.entry()))));
    }

    /**
     * A {@code PutItem} of the whole item of {@code task} on the condition that the stored one exists in {@code scope}
     * at {@code expectedVersion} with the log as read; with {@code change} as the next entry, or else the log as read.
     */
    private Write putTask(TaskScope scope, Task task, long expectedVersion, TaskSnapshot read, Activity change) {
        Map<String, AttributeValue> item = TaskItemMapper.toItem(TaskItemMapper.home(scope, task), task);
        LoggedEntry entry = null;
        if (change != null) {
            entry = new LoggedEntry(new ActivityEntry(read.logSequence() + 1, change), null);
            HistoryItemMapper.putLog(item, entry);
        } else if (read.latest() != null) {
            item.put(TaskTableSchema.LOG_SEQ, read.item().get(TaskTableSchema.LOG_SEQ));
            item.put(TaskTableSchema.LOG_ENTRY, read.item().get(TaskTableSchema.LOG_ENTRY));
        }
        // Without attribute_exists a put on a missing key would silently create the task.
        Expression condition = new Expression("attribute_exists(#id) AND #version = :expected")
                .name("#id", TaskTableSchema.ID).name("#version", TaskTableSchema.VERSION)
                .value(":expected", n(expectedVersion));
        inScope(condition, scope);
        onLog(condition, read.logSequence());
        PutItemRequest request = PutItemRequest.builder()
                .tableName(table.name)
                .item(item)
                .conditionExpression(condition.text())
                .expressionAttributeNames(condition.names())
                .expressionAttributeValues(condition.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        return new Write(() -> table.client.putItem(request), entry, isStored(task));
    }

    /**
     * An {@code UpdateItem} of the task item's log alone, on the condition that it exists in {@code scope} with the log
     * as read.
     */
    private Write logOnly(Map<String, AttributeValue> key, TaskScope scope, TaskSnapshot read, LoggedEntry entry,
            Predicate<TaskSnapshot> landed) {
        Expression condition = new Expression("attribute_exists(#id)").name("#id", TaskTableSchema.ID)
                .name("#entry", TaskTableSchema.LOG_ENTRY)
                .value(":next", n(entry.sequence())).value(":entry", HistoryItemMapper.logEntry(entry));
        inScope(condition, scope);
        onLog(condition, read.logSequence());
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(table.name)
                .key(key)
                .conditionExpression(condition.text())
                .updateExpression("SET #log = :next, #entry = :entry")
                .expressionAttributeNames(condition.names())
                .expressionAttributeValues(condition.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        return new Write(() -> table.client.updateItem(request), entry, landed);
    }

    /**
     * Whether a snapshot shows exactly {@code task}, version included: the write of it happened. Two writers of
     * byte-identical tasks are therefore not told apart.
     */
    private static Predicate<TaskSnapshot> isStored(Task task) {
        return stored -> stored.exists() && stored.task().equals(task);
    }

    /** Adds to a write's condition that a list's task is still in that list: a task changes only through its list. */
    static void inScope(Expression condition, TaskScope scope) {
        if (scope instanceof TaskScope.InList) {
            condition.append(" AND #scope = :scope").name("#scope", TaskTableSchema.SCOPE)
                    .value(":scope", s(TaskItemMapper.partition(scope)));
        }
    }

    /** Adds to a write's condition that the task's latest entry is still the one numbered {@code sequence}. */
    static void onLog(Expression condition, long sequence) {
        condition.name("#log", TaskTableSchema.LOG_SEQ);
        if (sequence == 0) {
            condition.append(" AND attribute_not_exists(#log)");
        } else {
            condition.append(" AND #log = :log").value(":log", n(sequence));
        }
    }

    /**
     * Waits before deciding again after the {@code attempt}th lost condition: not at all after the first, since most
     * failures are final (a conflict, a missing task); then a random time up to a bound that doubles, so that writers
     * of one busy task spread out instead of colliding again.
     */
    private static void backOff(int attempt) {
        if (attempt == 1) {
            return;
        }
        long bound = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(attempt - 2, 16));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted", e);
        }
    }
}
