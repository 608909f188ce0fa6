package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.n;
import static io.taskapi.dynamodb.AttributeValues.s;

import io.taskapi.domain.Task;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The work on a whole list's tasks that the maintenance queue asks for, in steps bounded by a budget, for
 * {@link DynamoDbTaskRepository}: unassigning a removed member, deleting a deleted list's tasks.
 */
final class ListTaskCleanup {
    /** Items read per request when working through a list in bounded steps. */
    private static final int BULK_PAGE = 100;
    /** Attempts at unassigning one task that others keep changing. */
    private static final int UNASSIGN_ATTEMPTS = 3;

    private final TaskTable table;

    ListTaskCleanup(TaskTable table) {
        this.table = table;
    }

    /**
     * Reads the user's assigned tasks from {@code assignee-index}, keeping those of the list (a filter: the index
     * cannot be keyed by list as well), and unassigns each with a conditional {@code UpdateItem} that checks it is still
     * in the list, still assigned to the user, and still at the version read, so it never undoes a concurrent change.
     * The reads go on past tasks of other lists, since a next call would meet them again; what is bounded by
     * {@code budget} is the tasks unassigned.
     *
     * <p>The index is updated asynchronously: a task assigned a moment ago may not be in it yet, so {@code true} means
     * none was left as far as the index shows.
     */
    boolean unassignAll(String listId, UserId user, long now, int budget) {
        String scope = TaskItemMapper.partition(new TaskScope.InList(listId));
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
                unassign(TaskItemMapper.toTask(item), scope, user, now);
                handled++;
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return true;
    }

    /** Unassigns one list's task from {@code user} unless it no longer is theirs, there, or at all. */
    private void unassign(Task seen, String scope, UserId user, long now) {
        Task current = seen;
        for (int attempt = 1; attempt <= UNASSIGN_ATTEMPTS; attempt++) {
            long expected = current.version();
            Task unassigned = current.unassigned(now);
            boolean done = DynamoDbErrors.conditionHeld(() -> table.client.updateItem(r -> r
                    .tableName(table.name)
                    .key(TaskItemMapper.listTaskKey(unassigned.id()))
                    .conditionExpression("#assignee = :user AND #scope = :scope AND #version = :expected")
                    .updateExpression("REMOVE #assignee SET #version = :version, #updated = :updated")
                    .expressionAttributeNames(Map.of("#assignee", TaskTableSchema.ASSIGNEE,
                            "#scope", TaskTableSchema.SCOPE, "#version", TaskTableSchema.VERSION,
                            "#updated", TaskTableSchema.UPDATED_AT))
                    .expressionAttributeValues(Map.of(":user", s(user.value()),
                            ":scope", s(scope),
                            ":expected", n(expected), ":version", n(unassigned.version()),
                            ":updated", n(unassigned.updatedAt())))));
            if (done) {
                return;
            }
            // Changed since the index showed it (or the index lagged): decide on the task as it is now.
            Optional<Task> stored = table.find(TaskItemMapper.listTaskKey(seen.id())).map(TaskItemMapper::toTask);
            if (stored.isEmpty() || !user.equals(stored.get().assignee())
                    || !seen.listId().equals(stored.get().listId())) {
                return;
            }
            current = stored.get();
        }
        // Others keep changing it; it stays for a later call, as the next query will show it again.
    }

    /**
     * Reads the list's tasks from {@code list-index}, confirms with one strongly consistent {@code BatchGetItem} that
     * each is still in the list (the index may lag behind a move out of it), and deletes those with
     * {@code BatchWriteItem}, 25 per request.
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
        if (!keys.isEmpty()) {
            List<Map<String, AttributeValue>> stillThere = Batches.get(table.client, table.name, keys, true).stream()
                    .filter(item -> TaskItemMapper.isIn(list, item))
                    .map(item -> TaskItemMapper.listTaskKey(item.get(TaskTableSchema.ID).s()))
                    .toList();
            Batches.delete(table.client, table.name, stillThere);
        }
        return exhausted && ids.size() <= budget;
    }
}
