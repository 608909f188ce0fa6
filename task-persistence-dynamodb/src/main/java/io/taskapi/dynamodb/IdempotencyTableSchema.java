package io.taskapi.dynamodb;

import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The one definition of the idempotency table: a table of its own, so listing tasks never reads these records, and so
 * its time to live can delete them without touching tasks.
 */
public final class IdempotencyTableSchema {
    /** Hash key: the owner whose key it is. */
    public static final String OWNER = "owner";
    /** Range key: the client's idempotency key. */
    public static final String KEY = "key";
    public static final String FINGERPRINT = "fingerprint";
    public static final String CLAIM_ID = "claim_id";
    public static final String CLAIMED_AT = "claimed_at";
    /** Epoch seconds; DynamoDB's time to live deletes the record some time after it passes. */
    public static final String EXPIRES_AT = "expires_at";
    /** Present once the attempt completed. */
    public static final String STATUS = "status";
    public static final String HEADERS = "headers";
    public static final String BODY = "body";

    /** The suffix of the default table name: {@code <tasks table>-idempotency}. */
    public static final String DEFAULT_SUFFIX = "-idempotency";

    private static final Set<String> OPERATIONS_USED = Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem");

    private IdempotencyTableSchema() {
    }

    /** The table's key attributes in key-schema order: hash key, then range key. */
    public static List<String> tableKeys() {
        return List.of(OWNER, KEY);
    }

    /** Every key attribute with its DynamoDB type. */
    public static Map<String, String> keyAttributeTypes() {
        return Map.of(OWNER, ScalarAttributeType.S.toString(), KEY, ScalarAttributeType.S.toString());
    }

    /** The attribute DynamoDB's time to live reads. */
    public static String timeToLiveAttribute() {
        return EXPIRES_AT;
    }

    /** The DynamoDB API actions the store calls at runtime. */
    public static Set<String> operationsUsed() {
        return OPERATIONS_USED;
    }

    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(OWNER).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(KEY).attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(OWNER).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(KEY).keyType(KeyType.RANGE).build())
                .build();
    }

    /**
     * Creates the table unless it exists and waits until it is active; for local runs and tests (deployed tables come
     * from Terraform, with time to live on {@value #EXPIRES_AT}).
     */
    public static void createIfMissing(DynamoDbClient client, String tableName) {
        try {
            client.describeTable(r -> r.tableName(tableName));
        } catch (ResourceNotFoundException missing) {
            try {
                client.createTable(createTableRequest(tableName));
            } catch (ResourceInUseException createdConcurrently) {
                // Another process created it first.
            }
        }
        for (int i = 0; i < 600; i++) {
            if (client.describeTable(r -> r.tableName(tableName)).table().tableStatus() == TableStatus.ACTIVE) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
            }
        }
        throw new IllegalStateException("table " + tableName + " did not become ACTIVE");
    }
}
