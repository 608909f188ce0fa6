package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.TaskItemMapper.n;
import static io.taskapi.dynamodb.TaskItemMapper.s;

import io.taskapi.domain.OwnerId;
import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskAlreadyExistsException;
import io.taskapi.domain.TaskException;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskNotFoundException;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The {@link TaskRepository} on one DynamoDB table laid out by {@link TaskTableSchema}, through the low-level client.
 *
 * <p>Every operation is one request on one owner's keys: single-item reads and writes address the item by
 * {@code (owner, id)}, conditional writes check existence and version in the same request, and listings are a
 * {@code Query} (never a {@code Scan}) that reads at most {@code limit + 1} items per page.
 *
 * <p>Consistency: {@link #find} and unfiltered listings read strongly consistently from the table. Filtered listings
 * read a global secondary index, which DynamoDB updates asynchronously, so a task changed a moment ago may still be
 * listed under its previous status or priority (usually for well under a second). Tasks are always returned as stored
 * in the index, never in a state that was not written.
 */
public final class DynamoDbTaskRepository implements TaskRepository {
    /** A canonical UUID; positions are task ids, and ids are UUIDs. */
    private static final Pattern POSITION =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final String THROTTLING_ERROR_CODE = "ThrottlingException";
    /** DynamoDB's limit for a range key value. */
    private static final int MAX_KEY_BYTES = 1024;

    private final DynamoDbClient client;
    private final String tableName;
    private final AtomicBoolean missingTableReported = new AtomicBoolean();

    public DynamoDbTaskRepository(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        if (tableName.isBlank()) {
            throw new IllegalArgumentException("table name must not be blank");
        }
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
        execute(() -> client.putItem(request), failed -> storedAfter(owner, task.id(), failed)
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
        execute(() -> client.putItem(request), failed -> {
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
        execute(() -> client.deleteItem(built), failed -> storedAfter(owner, id, failed).isPresent()
                ? new VersionConflictException()
                : new TaskNotFoundException());
    }

    /**
     * {@inheritDoc}
     *
     * <p>The position is the id of the last task of the page; the query's start key is rebuilt from it, the owner and
     * the filter, so no attribute name or index key ever leaves this class.
     */
    @Override
    public TaskSlice list(OwnerId owner, TaskFilter filter, int limit, String afterPosition) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        if (afterPosition != null && !POSITION.matcher(afterPosition).matches()) {
            throw new IllegalArgumentException("not a position of this repository");
        }
        ListQuery query = ListQuery.of(owner, filter);
        // One item more than a page tells whether another page exists without reading any further.
        int probe = limit == Integer.MAX_VALUE ? limit : limit + 1;
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#hash = :hash")
                .expressionAttributeNames(Map.of("#hash", query.hashKey()))
                .expressionAttributeValues(Map.of(":hash", s(query.hashValue())))
                .scanIndexForward(false)
                .limit(probe);
        if (query.indexName() == null) {
            request.consistentRead(true);
        } else {
            request.indexName(query.indexName());
        }
        if (afterPosition != null) {
            request.exclusiveStartKey(query.startKey(owner, afterPosition));
        }
        QueryRequest built = request.build();
        QueryResponse response = execute(() -> client.query(built), null);

        List<Task> page = new ArrayList<>(Math.min(limit, response.items().size()));
        for (Map<String, AttributeValue> item : response.items()) {
            if (page.size() == limit) {
                break;
            }
            page.add(TaskItemMapper.toTask(item));
        }
        boolean more = response.items().size() > limit
                // DynamoDB also stops a query at 1 MB; then this short page is followed by another one.
                || (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() && !page.isEmpty());
        return new TaskSlice(page, more ? page.get(page.size() - 1).id() : null);
    }

    /**
     * Whether {@code id} can be a key at all. Ids come from clients (URL paths); one DynamoDB would refuse as a key
     * cannot name a stored task, so it is not found rather than a request error.
     */
    private static boolean isStorableId(String id) {
        return id != null && !id.isEmpty() && id.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES;
    }

    private Optional<Map<String, AttributeValue>> findItem(OwnerId owner, String id) {
        GetItemResponse response = execute(() -> client.getItem(r -> r
                .tableName(tableName)
                .key(TaskItemMapper.key(owner, id))
                .consistentRead(true)), null);
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

    /**
     * Runs one request and translates its failures; the only place SDK exceptions are interpreted.
     *
     * @param onConditionFailed what a failed condition means for this request: the exception to throw, or
     *                          {@code null} when the failure shows the write had already happened; {@code null}
     *                          itself if the request has no condition
     */
    private <T> T execute(
            Supplier<T> request, Function<ConditionalCheckFailedException, TaskException> onConditionFailed) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException e) {
            if (onConditionFailed == null) {
                throw e;
            }
            TaskException meaning = onConditionFailed.apply(e);
            if (meaning == null) {
                return null;
            }
            throw meaning;
        } catch (ResourceNotFoundException e) {
            reportMissingTable(e);
            throw new StoreUnavailableException(e);
        } catch (AwsServiceException e) {
            if (isTransient(e)) {
                throw new StoreUnavailableException(e);
            }
            throw e;
        } catch (SdkClientException e) {
            // No answer from the service: connection refused or reset, I/O error, or an SDK timeout.
            throw new StoreUnavailableException(e);
        }
    }

    private static boolean isTransient(AwsServiceException e) {
        if (e instanceof ProvisionedThroughputExceededException
                || e instanceof RequestLimitExceededException
                || e instanceof InternalServerErrorException) {
            return true;
        }
        AwsErrorDetails details = e.awsErrorDetails();
        if (details != null && THROTTLING_ERROR_CODE.equals(details.errorCode())) {
            return true;
        }
        return e.isThrottlingException() || e.statusCode() >= 500;
    }

    private void reportMissingTable(ResourceNotFoundException e) {
        // A missing table is a deployment error, not a transient one: say so loudly, but only once per repository.
        if (missingTableReported.compareAndSet(false, true)) {
            System.err.println("ERROR DynamoDB table '" + tableName + "' was not found (" + e.getMessage()
                    + "). Check the table name setting (TASKS_TABLE), the region and the endpoint; every request"
                    + " will fail as unavailable until the table exists.");
        }
    }

    /**
     * Where a listing reads: the table for no filter, otherwise the index whose hash key is the filter's values.
     *
     * @param indexName the index, or {@code null} for the table
     * @param hashKey   the attribute the key condition is on
     * @param hashValue the value of that attribute for this owner and filter
     */
    private record ListQuery(String indexName, String hashKey, String hashValue) {
        static ListQuery of(OwnerId owner, TaskFilter filter) {
            if (filter.status() != null && filter.priority() != null) {
                return new ListQuery(TaskTableSchema.STATUS_PRIORITY_INDEX, TaskTableSchema.OWNER_STATUS_PRIORITY,
                        TaskItemMapper.ownerStatusPriority(owner, filter.status(), filter.priority()));
            }
            if (filter.status() != null) {
                return new ListQuery(TaskTableSchema.STATUS_INDEX, TaskTableSchema.OWNER_STATUS,
                        TaskItemMapper.ownerStatus(owner, filter.status()));
            }
            if (filter.priority() != null) {
                return new ListQuery(TaskTableSchema.PRIORITY_INDEX, TaskTableSchema.OWNER_PRIORITY,
                        TaskItemMapper.ownerPriority(owner, filter.priority()));
            }
            return new ListQuery(null, TaskTableSchema.OWNER, owner.value());
        }

        /** An index's start key is the table key plus the index key of the item the previous page ended on. */
        Map<String, AttributeValue> startKey(OwnerId owner, String afterId) {
            Map<String, AttributeValue> key = new HashMap<>(TaskItemMapper.key(owner, afterId));
            key.put(hashKey, s(hashValue));
            return key;
        }
    }
}
