package io.taskapi.dynamodb;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The tasks table as the parts of {@link DynamoDbTaskRepository} share it: the client, the table, and the consistent
 * reads that decide: of one item, and of a task item with one of its comments.
 */
final class TaskTable {
    final DynamoDbClient client;
    final String name;

    /** The table {@code name}; the store facade has checked the name. */
    TaskTable(DynamoDbClient client, String name) {
        this.client = Objects.requireNonNull(client, "client");
        this.name = Objects.requireNonNull(name, "tableName");
    }

    /**
     * One consistent read of the task item under {@code taskKey} and, when {@code commentId} is given, the item of that
     * comment of task {@code taskId}: a {@code GetItem}, or a {@code BatchGetItem} of both.
     */
    TaskSnapshot snapshot(Map<String, AttributeValue> taskKey, String taskId, String commentId) {
        if (commentId == null) {
            return TaskSnapshot.of(find(taskKey).orElse(null), null);
        }
        Map<String, AttributeValue> task = null;
        Map<String, AttributeValue> comment = null;
        String history = HistoryItemMapper.partition(taskId);
        for (Map<String, AttributeValue> item : Batches.get(client, name,
                List.of(taskKey, HistoryItemMapper.commentKey(taskId, commentId)), true)) {
            if (history.equals(item.get(TaskTableSchema.OWNER).s())) {
                comment = item;
            } else {
                task = item;
            }
        }
        return TaskSnapshot.of(task, comment);
    }

    /** Whether an item is stored under {@code key}, read strongly consistently; reads its key attributes only. */
    boolean exists(Map<String, AttributeValue> key) {
        GetItemResponse response = DynamoDbErrors.call(() -> client.getItem(r -> r
                .tableName(name)
                .key(key)
                .consistentRead(true)
                .projectionExpression("#id")
                .expressionAttributeNames(Map.of("#id", TaskTableSchema.ID))));
        return response.hasItem() && !response.item().isEmpty();
    }

    /** The item under {@code key}, read strongly consistently. */
    Optional<Map<String, AttributeValue>> find(Map<String, AttributeValue> key) {
        GetItemResponse response = DynamoDbErrors.call(() -> client.getItem(r -> r
                .tableName(name)
                .key(key)
                .consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }
}
