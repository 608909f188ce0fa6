package io.taskapi.dynamodb;

import io.taskapi.dynamodb.TaskTableSchema.Index;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Tables as the schemas define them: the request that creates one (on-demand billing, string keys, indexes projecting
 * every attribute), and its creation where it is missing, for local runs and tests. Deployed tables come from
 * Terraform, which the deployment checks compare with the same definitions.
 */
final class TableBootstrap {
    private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(5);
    /** Polls start fast (a local engine activates a table at once) and slow down to this interval. */
    private static final long MAX_POLL_MILLIS = 500;

    private TableBootstrap() {
    }

    /** Every key attribute of the table and its indexes, with its DynamoDB type: all are strings. */
    static Map<String, String> keyAttributeTypes(List<String> tableKeys, List<Index> indexes) {
        Map<String, String> types = new LinkedHashMap<>();
        for (String key : tableKeys) {
            types.put(key, ScalarAttributeType.S.toString());
        }
        for (Index index : indexes) {
            types.put(index.hashKey(), ScalarAttributeType.S.toString());
            types.put(index.rangeKey(), ScalarAttributeType.S.toString());
        }
        return types;
    }

    /** The request that creates a table keyed by {@code tableKeys} (hash, range) with {@code indexes}. */
    static CreateTableRequest createTableRequest(String tableName, List<String> tableKeys, List<Index> indexes) {
        List<AttributeDefinition> definitions = new ArrayList<>();
        keyAttributeTypes(tableKeys, indexes).forEach((name, type) -> definitions.add(
                AttributeDefinition.builder().attributeName(name).attributeType(type).build()));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definitions)
                .keySchema(keySchema(tableKeys.get(0), tableKeys.get(1)));
        if (!indexes.isEmpty()) {
            List<GlobalSecondaryIndex> secondary = new ArrayList<>();
            for (Index index : indexes) {
                secondary.add(GlobalSecondaryIndex.builder()
                        .indexName(index.name())
                        .keySchema(keySchema(index.hashKey(), index.rangeKey()))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build());
            }
            request.globalSecondaryIndexes(secondary);
        }
        return request.build();
    }

    /**
     * Creates the table unless it exists, then waits (at most five minutes) until it and its indexes are active. Safe
     * to call concurrently and repeatedly; an existing table is not compared with the request.
     */
    static void createIfMissing(DynamoDbClient client, CreateTableRequest request) {
        String tableName = request.tableName();
        try {
            client.describeTable(r -> r.tableName(tableName));
        } catch (ResourceNotFoundException missing) {
            try {
                client.createTable(request);
            } catch (ResourceInUseException createdConcurrently) {
                // Another process created it between our describe and our create: just wait for it like our own.
            }
        }
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        long pollMillis = 10;
        while (true) {
            TableDescription table = client.describeTable(r -> r.tableName(tableName)).table();
            if (isActive(table)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + tableName + " did not become ACTIVE within "
                        + ACTIVE_TIMEOUT + "; last status " + table.tableStatus());
            }
            try {
                Thread.sleep(pollMillis);
                pollMillis = Math.min(MAX_POLL_MILLIS, pollMillis * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
            }
        }
    }

    private static boolean isActive(TableDescription table) {
        if (table.tableStatus() != TableStatus.ACTIVE) {
            return false;
        }
        // Queries on an index that is still being built fail, so the table is usable only when all indexes are.
        return table.globalSecondaryIndexes().stream()
                .map(GlobalSecondaryIndexDescription::indexStatus)
                .allMatch(status -> status == null || status == IndexStatus.ACTIVE);
    }

    private static List<KeySchemaElement> keySchema(String hashKey, String rangeKey) {
        return List.of(
                KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(rangeKey).keyType(KeyType.RANGE).build());
    }
}
