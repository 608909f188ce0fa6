package io.taskapi.dynamodb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The one definition of the tasks table: attribute names, key schema and secondary indexes, which the repository,
 * the table bootstrap and the infrastructure checks all read from here.
 */
public final class TaskTableSchema {
    /**
     * Table hash key: the owner of a task of someone's own ({@code user:<sub>} or {@code shared}), so every access is
     * confined to one owner's partition; for a list's task {@code task:<id>}, so that the task is found by its id
     * alone and moves between lists with one conditional write.
     */
    public static final String OWNER = "owner";
    /** Table range key and most indexes' range key: a time-ordered UUIDv7, so sorting by it sorts by creation. */
    public static final String ID = "id";
    /** The task's text; named like the wire field. */
    public static final String TEXT = "task";
    public static final String STATUS = "status";
    public static final String PRIORITY = "priority";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";
    public static final String VERSION = "version";
    /** The optional description; absent when the task has none. */
    public static final String DESCRIPTION = "description";
    /** The optional due date as {@code YYYY-MM-DD}; absent when the task has none. */
    public static final String DUE_DATE = "due_date";
    /** The tags as a list of strings (a list keeps their order; a string set would not); absent when there are none. */
    public static final String TAGS = "tags";
    /** {@code owner#status}: hash key of {@link #STATUS_INDEX}. */
    public static final String OWNER_STATUS = "owner_status";
    /** {@code owner#priority}: hash key of {@link #PRIORITY_INDEX}. */
    public static final String OWNER_PRIORITY = "owner_priority";
    /** {@code owner#status#priority}: hash key of {@link #STATUS_PRIORITY_INDEX}. */
    public static final String OWNER_STATUS_PRIORITY = "owner_status_priority";
    /**
     * {@code list:<list id>}, written only on a list's task: hash key of {@link #LIST_INDEX} and
     * {@link #LIST_DUE_INDEX}, and the first part of the composite keys above in place of the owner.
     */
    public static final String SCOPE = "scope";
    /** The list of a list's task; absent on a task of someone's own. */
    public static final String LIST_ID = "list_id";
    /** The user id of the member the task is assigned to: hash key of {@link #ASSIGNEE_INDEX}; absent when none. */
    public static final String ASSIGNEE = "assignee";

    /**
     * {@code YYYY-MM-DD#id}, written only for a task with a due date: range key of {@link #DUE_INDEX} and
     * {@link #STATUS_DUE_INDEX}, which are therefore sparse and sort by due date, then by creation.
     */
    public static final String DUE_KEY = "due_key";

    public static final String STATUS_INDEX = "status-index";
    public static final String PRIORITY_INDEX = "priority-index";
    public static final String STATUS_PRIORITY_INDEX = "status-priority-index";
    public static final String DUE_INDEX = "due-index";
    public static final String STATUS_DUE_INDEX = "status-due-index";
    public static final String LIST_INDEX = "list-index";
    public static final String LIST_DUE_INDEX = "list-due-index";
    public static final String ASSIGNEE_INDEX = "assignee-index";

    private static final List<Index> INDEXES = List.of(
            new Index(STATUS_INDEX, OWNER_STATUS, ID),
            new Index(PRIORITY_INDEX, OWNER_PRIORITY, ID),
            new Index(STATUS_PRIORITY_INDEX, OWNER_STATUS_PRIORITY, ID),
            new Index(DUE_INDEX, OWNER, DUE_KEY),
            new Index(STATUS_DUE_INDEX, OWNER_STATUS, DUE_KEY),
            new Index(LIST_INDEX, SCOPE, ID),
            new Index(LIST_DUE_INDEX, SCOPE, DUE_KEY),
            new Index(ASSIGNEE_INDEX, ASSIGNEE, ID));

    private static final Set<String> OPERATIONS_USED = Set.of(
            "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "BatchGetItem", "BatchWriteItem");

    private TaskTableSchema() {
    }

    /**
     * A global secondary index of the table; every index projects all attributes.
     *
     * @param name     the index name
     * @param hashKey  the string attribute the index is partitioned by
     * @param rangeKey the string attribute the index is sorted by
     */
    public record Index(String name, String hashKey, String rangeKey) {
    }

    /** The table's key attributes in key-schema order: hash key, then range key. */
    public static List<String> tableKeys() {
        return List.of(OWNER, ID);
    }

    /** The global secondary indexes, all with projection ALL. */
    public static List<Index> indexes() {
        return INDEXES;
    }

    /** Index name to its key attributes in key-schema order (hash key, range key), for consistency checks. */
    public static Map<String, List<String>> indexKeys() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (Index index : INDEXES) {
            keys.put(index.name(), List.of(index.hashKey(), index.rangeKey()));
        }
        return keys;
    }

    /** Every attribute that is a key of the table or of an index, with its DynamoDB type ({@code S}). */
    public static Map<String, String> keyAttributeTypes() {
        return TableBootstrap.keyAttributeTypes(tableKeys(), INDEXES);
    }

    /** Every attribute a stored task item has. */
    public static List<String> itemAttributes() {
        return List.of(OWNER, ID, TEXT, STATUS, PRIORITY, CREATED_AT, UPDATED_AT, VERSION,
                OWNER_STATUS, OWNER_PRIORITY, OWNER_STATUS_PRIORITY);
    }

    /** The DynamoDB API actions the repository calls at runtime; the least privilege its role needs. */
    public static Set<String> operationsUsed() {
        return OPERATIONS_USED;
    }

    /** The request that creates the table with on-demand billing. */
    public static CreateTableRequest createTableRequest(String tableName) {
        return TableBootstrap.createTableRequest(tableName, tableKeys(), INDEXES);
    }

}
