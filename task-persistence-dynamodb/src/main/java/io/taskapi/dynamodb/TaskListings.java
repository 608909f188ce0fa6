package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.s;

import io.taskapi.domain.Task;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskOrder;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskSlice;
import io.taskapi.domain.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The pages of task listings, for {@link DynamoDbTaskRepository}: one {@code Query} (never a {@code Scan}) per page,
 * where {@link ListingKeys} says, reading at most {@code limit + 1} items, or {@value #TAG_READ_FACTOR} ×
 * {@code limit} with a tag filter.
 */
final class TaskListings {
    /** Items a page with a tag filter may read, per item it may return. */
    static final int TAG_READ_FACTOR = 4;

    private final TaskTable table;

    TaskListings(TaskTable table) {
        this.table = table;
    }

    /**
     * Without a tag a page reads at most {@code limit + 1} items: the page and one more that proves another page
     * exists. A tag cannot be a key (a task has many), so a tag filter reads at most {@value #TAG_READ_FACTOR} ×
     * {@code limit} items in key order and keeps those with the tag; when that read ends before the listing does, the
     * page holds the matches found (perhaps fewer than {@code limit}, perhaps none) and a position to go on from.
     *
     * <p>The position is the range key of the last item read for the page: the id, or {@code YYYY-MM-DD#id} in the
     * due date order. The query's start key is rebuilt from it, the scope and the filter, so no attribute name or
     * index key ever leaves the repository.
     */
    TaskSlice list(TaskScope scope, TaskFilter filter, int limit, String afterPosition) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        ListingKeys query = ListingKeys.of(scope, filter);
        if (afterPosition != null && !query.isPosition(afterPosition)) {
            throw new IllegalArgumentException("not a position of this repository");
        }
        if (filter.isEmptyRange()) {
            return new TaskSlice(List.of(), null);
        }
        return page(query, filter.order() == TaskOrder.DUE_DATE, filter.tag().orElse(null), limit, afterPosition);
    }

    /**
     * One {@code Query} of {@code assignee-index} per page, reading at most {@code limit + 1} items, whatever the
     * number of lists the user is in. A position is the last task's id, followed by {@code @<owner>} when it is an
     * owner's own task (whose key needs its owner).
     */
    TaskSlice assignedTo(UserId user, int limit, String afterPosition) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        ListingKeys query = ListingKeys.assignedTo(user);
        if (afterPosition != null && !query.isPosition(afterPosition)) {
            throw new IllegalArgumentException("not a position of this repository");
        }
        return page(query, false, null, limit, afterPosition);
    }

    private TaskSlice page(ListingKeys query, boolean ascending, String tag, int limit, String afterPosition) {
        boolean bounded = tag != null;
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
                .tableName(table.name)
                .keyConditionExpression(keyCondition)
                .scanIndexForward(ascending)
                .limit(read);
        if (bounded) {
            // A filter over the items read, not a key: it narrows what is returned, never what is read.
            names.put("#tags", TaskTableSchema.TAGS);
            values.put(":tag", s(tag));
            request.filterExpression("contains(#tags, :tag)");
        }
        request.expressionAttributeNames(names).expressionAttributeValues(values);
        if (query.indexName() == null) {
            request.consistentRead(true);
        } else {
            request.indexName(query.indexName());
        }
        if (afterPosition != null) {
            request.exclusiveStartKey(query.startKey(afterPosition));
        }
        QueryRequest built = request.build();
        QueryResponse response = DynamoDbErrors.call(() -> table.client.query(built));

        List<Task> page = new ArrayList<>(Math.min(limit, response.items().size()));
        Map<String, AttributeValue> last = null;
        for (Map<String, AttributeValue> item : response.items()) {
            if (page.size() == limit) {
                break;
            }
            page.add(TaskItemMapper.toTask(item));
            last = item;
        }
        boolean stoppedEarly = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        String next;
        if (response.items().size() > limit) {
            next = query.position(last);
        } else if (stoppedEarly && (bounded || !page.isEmpty())) {
            // DynamoDB stopped at the read bound (or at 1 MB): go on after the last item it read, matching or not.
            next = query.position(response.lastEvaluatedKey());
        } else {
            next = null;
        }
        return new TaskSlice(page, next);
    }
}
