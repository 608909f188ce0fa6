package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.n;
import static io.taskapi.dynamodb.AttributeValues.s;

import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskAlreadyExistsException;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskSlice;
import io.taskapi.domain.UserId;
import io.taskapi.domain.VersionConflictException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The {@link TaskRepository} on one DynamoDB table laid out by {@link TaskTableSchema}, through the low-level client.
 *
 * <p>Every single-task operation is one request on one item: an owner's own task is addressed by
 * {@code (owner, id)}, a list's task by {@code (task:<id>, id)}, and conditional writes check existence, version and
 * scope in the same request, so a move between lists is one conditional write of one item. Listings are
 * {@link TaskListings}'s, and the bounded work on a whole list's tasks is {@link ListTaskCleanup}'s.
 *
 * <p>Consistency: {@link #find}, {@link #locate} and an owner's unfiltered listing read strongly consistently from the
 * table. Every other listing (a filter, a list's tasks, a user's assigned tasks) reads a global secondary index, which
 * DynamoDB updates asynchronously, so a task changed a moment ago may still be listed as it was (usually for well
 * under a second). Tasks are always returned as stored in the index, never in a state that was not written.
 */
final class DynamoDbTaskRepository implements TaskRepository {
    /** DynamoDB's limit for a range key value. */
    private static final int MAX_KEY_BYTES = 1024;

    private final TaskTable table;
    private final TaskListings listings;
    private final ListTaskCleanup cleanup;

    /** A repository on {@code tableName}; the store facade has checked the name. */
    DynamoDbTaskRepository(DynamoDbClient client, String tableName) {
        this.table = new TaskTable(client, tableName);
        this.listings = new TaskListings(table);
        this.cleanup = new ListTaskCleanup(table);
    }

    @Override
    public void create(TaskScope scope, Task task) {
        PutItemRequest request = PutItemRequest.builder()
                .tableName(table.name)
                .item(TaskItemMapper.toItem(scope, task))
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", TaskTableSchema.ID))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        DynamoDbErrors.call(() -> table.client.putItem(request), failed -> storedAfter(scope, task.id(), failed)
                .filter(task::equals).isPresent() ? null : new TaskAlreadyExistsException());
    }

    @Override
    public Optional<Task> find(TaskScope scope, String id) {
        if (!isStorableId(id)) {
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
        if (!isStorableId(id)) {
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
     * <p>One conditional {@code PutItem} of the whole item: its condition checks that the task exists in
     * {@code scope} at {@code expectedVersion}. A list's task has one item whatever its list, so a move only rewrites
     * its {@code scope} and the index keys built from it, in that same write.
     */
    @Override
    public void replace(TaskScope scope, Task task, long expectedVersion) {
        TaskRepository.requireMovableWithin(scope, task);
        if (!isStorableId(task.id())) {
            throw new TaskNotFoundException();
        }
        // Without attribute_exists a put on a missing key would silently create the task.
        Expression condition = new Expression("attribute_exists(#id) AND #version = :expected")
                .name("#id", TaskTableSchema.ID).name("#version", TaskTableSchema.VERSION)
                .value(":expected", n(expectedVersion));
        inScope(condition, scope);
        PutItemRequest request = PutItemRequest.builder()
                .tableName(table.name)
                .item(TaskItemMapper.toItem(TaskItemMapper.home(scope, task), task))
                .conditionExpression(condition.text())
                .expressionAttributeNames(condition.names())
                .expressionAttributeValues(condition.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        DynamoDbErrors.call(() -> table.client.putItem(request), failed -> {
            Optional<Map<String, AttributeValue>> stored = storedItemAfter(scope, task.id(), failed);
            if (stored.map(TaskItemMapper::toTask).filter(task::equals).isPresent()) {
                return null;
            }
            return stored.filter(item -> TaskItemMapper.isIn(scope, item)).isPresent()
                    ? new VersionConflictException() : new TaskNotFoundException();
        });
    }

    @Override
    public void delete(TaskScope scope, String id, Long expectedVersion) {
        if (!isStorableId(id)) {
            throw new TaskNotFoundException();
        }
        Expression condition = new Expression("attribute_exists(#id)").name("#id", TaskTableSchema.ID);
        if (expectedVersion != null) {
            condition.append(" AND #version = :expected").name("#version", TaskTableSchema.VERSION)
                    .value(":expected", n(expectedVersion));
        }
        inScope(condition, scope);
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
    public boolean unassignAll(String listId, UserId user, long now, int budget) {
        return cleanup.unassignAll(listId, user, now, budget);
    }

    @Override
    public boolean deleteAll(String listId, int budget) {
        return cleanup.deleteAll(listId, budget);
    }

    /** Adds to a write's condition that a list's task is still in that list: a task changes only through its list. */
    private static void inScope(Expression condition, TaskScope scope) {
        if (scope instanceof TaskScope.InList) {
            condition.append(" AND #scope = :scope").name("#scope", TaskTableSchema.SCOPE)
                    .value(":scope", s(TaskItemMapper.partition(scope)));
        }
    }

    /**
     * Whether {@code id} can be a key at all. Ids come from clients (URL paths); one DynamoDB would refuse as a key
     * cannot name a stored task, so it is not found rather than a request error.
     */
    private static boolean isStorableId(String id) {
        return id != null && !id.isEmpty()
                && (TaskItemMapper.TASK_KEY_PREFIX + id).getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES;
    }

    /**
     * The task stored under {@code id} after a conditional write on it failed, which tells what the failure means: no
     * task (not found), another task or version (a conflict), or exactly the task being written. The last happens when
     * the SDK retried a call whose answer was lost (a timeout, a reset connection) and the retry met its own earlier
     * write; the identical item, version included, proves the write happened, so it counts as a success.
     */
    private Optional<Task> storedAfter(TaskScope scope, String id, ConditionalCheckFailedException failure) {
        return storedItemAfter(scope, id, failure).map(TaskItemMapper::toTask);
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
