package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.s;

import io.taskapi.domain.ActivityAction;
import io.taskapi.domain.ActivityEntry;
import io.taskapi.domain.Comment;
import io.taskapi.domain.Slice;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.TaskScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The reads of a task's comments and activity, and the purge of a deleted task's history, for
 * {@link DynamoDbTaskRepository} and {@link ListTaskCleanup}.
 *
 * <p>Every read starts with one consistent read of the task item: a task that is missing or in another scope is not
 * found, which is what makes a deleted task's history invisible at once. Then it queries the history partition, and
 * shows the task item's latest entry over what it finds: that entry may not be materialized yet (its writer stopped,
 * or is still under way), and an entry a writer materialized after the task item was read is left out. So a reader
 * never sees a task and its history disagree.
 */
final class TaskHistory {
    /** Items a page of comments reads at most, per comment it may return: deleted comments leave tombstones. */
    static final int COMMENT_READ_FACTOR = 4;
    /** Items read per request when working through a history in bounded steps. */
    private static final int BULK_PAGE = 100;

    private final TaskTable table;

    TaskHistory(TaskTable table) {
        this.table = table;
    }

    /**
     * The entries of the task numbered below {@code afterPosition} (all when {@code null}), newest first: one
     * {@code Query} of {@code a#} keys between 1 and the task item's {@code log_seq}, descending, reading no more
     * entries than the page returns. Entries are numbered 1, 2, 3... without gaps, so the range of a page is known
     * before it is read; the latest entry comes from the task item.
     */
    Slice<ActivityEntry> activity(TaskScope scope, String taskId, int limit, String afterPosition) {
        requireLimit(limit);
        long before = afterPosition == null ? Long.MAX_VALUE : HistoryItemMapper.sequenceOfPosition(afterPosition);
        TaskSnapshot task = readTask(scope, taskId);
        long upper = Math.min(task.logSequence(), before - 1);
        if (upper < 1) {
            return new Slice<>(List.of(), null);
        }
        long lowest = Math.max(1, upper - limit + 1);
        List<ActivityEntry> page = new ArrayList<>();
        long highest = upper;
        if (upper == task.logSequence()) {
            page.add(task.latest().entry());
            highest = upper - 1;
        }
        if (highest >= lowest) {
            long from = highest;
            QueryResponse response = DynamoDbErrors.call(() -> table.client.query(r -> r
                    .tableName(table.name)
                    .keyConditionExpression("#owner = :history AND #id BETWEEN :lowest AND :highest")
                    .expressionAttributeNames(Map.of("#owner", TaskTableSchema.OWNER, "#id", TaskTableSchema.ID))
                    .expressionAttributeValues(Map.of(":history", s(HistoryItemMapper.partition(taskId)),
                            ":lowest", s(HistoryItemMapper.activityId(lowest)),
                            ":highest", s(HistoryItemMapper.activityId(from))))
                    .scanIndexForward(false)
                    .consistentRead(true)
                    .limit((int) (from - lowest + 1))));
            response.items().forEach(item -> page.add(HistoryItemMapper.toActivityEntry(item)));
        }
        long last = page.get(page.size() - 1).sequence();
        return new Slice<>(page, last > 1 ? Long.toString(last) : null);
    }

    /**
     * The live comments of the task after {@code afterPosition}, oldest first: {@code Query}s of {@code c#} keys
     * ascending, tombstones filtered out, until one comment more than the page is found, the partition ends, or
     * {@value #COMMENT_READ_FACTOR} × {@code limit} items were read (then the page may be short, with a position to go
     * on from). The task item's latest entry adds the comment it posted, or hides the one it deleted.
     */
    Slice<Comment> comments(TaskScope scope, String taskId, int limit, String afterPosition) {
        requireLimit(limit);
        if (afterPosition != null && !HistoryItemMapper.isCommentPosition(afterPosition)) {
            throw new IllegalArgumentException("not a position of a comment listing");
        }
        LoggedEntry latest = readTask(scope, taskId).latest();
        String hidden = latest != null && latest.action() == ActivityAction.COMMENT_DELETED
                ? latest.entry().activity().commentId().orElseThrow() : null;
        Comment posted = latest != null && latest.action() == ActivityAction.COMMENTED
                && (afterPosition == null || latest.comment().id().compareTo(afterPosition) > 0)
                ? latest.comment() : null;

        TreeMap<String, Comment> found = new TreeMap<>();
        Map<String, AttributeValue> start = afterPosition == null ? null
                : HistoryItemMapper.commentKey(taskId, afterPosition);
        String lastRead = afterPosition;
        long read = 0;
        long readBound = (long) limit * COMMENT_READ_FACTOR;
        boolean exhausted = false;
        while (!exhausted && found.size() <= limit && read < readBound) {
            Map<String, AttributeValue> from = start;
            // One comment more than the page proves another page; one more again, in case the latest entry hides it.
            int wanted = (int) Math.min(Integer.MAX_VALUE, (long) limit + 2 - found.size());
            QueryResponse response = DynamoDbErrors.call(() -> table.client.query(r -> {
                r.tableName(table.name)
                        .keyConditionExpression("#owner = :history AND begins_with(#id, :comments)")
                        .filterExpression("attribute_not_exists(#deleted)")
                        .expressionAttributeNames(Map.of("#owner", TaskTableSchema.OWNER,
                                "#id", TaskTableSchema.ID, "#deleted", TaskTableSchema.DELETED_SEQ))
                        .expressionAttributeValues(Map.of(":history", s(HistoryItemMapper.partition(taskId)),
                                ":comments", s(TaskTableSchema.COMMENT_KEY_PREFIX)))
                        .consistentRead(true)
                        .limit(wanted);
                if (from != null) {
                    r.exclusiveStartKey(from);
                }
            }));
            for (Map<String, AttributeValue> item : response.items()) {
                Comment comment = HistoryItemMapper.toComment(item);
                if (!comment.id().equals(hidden)) {
                    found.put(comment.id(), comment);
                }
            }
            read += response.scannedCount() == null ? response.items().size() : response.scannedCount();
            exhausted = !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty();
            if (!exhausted) {
                start = response.lastEvaluatedKey();
                lastRead = start.get(TaskTableSchema.ID).s().substring(TaskTableSchema.COMMENT_KEY_PREFIX.length());
            }
        }
        // Within what was read, or the comment after it would belong on a later page, where it is added then.
        if (posted != null && (exhausted || posted.id().compareTo(lastRead) < 0)) {
            found.put(posted.id(), posted);
        }
        List<Comment> all = new ArrayList<>(found.values());
        if (all.size() > limit) {
            List<Comment> page = all.subList(0, limit);
            return new Slice<>(page, page.get(limit - 1).id());
        }
        return new Slice<>(all, exhausted ? null : lastRead);
    }

    /** The live comment {@code commentId} of the task: one consistent {@code BatchGetItem} of the task and comment. */
    Optional<Comment> findComment(TaskScope scope, String taskId, String commentId) {
        if (!HistoryItemMapper.isStorableCommentId(commentId)) {
            readTask(scope, taskId);
            return Optional.empty();
        }
        if (!TaskItemMapper.isStorableId(taskId)) {
            throw new TaskNotFoundException();
        }
        TaskSnapshot read = table.snapshot(TaskItemMapper.key(scope, taskId), taskId, commentId);
        if (!read.isIn(scope)) {
            throw new TaskNotFoundException();
        }
        return Optional.ofNullable(read.liveComment(commentId));
    }

    /**
     * Removes up to {@code budget} items of a deleted task's history: reads their keys with consistent {@code Query}s
     * and deletes them with {@code BatchWriteItem}, 25 per request. Touches nothing while the task item exists (read
     * consistently under the key its history items name): its history is still its own.
     *
     * @return whether none is left
     */
    boolean purgeDeleted(String taskId, int budget) {
        if (!TaskItemMapper.isStorableId(taskId)) {
            return true;
        }
        Items items = keys(taskId, oneMore(budget));
        if (items.found().isEmpty()) {
            return true;
        }
        Map<String, AttributeValue> taskKey = Map.of(TaskTableSchema.OWNER,
                s(HistoryItemMapper.taskOwner(items.found().get(0))), TaskTableSchema.ID, s(taskId));
        if (table.exists(taskKey)) {
            return true;
        }
        return delete(items, budget) == items.found().size() && items.exhausted();
    }

    /**
     * Removes up to {@code budget} items of a task's history whatever the state of the task, for the purge of a deleted
     * list, which removes a task's history before the task.
     *
     * @return how many were removed, and whether none is left
     */
    Purged purgeAny(String taskId, int budget) {
        Items items = keys(taskId, oneMore(budget));
        int deleted = delete(items, budget);
        return new Purged(deleted, deleted == items.found().size() && items.exhausted());
    }

    /** What a bounded purge did: {@code deleted} items, and whether that was all of them. */
    record Purged(int deleted, boolean done) {
        Purged {
            if (deleted < 0) {
                throw new IllegalArgumentException("deleted must not be negative");
            }
        }
    }

    /** Up to {@code max} items of a history, key attributes and task owner only, and whether that was all of them. */
    private record Items(List<Map<String, AttributeValue>> found, boolean exhausted) {
    }

    private Items keys(String taskId, int max) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        boolean exhausted = false;
        while (!exhausted && found.size() < max) {
            Map<String, AttributeValue> from = start;
            int wanted = Math.min(BULK_PAGE, max - found.size());
            QueryResponse response = DynamoDbErrors.call(() -> table.client.query(r -> {
                r.tableName(table.name)
                        .keyConditionExpression("#owner = :history")
                        .projectionExpression("#owner, #id, #taskOwner")
                        .expressionAttributeNames(Map.of("#owner", TaskTableSchema.OWNER, "#id", TaskTableSchema.ID,
                                "#taskOwner", TaskTableSchema.TASK_OWNER))
                        .expressionAttributeValues(Map.of(":history", s(HistoryItemMapper.partition(taskId))))
                        .consistentRead(true)
                        .limit(wanted);
                if (from != null) {
                    r.exclusiveStartKey(from);
                }
            }));
            found.addAll(response.items());
            exhausted = !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty();
            start = exhausted ? null : response.lastEvaluatedKey();
        }
        return new Items(found, exhausted);
    }

    /** Deletes the first {@code budget} of {@code items}; answers how many that was. */
    private int delete(Items items, int budget) {
        List<Map<String, AttributeValue>> removed = items.found().subList(0, Math.min(budget, items.found().size()));
        Batches.delete(table.client, table.name, removed.stream().map(HistoryItemMapper::keyOf).toList());
        return removed.size();
    }

    /** The task item, read consistently, if the task is one of {@code scope}'s. */
    private TaskSnapshot readTask(TaskScope scope, String taskId) {
        if (!TaskItemMapper.isStorableId(taskId)) {
            throw new TaskNotFoundException();
        }
        TaskSnapshot task = table.snapshot(TaskItemMapper.key(scope, taskId), taskId, null);
        if (!task.isIn(scope)) {
            throw new TaskNotFoundException();
        }
        return task;
    }

    /** One item more than {@code budget}: it tells whether any is left after this call. */
    private static int oneMore(int budget) {
        return budget == Integer.MAX_VALUE ? budget : budget + 1;
    }

    private static void requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }
}
