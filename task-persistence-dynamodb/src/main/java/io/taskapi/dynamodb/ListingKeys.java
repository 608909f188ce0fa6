package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.s;

import io.taskapi.domain.OwnerId;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskOrder;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UserId;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a listing reads, and its positions: the table, or the index whose keys serve the scope, filter and order. A
 * position is the range key of the last item a page read; the query's start key is rebuilt from it, the scope and the
 * filter, so no attribute or index name leaves the repository.
 *
 * @param indexName the index, or {@code null} for the table
 * @param hashKey   the attribute the key condition is on
 * @param hashValue the value of that attribute for this scope and filter
 * @param rangeKey  the range key of the table or index: the id, or the due key
 * @param low       exclusive lower bound of the range key, or {@code null}
 * @param high      exclusive upper bound of the range key, or {@code null}
 * @param scope     the scope every item listed is in, or {@code null} when the listing spans scopes (a user's assigned
 *                  tasks), whose positions then name the owner of the last item too
 */
record ListingKeys(
        String indexName, String hashKey, String hashValue, String rangeKey, String low, String high,
        TaskScope scope) {
    /** A canonical UUID, the shape of every id this service makes (tasks', comments'). */
    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    /** A canonical UUID; positions are task ids, and ids are UUIDs. */
    private static final Pattern POSITION = Pattern.compile(UUID);
    /** A due key: a date, then an id. */
    private static final Pattern DUE_POSITION = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}#" + UUID);
    /** An id of a list's task, or an id and {@value #OWNER_MARK} and the owner of an owner's own task. */
    private static final Pattern ASSIGNED_POSITION = Pattern.compile("(" + UUID + ")(?:@(.+))?", Pattern.DOTALL);
    private static final String OWNER_MARK = "@";
    private static final int MAX_KEY_BYTES = 1024;

    /** Above every {@code YYYY-MM-DD#id} key of one day, since ids are hex digits and dashes. */
    private static final String AFTER_DAY = "#~";

    static ListingKeys of(TaskScope scope, TaskFilter filter) {
        boolean inList = scope instanceof TaskScope.InList;
        String partition = TaskItemMapper.partition(scope);
        TaskStatus status = filter.status().orElse(null);
        TaskPriority priority = filter.priority().orElse(null);
        if (filter.order() == TaskOrder.DUE_DATE) {
            // Keys are YYYY-MM-DD#id: every key of a day sorts after the bare day and before day#~.
            String low = filter.dueAfter().map(day -> day + AFTER_DAY).orElse(null);
            String high = filter.dueBefore().map(LocalDate::toString).orElse(null);
            if (status != null) {
                return new ListingKeys(TaskTableSchema.STATUS_DUE_INDEX, TaskTableSchema.OWNER_STATUS,
                        TaskItemMapper.ownerStatus(scope, status), TaskTableSchema.DUE_KEY, low, high, scope);
            }
            return inList
                    ? new ListingKeys(TaskTableSchema.LIST_DUE_INDEX, TaskTableSchema.SCOPE, partition,
                            TaskTableSchema.DUE_KEY, low, high, scope)
                    : new ListingKeys(TaskTableSchema.DUE_INDEX, TaskTableSchema.OWNER, partition,
                            TaskTableSchema.DUE_KEY, low, high, scope);
        }
        if (status != null && priority != null) {
            return new ListingKeys(TaskTableSchema.STATUS_PRIORITY_INDEX, TaskTableSchema.OWNER_STATUS_PRIORITY,
                    TaskItemMapper.ownerStatusPriority(scope, status, priority),
                    TaskTableSchema.ID, null, null, scope);
        }
        if (status != null) {
            return new ListingKeys(TaskTableSchema.STATUS_INDEX, TaskTableSchema.OWNER_STATUS,
                    TaskItemMapper.ownerStatus(scope, status), TaskTableSchema.ID, null, null, scope);
        }
        if (priority != null) {
            return new ListingKeys(TaskTableSchema.PRIORITY_INDEX, TaskTableSchema.OWNER_PRIORITY,
                    TaskItemMapper.ownerPriority(scope, priority), TaskTableSchema.ID, null, null, scope);
        }
        // A list's tasks each have a partition of their own in the table, so only an index gathers them.
        return inList
                ? new ListingKeys(TaskTableSchema.LIST_INDEX, TaskTableSchema.SCOPE, partition, TaskTableSchema.ID,
                        null, null, scope)
                : new ListingKeys(null, TaskTableSchema.OWNER, partition, TaskTableSchema.ID, null, null, scope);
    }

    /** The tasks assigned to {@code user}, in every scope, newest first. */
    static ListingKeys assignedTo(UserId user) {
        return new ListingKeys(TaskTableSchema.ASSIGNEE_INDEX, TaskTableSchema.ASSIGNEE, user.value(),
                TaskTableSchema.ID, null, null, null);
    }

    boolean byDueKey() {
        return rangeKey.equals(TaskTableSchema.DUE_KEY);
    }

    /** Whether {@code position} has the shape of this listing's positions. */
    boolean isPosition(String position) {
        if (scope == null) {
            return ASSIGNED_POSITION.matcher(position).matches()
                    && position.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES;
        }
        return byDueKey() ? DUE_POSITION.matcher(position).matches() : POSITION.matcher(position).matches();
    }

    /** The position after the item {@code item} (or the last evaluated key): the listing goes on after it. */
    String position(Map<String, AttributeValue> item) {
        String range = item.get(rangeKey).s();
        if (scope != null) {
            return range;
        }
        String owner = item.get(TaskTableSchema.OWNER).s();
        // A list's task is keyed by its id alone; an owner's own task needs its owner to be found again.
        return owner.equals(TaskItemMapper.TASK_KEY_PREFIX + range) ? range : range + OWNER_MARK + owner;
    }

    /** A start key is the table key plus the index keys of the item the previous page ended on. */
    Map<String, AttributeValue> startKey(String position) {
        Map<String, AttributeValue> key;
        String rangeValue = position;
        if (scope == null) {
            var parts = ASSIGNED_POSITION.matcher(position);
            if (!parts.matches()) {
                throw new IllegalArgumentException("not a position of this repository");
            }
            rangeValue = parts.group(1);
            key = new HashMap<>(parts.group(2) == null ? TaskItemMapper.listTaskKey(rangeValue)
                    : TaskItemMapper.key(new TaskScope.Personal(new OwnerId(parts.group(2))), rangeValue));
        } else {
            String id = byDueKey() ? position.substring(position.indexOf('#') + 1) : position;
            key = new HashMap<>(TaskItemMapper.key(scope, id));
        }
        key.put(hashKey, s(hashValue));
        key.put(rangeKey, s(rangeValue));
        return key;
    }
}
