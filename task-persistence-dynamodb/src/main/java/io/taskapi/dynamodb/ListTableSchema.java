package io.taskapi.dynamodb;

import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The one definition of the lists table: shared lists, their members, the lists each user may belong to, invitations
 * and the queue of work left to finish. One table with generic keys and no indexes: each kind of item has its own key
 * shape, and every read is a key lookup or a query of one partition.
 *
 * <table>
 *   <caption>Items</caption>
 *   <tr><th>item</th><th>{@code pk}</th><th>{@code sk}</th></tr>
 *   <tr><td>a list</td><td>{@code list#<list id>}</td><td>{@code list}</td></tr>
 *   <tr><td>a member</td><td>{@code list#<list id>}</td><td>{@code member#<user id>}</td></tr>
 *   <tr><td>a list a user may belong to</td><td>{@code user#<user id>}</td><td>{@code list#<list id>}</td></tr>
 *   <tr><td>an invitation</td><td>{@code invitation#<code digest>}</td><td>{@code invitation}</td></tr>
 *   <tr><td>work left to finish</td><td>{@code pending}</td><td>{@code history#<task id>},
 *       {@code purge#<list id>}, {@code unassign#<list id>#<user id>}</td></tr>
 * </table>
 *
 * <p>The item attributes are the constants below; {@code DynamoDbListRepository} and
 * {@code DynamoDbInvitationRepository} read and write them, and its README describes every write that touches more than
 * one item.
 */
public final class ListTableSchema {
    /** Hash key of every item. */
    static final String PK = "pk";
    /** Range key of every item. */
    static final String SK = "sk";
    /** Epoch seconds after which an invitation no longer works; DynamoDB's time to live deletes it later. */
    static final String EXPIRES_AT = "expires_at";

    /** A list's name (list item). */
    static final String NAME = "name";
    /** Epoch seconds: a list's creation (list item), an invitation's (invitation item). */
    static final String CREATED_AT = "created_at";
    /** Epoch seconds of a list's last change (list item). */
    static final String UPDATED_AT = "updated_at";
    /** A list's version, 1 on creation (list item). */
    static final String VERSION = "version";
    /**
     * How many of a list's members are owners, never more than there are (list item): lowered before an owner is
     * demoted or removed, on the condition that another owner is left, and raised after one is promoted or added.
     */
    static final String OWNER_COUNT = "owner_count";
    /** The token of the last change of {@link #OWNER_COUNT}, so that a change the SDK retries is applied once. */
    static final String OWNER_COUNT_CHANGE = "owner_count_change";
    /** Epoch seconds when a list was deleted; present only on a deleted list, which no reader sees (list item). */
    static final String DELETED_AT = "deleted_at";
    /** The member's user id (member item, pending unassignment). */
    static final String USER_ID = "user_id";
    /** {@code owner}, {@code editor} or {@code viewer} (member item, invitation item). */
    static final String ROLE = "role";
    /** Epoch seconds when the member joined (member item, a user's list). */
    static final String JOINED_AT = "joined_at";
    /**
     * A random token of one membership, on its member item and on the user's list item that points to it: a removal
     * deletes that item only if it still carries the token, so it never deletes the entry of a membership made since.
     */
    static final String MEMBERSHIP = "membership";
    /** The list an invitation joins (invitation item) or pending work is about (pending items). */
    static final String LIST_ID = "list_id";
    /** The user who claimed an invitation (invitation item); absent while it is unused. */
    static final String USED_BY = "used_by";
    /** Epoch seconds when work was queued (pending items). */
    static final String QUEUED_AT = "queued_at";
    /** On a queued unassignment: who removed the member, named in the activity of the tasks it unassigns. */
    static final String ACTOR_ID = "actor_id";
    /** On a queued history purge: the deleted task whose comments and activity are still to be removed. */
    static final String TASK_ID = "task_id";

    /** The suffix of the default table name: {@code <tasks table>-lists}. */
    public static final String DEFAULT_SUFFIX = "-lists";

    private static final Set<String> OPERATIONS_USED = Set.of(
            "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "BatchGetItem", "BatchWriteItem");

    private ListTableSchema() {
    }

    /**
     * The table's key attributes in key-schema order: hash key, then range key.
     *
     * @return the two attribute names
     */
    public static List<String> tableKeys() {
        return List.of(PK, SK);
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
        return EXPIRES_AT;
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
