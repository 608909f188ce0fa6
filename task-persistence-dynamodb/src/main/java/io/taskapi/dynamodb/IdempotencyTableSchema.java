package io.taskapi.dynamodb;

import io.taskapi.domain.NamedValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The one definition of the idempotency table: a table of its own, so listing tasks never reads these records, and so
 * its time to live can delete them without touching tasks.
 */
public final class IdempotencyTableSchema {
    /** The attributes of a record, each stored under its name in lower case, such as {@code claim_id}. */
    enum Attribute implements NamedValue {
        /** Hash key: the owner whose key it is. */
        OWNER,
        /** Range key: the client's idempotency key. */
        KEY,
        FINGERPRINT,
        CLAIM_ID,
        CLAIMED_AT,
        /** Epoch seconds; DynamoDB's time to live deletes the record some time after it passes. */
        EXPIRES_AT,
        /** This and the two after it are present once the attempt completed. */
        STATUS,
        HEADERS,
        BODY
    }

    /** The suffix of the default table name: {@code <tasks table>-idempotency}. */
    public static final String DEFAULT_SUFFIX = "-idempotency";

    private static final Set<String> OPERATIONS_USED = Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem");

    private IdempotencyTableSchema() {
    }

    /**
     * The table's key attributes in key-schema order: hash key, then range key.
     *
     * @return the two attribute names
     */
    public static List<String> tableKeys() {
        return List.of(Attribute.OWNER.value(), Attribute.KEY.value());
    }

    /**
     * Every key attribute with its DynamoDB type.
     *
     * @return the type ({@code S}) of each key attribute by name
     */
    public static Map<String, String> keyAttributeTypes() {
        return TableBootstrap.keyAttributeTypes(tableKeys(), List.of());
    }

    /**
     * The attribute DynamoDB's time to live reads.
     *
     * @return the attribute's name
     */
    public static String timeToLiveAttribute() {
        return Attribute.EXPIRES_AT.value();
    }

    /**
     * The DynamoDB API actions the store calls at runtime.
     *
     * @return the actions' names, such as {@code GetItem}
     */
    public static Set<String> operationsUsed() {
        return OPERATIONS_USED;
    }

    /**
     * The request that creates the table with on-demand billing (time to live is Terraform's to set).
     *
     * @param tableName the table's name
     * @return the request
     */
    public static CreateTableRequest createTableRequest(String tableName) {
        return TableBootstrap.createTableRequest(tableName, tableKeys(), List.of());
    }
}
