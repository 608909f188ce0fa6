package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.s;

import io.taskapi.domain.TaskScope;
import io.taskapi.domain.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The work on a whole list's tasks that the maintenance queue asks for, in steps bounded by a budget, for
 * {@link DynamoDbTaskRepository}: unassigning a removed member, deleting a deleted list's tasks with their histories.
 */
final class ListTaskCleanup {
    /** Items read per request when working through a list in bounded steps. */
    private static final int BULK_PAGE = 100;

    private final TaskTable table;
    private final TaskWrites writes;
    private final TaskHistory history;

    ListTaskCleanup(TaskTable table, TaskWrites writes, TaskHistory history) {
        this.table = table;
        this.writes = writes;
        this.history = history;
    }

    /**
     * Reads the user's assigned tasks from {@code assignee-index}, keeping those of the list (a filter: the index
     * cannot be keyed by list as well), and unassigns each as {@link TaskWrites#unassign} does: decided on a consistent
     * read of the task, on the condition that it is still at the version read (so it never undoes a concurrent change),
     * and recorded as an {@code assigned} entry made by {@code actor}. The reads go on past tasks of other lists, since
     * a next call would meet them again; what is bounded by {@code budget} is the tasks unassigned.
     *
     * <p>The index is updated asynchronously: a task assigned a moment ago may not be in it yet, so {@code true} means
     * none was left as far as the index shows.
     */
    boolean unassignAll(String listId, UserId user, UserId actor, long now, int budget) {
        TaskScope.InList list = new TaskScope.InList(listId);
        String scope = TaskItemMapper.partition(list);
        Map<String, AttributeValue> start = null;
        int handled = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse response = DynamoDbErrors.call(() -> table.client.query(r -> {
                r.tableName(table.name)
                        .indexName(TaskTableSchema.ASSIGNEE_INDEX)
                        .keyConditionExpression("#assignee = :user")
                        .filterExpression("#scope = :scope")
                        .expressionAttributeNames(Map.of("#assignee", TaskTableSchema.ASSIGNEE,
                                "#scope", TaskTableSchema.SCOPE))
                        .expressionAttributeValues(Map.of(":user", s(user.value()), ":scope", s(scope)))
                        .limit(BULK_PAGE);
                if (from != null) {
                    r.exclusiveStartKey(from);
                }
            }));
            for (Map<String, AttributeValue> item : response.items()) {
                if (handled == budget) {
                    return false;
                }
                writes.unassign(list, item.get(TaskTableSchema.ID).s(), user, actor, now);
                handled++;
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return true;
    }

    /**
     * Reads the list's tasks from {@code list-index}, confirms with one strongly consistent {@code BatchGetItem} that
     * each is still in the list (the index may lag behind a move out of it), and for each removes its history first
     * ({@link TaskHistory#purgeAny}), then the task item with a conditional {@code DeleteItem}: still in the list, and
     * still with the latest entry read, so that no entry recorded meanwhile outlives it. The task item goes last, so
     * that a call stopped anywhere leaves it for the next call to find, with what is left of its history; the list is
     * deleted, so no member reads either. {@code budget} bounds the items deleted, history items included.
     */
    boolean deleteAll(String listId, int budget) {
        TaskScope list = new TaskScope.InList(listId);
        String scope = TaskItemMapper.partition(list);
        // Up to one id more than the budget: it tells whether any is left after this call.
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        boolean exhausted = false;
        while (!exhausted && ids.size() <= budget) {
            Map<String, AttributeValue> from = start;
            int wanted = budget + 1 - ids.size();
            QueryResponse response = DynamoDbErrors.call(() -> table.client.query(r -> {
                r.tableName(table.name)
                        .indexName(TaskTableSchema.LIST_INDEX)
                        .keyConditionExpression("#scope = :scope")
                        .expressionAttributeNames(Map.of("#scope", TaskTableSchema.SCOPE))
                        .expressionAttributeValues(Map.of(":scope", s(scope)))
                        .limit(Math.min(BULK_PAGE, wanted));
                if (from != null) {
                    r.exclusiveStartKey(from);
                }
            }));
            response.items().forEach(item -> ids.add(item.get(TaskTableSchema.ID).s()));
            exhausted = !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty();
            start = exhausted ? null : response.lastEvaluatedKey();
        }
        List<Map<String, AttributeValue>> keys = ids.subList(0, Math.min(budget, ids.size())).stream()
                .map(TaskItemMapper::listTaskKey).toList();
        boolean finished = exhausted && ids.size() <= budget;
        if (keys.isEmpty()) {
            return finished;
        }
        int left = budget;
        for (Map<String, AttributeValue> item : Batches.get(table.client, table.name, keys, true)) {
            if (!TaskItemMapper.isIn(list, item)) {
                continue;
            }
            String taskId = item.get(TaskTableSchema.ID).s();
            TaskHistory.Purged purged = history.purgeAny(taskId, left);
            left -= purged.deleted();
            if (!purged.done() || left == 0) {
                return false;
            }
            Expression condition = new Expression("#scope = :scope").name("#scope", TaskTableSchema.SCOPE)
                    .value(":scope", s(scope));
            TaskWrites.onLog(condition, HistoryItemMapper.logSequence(item));
            boolean deleted = DynamoDbErrors.conditionHeld(() -> table.client.deleteItem(r -> r
                    .tableName(table.name)
                    .key(TaskItemMapper.listTaskKey(taskId))
                    .conditionExpression(condition.text())
                    .expressionAttributeNames(condition.names())
                    .expressionAttributeValues(condition.values())));
            left--;
            // A task changed meanwhile (a late unassignment) stays for the next call, with its new history.
            finished &= deleted;
        }
        return finished;
    }
}
