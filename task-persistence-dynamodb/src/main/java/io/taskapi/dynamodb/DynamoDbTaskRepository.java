package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.n;
import static io.taskapi.dynamodb.AttributeValues.s;

import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskAlreadyExistsException;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.TaskOrder;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskSlice;
import io.taskapi.domain.VersionConflictException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The {@link TaskRepository} on one DynamoDB table laid out by {@link TaskTableSchema}, through the low-level client.
 *
 * <p>Every operation is one request on one owner's keys: single-item reads and writes address the item by
 * {@code (owner, id)}, conditional writes check existence and version in the same request, and listings are a
 * {@code Query} (never a {@code Scan}) that reads at most {@code limit + 1} items per page, or
 * {@value #TAG_READ_FACTOR} × {@code limit} with a tag filter.
 *
 * <p>Consistency: {@link #find} and unfiltered listings read strongly consistently from the table. Filtered listings
 * read a global secondary index, which DynamoDB updates asynchronously, so a task changed a moment ago may still be
 * listed under its previous status or priority (usually for well under a second). Tasks are always returned as stored
 * in the index, never in a state that was not written.
 */
final class DynamoDbTaskRepository implements TaskRepository {
    /** Items a page with a tag filter may read, per item it may return. */
    static final int TAG_READ_FACTOR = 4;

    /** DynamoDB's limit for a range key value. */
    private static final int MAX_KEY_BYTES = 1024;

    private final DynamoDbClient client;
    private final String tableName;

    /** A repository on {@code tableName}; the store facade has checked the name. */
    DynamoDbTaskRepository(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public void create(OwnerId owner, Task task) {
        PutItemRequest request = PutItemRequest.builder()
                .tableName(tableName)
                .item(TaskItemMapper.toItem(owner, task))
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", TaskTableSchema.ID))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        DynamoDbErrors.call(() -> client.putItem(request), failed -> storedAfter(owner, task.id(), failed)
                .filter(task::equals).isPresent() ? null : new TaskAlreadyExistsException());
    }

    @Override
    public Optional<Task> find(OwnerId owner, String id) {
        if (!isStorableId(id)) {
            return Optional.empty();
        }
        return findItem(owner, id).map(TaskItemMapper::toTask);
    }

    @Override
    public void replace(OwnerId owner, Task task, long expectedVersion) {
        if (!isStorableId(task.id())) {
            throw new TaskNotFoundException();
        }
        PutItemRequest request = PutItemRequest.builder()
                .tableName(tableName)
                .item(TaskItemMapper.toItem(owner, task))
                // Without attribute_exists a put on a missing key would silently create the task.
                .conditionExpression("attribute_exists(#id) AND #version = :expected")
                .expressionAttributeNames(Map.of("#id", TaskTableSchema.ID, "#version", TaskTableSchema.VERSION))
                .expressionAttributeValues(Map.of(":expected", n(expectedVersion)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        DynamoDbErrors.call(() -> client.putItem(request), failed -> {
            Optional<Task> stored = storedAfter(owner, task.id(), failed);
            if (stored.filter(task::equals).isPresent()) {
                return null;
            }
            return stored.isPresent() ? new VersionConflictException() : new TaskNotFoundException();
        });
    }

    @Override
    public void delete(OwnerId owner, String id, Long expectedVersion) {
        if (!isStorableId(id)) {
            throw new TaskNotFoundException();
        }
        DeleteItemRequest.Builder request = DeleteItemRequest.builder()
                .tableName(tableName)
                .key(TaskItemMapper.key(owner, id))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        if (expectedVersion == null) {
            request.conditionExpression("attribute_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", TaskTableSchema.ID));
        } else {
            request.conditionExpression("attribute_exists(#id) AND #version = :expected")
                    .expressionAttributeNames(Map.of("#id", TaskTableSchema.ID, "#version", TaskTableSchema.VERSION))
                    .expressionAttributeValues(Map.of(":expected", n(expectedVersion)));
        }
        DeleteItemRequest built = request.build();
        DynamoDbErrors.call(() -> client.deleteItem(built), failed -> storedAfter(owner, id, failed).isPresent()
                ? new VersionConflictException()
                : new TaskNotFoundException());
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code Query} per page. Without a tag it reads at most {@code limit + 1} items: the page and one more that
     * proves another page exists. A tag cannot be a key (a task has many), so a tag filter reads at most
     * {@value #TAG_READ_FACTOR} × {@code limit} items in key order and keeps those with the tag; when that read ends
     * before the listing does, the page holds the matches found (perhaps fewer than {@code limit}, perhaps none) and a
     * position to go on from.
     *
     * <p>The position is the range key of the last item read for the page: the id, or {@code YYYY-MM-DD#id} in the
     * due date order. The query's start key is rebuilt from it, the owner and the filter, so no attribute name or
     * index key ever leaves this class.
     */
    @Override
    public TaskSlice list(OwnerId owner, TaskFilter filter, int limit, String afterPosition) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        ListingKeys query = ListingKeys.of(owner, filter);
        if (afterPosition != null && !query.isPosition(afterPosition)) {
            throw new IllegalArgumentException("not a position of this repository");
        }
        if (filter.isEmptyRange()) {
            return new TaskSlice(List.of(), null);
        }
        boolean bounded = filter.tag() != null;
        // One item more than a page tells whether another page exists without reading any further.
        int read = bounded ? (int) Math.min(Integer.MAX_VALUE, (long) limit * TAG_READ_FACTOR)
                : limit == Integer.MAX_VALUE ? limit : limit + 1;
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#hash", query.hashKey());
        values.put(":hash", s(query.hashValue()));
        String keyCondition = "#hash = :hash";
        if (query.low() != null || query.high() != null) {
            names.put("#range", query.rangeKey());
            if (query.low() != null && query.high() != null) {
                keyCondition += " AND #range BETWEEN :low AND :high";
            } else {
                keyCondition += query.low() != null ? " AND #range > :low" : " AND #range < :high";
            }
            if (query.low() != null) {
                values.put(":low", s(query.low()));
            }
            if (query.high() != null) {
                values.put(":high", s(query.high()));
            }
        }
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression(keyCondition)
                .scanIndexForward(filter.order() == TaskOrder.DUE_DATE)
                .limit(read);
        if (bounded) {
            // A filter over the items read, not a key: it narrows what is returned, never what is read.
            names.put("#tags", TaskTableSchema.TAGS);
            values.put(":tag", s(filter.tag()));
            request.filterExpression("contains(#tags, :tag)");
        }
        request.expressionAttributeNames(names).expressionAttributeValues(values);
        if (query.indexName() == null) {
            request.consistentRead(true);
        } else {
            request.indexName(query.indexName());
        }
        if (afterPosition != null) {
            request.exclusiveStartKey(query.startKey(owner, afterPosition));
        }
        QueryRequest built = request.build();
        QueryResponse response = DynamoDbErrors.call(() -> client.query(built));

        List<Task> page = new ArrayList<>(Math.min(limit, response.items().size()));
        for (Map<String, AttributeValue> item : response.items()) {
            if (page.size() == limit) {
                break;
            }
            page.add(TaskItemMapper.toTask(item));
        }
        boolean stoppedEarly = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        String next;
        if (response.items().size() > limit) {
            next = query.position(page.get(page.size() - 1));
        } else if (stoppedEarly && (bounded || !page.isEmpty())) {
            // DynamoDB stopped at the read bound (or at 1 MB): go on after the last item it read, matching or not.
            next = query.position(response.lastEvaluatedKey());
        } else {
            next = null;
        }
        return new TaskSlice(page, next);
    }

    /**
     * Whether {@code id} can be a key at all. Ids come from clients (URL paths); one DynamoDB would refuse as a key
     * cannot name a stored task, so it is not found rather than a request error.
     */
    private static boolean isStorableId(String id) {
        return id != null && !id.isEmpty() && id.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES;
    }

    private Optional<Map<String, AttributeValue>> findItem(OwnerId owner, String id) {
        GetItemResponse response = DynamoDbErrors.call(() -> client.getItem(r -> r
                .tableName(tableName)
                .key(TaskItemMapper.key(owner, id))
                .consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /**
     * The task stored under {@code id} after a conditional write on it failed, which tells what the failure means: no
     * task (not found), another task or version (a conflict), or exactly the task being written. The last happens when
     * the SDK retried a call whose answer was lost (a timeout, a reset connection) and the retry met its own earlier
     * write; the identical item, version included, proves the write happened, so it counts as a success.
     *
     * <p>DynamoDB returns the stored item with the failure; engines that ignore that option (dynalite) get one
     * consistent read instead.
     */
    private Optional<Task> storedAfter(OwnerId owner, String id, ConditionalCheckFailedException failure) {
        Optional<Map<String, AttributeValue>> item = failure.hasItem() && !failure.item().isEmpty()
                ? Optional.of(failure.item())
                : findItem(owner, id);
        return item.map(TaskItemMapper::toTask);
    }
}
