package io.taskapi.dynamodb;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The tasks table as the parts of {@link DynamoDbTaskRepository} share it: the client, the table, and the consistent
 * read of one item that decides after a failed condition.
 */
final class TaskTable {
    final DynamoDbClient client;
    final String name;

    /** The table {@code name}; the store facade has checked the name. */
    TaskTable(DynamoDbClient client, String name) {
        this.client = Objects.requireNonNull(client, "client");
        this.name = Objects.requireNonNull(name, "tableName");
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
