package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.s;

import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a listing reads, and its positions: the table, or the index whose keys serve the filter and order. A position
 * is the range key of the last item a page read; the query's start key is rebuilt from it, the owner and the filter, so
 * no attribute or index name leaves the repository.
 *
 * @param indexName the index, or {@code null} for the table
 * @param hashKey   the attribute the key condition is on
 * @param hashValue the value of that attribute for this owner and filter
 * @param rangeKey  the range key of the table or index: the id, or the due key
 * @param low       exclusive lower bound of the range key, or {@code null}
 * @param high      exclusive upper bound of the range key, or {@code null}
 */
record ListingKeys(
        String indexName, String hashKey, String hashValue, String rangeKey, String low, String high) {
    /** A canonical UUID; positions are task ids, and ids are UUIDs. */
    private static final Pattern POSITION =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** A due key: a date, then an id. */
    private static final Pattern DUE_POSITION = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}#[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Above every {@code YYYY-MM-DD#id} key of one day, since ids are hex digits and dashes. */
    private static final String AFTER_DAY = "#~";

    static ListingKeys of(OwnerId owner, TaskFilter filter) {
        if (filter.order() == TaskOrder.DUE_DATE) {
            // Keys are YYYY-MM-DD#id: every key of a day sorts after the bare day and before day#~.
            String low = filter.dueAfter() == null ? null : filter.dueAfter() + AFTER_DAY;
            String high = filter.dueBefore() == null ? null : filter.dueBefore().toString();
            if (filter.status() != null) {
                return new ListingKeys(TaskTableSchema.STATUS_DUE_INDEX, TaskTableSchema.OWNER_STATUS,
                        TaskItemMapper.ownerStatus(owner, filter.status()), TaskTableSchema.DUE_KEY, low, high);
            }
            return new ListingKeys(TaskTableSchema.DUE_INDEX, TaskTableSchema.OWNER, owner.value(),
                    TaskTableSchema.DUE_KEY, low, high);
        }
        if (filter.status() != null && filter.priority() != null) {
            return new ListingKeys(TaskTableSchema.STATUS_PRIORITY_INDEX, TaskTableSchema.OWNER_STATUS_PRIORITY,
                    TaskItemMapper.ownerStatusPriority(owner, filter.status(), filter.priority()),
                    TaskTableSchema.ID, null, null);
        }
        if (filter.status() != null) {
            return new ListingKeys(TaskTableSchema.STATUS_INDEX, TaskTableSchema.OWNER_STATUS,
                    TaskItemMapper.ownerStatus(owner, filter.status()), TaskTableSchema.ID, null, null);
        }
        if (filter.priority() != null) {
            return new ListingKeys(TaskTableSchema.PRIORITY_INDEX, TaskTableSchema.OWNER_PRIORITY,
                    TaskItemMapper.ownerPriority(owner, filter.priority()), TaskTableSchema.ID, null, null);
        }
        return new ListingKeys(null, TaskTableSchema.OWNER, owner.value(), TaskTableSchema.ID, null, null);
    }

    boolean byDueKey() {
        return rangeKey.equals(TaskTableSchema.DUE_KEY);
    }

    /** Whether {@code position} has the shape of this listing's positions: an id, or {@code YYYY-MM-DD#id}. */
    boolean isPosition(String position) {
        return byDueKey() ? DUE_POSITION.matcher(position).matches() : POSITION.matcher(position).matches();
    }

    String position(Task task) {
        return byDueKey() ? TaskItemMapper.dueKey(task) : task.id();
    }

    String position(Map<String, AttributeValue> key) {
        return key.get(rangeKey).s();
    }

    /** A start key is the table key plus the index keys of the item the previous page ended on. */
    Map<String, AttributeValue> startKey(OwnerId owner, String position) {
        String id = byDueKey() ? position.substring(position.indexOf('#') + 1) : position;
        Map<String, AttributeValue> key = new HashMap<>(TaskItemMapper.key(owner, id));
        key.put(hashKey, s(hashValue));
        key.put(rangeKey, s(position));
        return key;
    }
}
