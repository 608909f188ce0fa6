package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.n;

import io.taskapi.domain.Activity;
import io.taskapi.domain.ActivityEntry;
import io.taskapi.domain.Comment;
import io.taskapi.domain.CommentNotFoundException;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Slice;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskSlice;
import io.taskapi.domain.UserId;
import io.taskapi.domain.VersionConflictException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The {@link TaskRepository} on one DynamoDB table laid out by {@link TaskTableSchema}, through the low-level client.
 *
 * <p>Every task is one item: an owner's own task is addressed by {@code (owner, id)}, a list's task by
 * {@code (task:<id>, id)}, and conditional writes check existence, version and scope in the same request, so a move
 * between lists is one conditional write of one item. Its comments and activity are items of its history partition
 * {@code history:<id>}, and the task item holds the latest entry: the writes that record one are {@link TaskWrites}'s,
 * the reads {@link TaskHistory}'s. Listings are {@link TaskListings}'s, and the bounded work on a whole list's tasks is
 * {@link ListTaskCleanup}'s.
 *
 * <p>Consistency: {@link #find}, {@link #locate}, an owner's unfiltered listing and every read of comments and activity
 * read strongly consistently from the table. Every other listing (a filter, a list's tasks, a user's assigned tasks)
 * reads a global secondary index, which DynamoDB updates asynchronously, so a task changed a moment ago may still be
 * listed as it was (usually for well under a second). Tasks are always returned as stored in the index, never in a
 * state that was not written.
 */
final class DynamoDbTaskRepository implements TaskRepository {
    private final TaskTable table;
    private final TaskListings listings;
    private final TaskWrites writes;
    private final TaskHistory history;
    private final ListTaskCleanup cleanup;

    /** A repository on {@code tableName}; the store facade has checked the name. */
    DynamoDbTaskRepository(DynamoDbClient client, String tableName) {
        this.table = new TaskTable(client, tableName);
        this.listings = new TaskListings(table);
        this.writes = new TaskWrites(table);
        this.history = new TaskHistory(table);
        this.cleanup = new ListTaskCleanup(table, writes, history);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One conditional {@code PutItem} of the task item holding its creation as its latest entry, then that entry's
     * item. A failed condition is decided with one consistent read: an item identical to ours is our own write met by
     * an SDK retry (success), any other a task that already exists.
     */
    @Override
    public void create(TaskScope scope, Task task, Activity created) {
        writes.create(scope, task, created);
    }

    @Override
    public Optional<Task> find(TaskScope scope, String id) {
        if (!TaskItemMapper.isStorableId(id)) {
            return Optional.empty();
        }
        return table.find(TaskItemMapper.key(scope, id)).filter(item -> TaskItemMapper.isIn(scope, item))
                .map(TaskItemMapper::toTask);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One strongly consistent {@code BatchGetItem} of the two places the task can be: the owner's own key and the
     * key of a list's task. A move rewrites the one item of a list's task, so a task being moved is found in one list
     * or the other, never in neither or both.
     */
    @Override
    public Optional<Task> locate(OwnerId owner, String id) {
        if (!TaskItemMapper.isStorableId(id)) {
            return Optional.empty();
        }
        TaskScope own = new TaskScope.Personal(owner);
        List<Map<String, AttributeValue>> items = Batches.get(table.client, table.name,
                List.of(TaskItemMapper.key(own, id), TaskItemMapper.listTaskKey(id)), true);
        // Ids are unique UUIDs, so at most one of them exists; should both, the owner's own is theirs for sure.
        return items.stream().filter(item -> TaskItemMapper.isIn(own, item)).findFirst()
                .or(() -> items.stream().filter(item -> item.containsKey(TaskTableSchema.SCOPE)).findFirst())
                .map(TaskItemMapper::toTask);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One consistent read of the task item, then one conditional {@code PutItem} of the whole item: its condition
     * checks that the task exists in {@code scope} at {@code expectedVersion} and that its latest entry is still the
     * one read. A list's task has one item whatever its list, so a move only rewrites its {@code scope} and the index
     * keys built from it, in that same write. See {@link TaskWrites} for the entry.
     */
    @Override
    public void replace(TaskScope scope, Task task, long expectedVersion, Activity change) {
        TaskRepository.requireMovableWithin(scope, task);
        if (!TaskItemMapper.isStorableId(task.id())) {
            throw new TaskNotFoundException();
        }
        writes.replace(scope, task, expectedVersion, change);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One conditional {@code DeleteItem} of the task item: its comments and activity are invisible from then on,
     * since every read of them reads the task item first, and {@link #purgeHistory} removes them.
     */
    @Override
    public void delete(TaskScope scope, String id, Long expectedVersion) {
        if (!TaskItemMapper.isStorableId(id)) {
            throw new TaskNotFoundException();
        }
        Expression condition = new Expression("attribute_exists(#id)").name("#id", TaskTableSchema.ID);
        if (expectedVersion != null) {
            condition.append(" AND #version = :expected").name("#version", TaskTableSchema.VERSION)
                    .value(":expected", n(expectedVersion));
        }
        TaskWrites.inScope(condition, scope);
        DeleteItemRequest.Builder request = DeleteItemRequest.builder()
                .tableName(table.name)
                .key(TaskItemMapper.key(scope, id))
                .conditionExpression(condition.text())
                .expressionAttributeNames(condition.names())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        // DynamoDB refuses an empty map of values, as it refuses a value no expression uses.
        if (!condition.values().isEmpty()) {
            request.expressionAttributeValues(condition.values());
        }
        DeleteItemRequest built = request.build();
        DynamoDbErrors.call(() -> table.client.deleteItem(built), failed -> storedItemAfter(scope, id, failed)
                .filter(item -> TaskItemMapper.isIn(scope, item)).isPresent()
                ? new VersionConflictException()
                : new TaskNotFoundException());
    }

    @Override
    public TaskSlice list(TaskScope scope, TaskFilter filter, int limit, String afterPosition) {
        return listings.list(scope, filter, limit, afterPosition);
    }

    @Override
    public TaskSlice assignedTo(UserId user, int limit, String afterPosition) {
        return listings.assignedTo(user, limit, afterPosition);
    }

    @Override
    public boolean unassignAll(String listId, UserId user, UserId actor, long now, int budget) {
        return cleanup.unassignAll(listId, user, actor, now, budget);
    }

    @Override
    public boolean deleteAll(String listId, int budget) {
        return cleanup.deleteAll(listId, budget);
    }

    @Override
    public boolean purgeHistory(String taskId, int budget) {
        return history.purgeDeleted(taskId, budget);
    }

    @Override
    public void addComment(TaskScope scope, Comment comment) {
        if (!TaskItemMapper.isStorableId(comment.taskId())) {
            throw new TaskNotFoundException();
        }
        writes.addComment(scope, comment);
    }

    @Override
    public Optional<Comment> findComment(TaskScope scope, String taskId, String commentId) {
        return history.findComment(scope, taskId, commentId);
    }

    @Override
    public void deleteComment(TaskScope scope, String taskId, String commentId, UserId actor, long at) {
        if (!TaskItemMapper.isStorableId(taskId)) {
            throw new TaskNotFoundException();
        }
        if (!HistoryItemMapper.isStorableCommentId(commentId)) {
            // No such comment can be stored; the task decides between the two answers.
            history.findComment(scope, taskId, commentId);
            throw new CommentNotFoundException();
        }
        writes.deleteComment(scope, taskId, commentId, actor, at);
    }

    @Override
    public Slice<Comment> comments(TaskScope scope, String taskId, int limit, String afterPosition) {
        return history.comments(scope, taskId, limit, afterPosition);
    }

    @Override
    public Slice<ActivityEntry> activity(TaskScope scope, String taskId, int limit, String afterPosition) {
        return history.activity(scope, taskId, limit, afterPosition);
    }

    /**
     * The item stored under the key the failed write addressed. DynamoDB returns it with the failure; engines that
     * ignore that option (dynalite) get one consistent read instead.
     */
    private Optional<Map<String, AttributeValue>> storedItemAfter(
            TaskScope scope, String id, ConditionalCheckFailedException failure) {
        return failure.hasItem() && !failure.item().isEmpty()
                ? Optional.of(failure.item())
                : table.find(TaskItemMapper.key(scope, id));
    }
}
