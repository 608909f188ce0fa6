package io.taskapi.dynamodb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The one definition of the tasks table: attribute names, key schema and secondary indexes, and the items of each
 * task's history and attachments, which the repositories, the table bootstrap and the infrastructure checks all read
 * from here.
 */
public final class TaskTableSchema {
    /**
     * Table hash key: the owner of a task of someone's own ({@code user:<sub>} or {@code shared}), so every access is
     * confined to one owner's partition; for a list's task {@code task:<id>}, so that the task is found by its id
     * alone and moves between lists with one conditional write.
     */
    static final String OWNER = "owner";
    /** Table range key and most indexes' range key: a time-ordered UUIDv7, so sorting by it sorts by creation. */
    static final String ID = "id";
    /** The task's text; named like the wire field. */
    static final String TEXT = "task";
    static final String STATUS = "status";
    static final String PRIORITY = "priority";
    static final String CREATED_AT = "created_at";
    static final String UPDATED_AT = "updated_at";
    static final String VERSION = "version";
    /** The optional description; absent when the task has none. */
    static final String DESCRIPTION = "description";
    /** The optional due date as {@code YYYY-MM-DD}; absent when the task has none. */
    static final String DUE_DATE = "due_date";
    /** The tags as a list of strings (a list keeps their order; a string set would not); absent when there are none. */
    static final String TAGS = "tags";
    /** {@code owner#status}: hash key of {@link #STATUS_INDEX}. */
    static final String OWNER_STATUS = "owner_status";
    /** {@code owner#priority}: hash key of {@link #PRIORITY_INDEX}. */
    static final String OWNER_PRIORITY = "owner_priority";
    /** {@code owner#status#priority}: hash key of {@link #STATUS_PRIORITY_INDEX}. */
    static final String OWNER_STATUS_PRIORITY = "owner_status_priority";
    /**
     * {@code list:<list id>}, written only on a list's task: hash key of {@link #LIST_INDEX} and
     * {@link #LIST_DUE_INDEX}, and the first part of the composite keys above in place of the owner.
     */
    static final String SCOPE = "scope";
    /** The list of a list's task; absent on a task of someone's own. */
    static final String LIST_ID = "list_id";
    /** The user id of the member the task is assigned to: hash key of {@link #ASSIGNEE_INDEX}; absent when none. */
    static final String ASSIGNEE = "assignee";

    /**
     * {@code YYYY-MM-DD#id}, written only for a task with a due date: range key of {@link #DUE_INDEX} and
     * {@link #STATUS_DUE_INDEX}, which are therefore sparse and sort by due date, then by creation.
     */
    static final String DUE_KEY = "due_key";

    /**
     * On a task item: the sequence number of the task's latest activity entry, 1 for its creation; absent while it has
     * none. Every write that records an entry raises it by one on the condition that it is still what the writer read,
     * so the task item is the commit point of each change and its entry.
     */
    static final String LOG_SEQ = "log_seq";
    /**
     * On a task item: the entry numbered {@link #LOG_SEQ} in full (a map of {@link #AT}, {@link #ACTOR},
     * {@link #ACTION}, {@link #CHANGES}, {@link #COMMENT_ID} and, for a {@code commented} entry, {@link #COMMENT}), so
     * that whoever reads or writes the task next can materialize it as a history item or show it before that.
     */
    static final String LOG_ENTRY = "log_entry";

    /**
     * Prefix of the hash key of a task's history partition, {@code history:<task id>}: its activity entries and its
     * comments. Owners are {@code user:<sub>} or {@code shared}, so no owner's partition is named like one.
     */
    static final String HISTORY_KEY_PREFIX = "history:";
    /** Prefix of an activity entry's range key: {@code a#<sequence, zero-padded to 19 digits>}, sorted by sequence. */
    static final String ACTIVITY_KEY_PREFIX = "a#";
    /** Prefix of a comment's range key: {@code c#<comment id>}; ids are UUIDv7, so comments sort oldest first. */
    static final String COMMENT_KEY_PREFIX = "c#";
    /**
     * On every history item: the hash key of its task's item (the owner, or {@code task:<id>}), which never changes, so
     * that a purge can tell from the history alone whether the task still exists.
     */
    static final String TASK_OWNER = "task_owner";
    /** When an activity entry happened, in epoch seconds (activity item, {@link #LOG_ENTRY}). */
    static final String AT = "at";
    /** Who made the change (activity item, {@link #LOG_ENTRY}). */
    static final String ACTOR = "actor";
    /**
     * What an entry records: {@code created}, {@code updated}, {@code moved}, {@code assigned}, {@code commented} or
     * {@code comment_deleted}.
     */
    static final String ACTION = "action";
    /**
     * Each changed field by name ({@code text}, {@code due_date}, ...) to a map of {@link #FROM} and {@link #TO}: a
     * string, tags as a list of strings, or NULL for no value. Absent on entries about comments.
     */
    static final String CHANGES = "changes";
    static final String FROM = "from";
    static final String TO = "to";
    /** The comment an entry about a comment is about (activity item, {@link #LOG_ENTRY}). */
    static final String COMMENT_ID = "comment_id";
    /**
     * In a {@code commented} {@link #LOG_ENTRY}: the comment posted, a map of {@link #AUTHOR}, {@link #COMMENT_TEXT}
     * and {@link #CREATED_AT}, from which the comment's item is written.
     */
    static final String COMMENT = "comment";
    /** Who posted a comment (comment item, {@link #COMMENT}). */
    static final String AUTHOR = "author";
    /** A comment's text (comment item, {@link #COMMENT}). */
    static final String COMMENT_TEXT = "text";
    /**
     * On a deleted comment's item, which stays as a tombstone without author or text until the task's history is
     * purged: the sequence of the entry that deleted it. A late write of the comment, by a writer that materializes its
     * {@code commented} entry after the deletion, is conditional on no item, so it cannot bring the comment back.
     */
    static final String DELETED_SEQ = "deleted_seq";

    /**
     * Prefix of the hash key of a task's attachments partition, {@code attachments:<task id>}: one item per attachment
     * record (its file is kept elsewhere). Like {@code history:}, never an owner's id, and no index sees its items.
     */
    static final String ATTACHMENTS_KEY_PREFIX = "attachments:";
    /**
     * Prefix of an attachment item's range key: {@code slot#<n>}, {@code n} from 0 to the per-task limit − 1,
     * zero-padded to the width of the highest. A task has as many slots as it may have attachments, and an attachment
     * is added by a put on the condition that its slot is free, so the limit holds without transactions.
     */
    static final String SLOT_KEY_PREFIX = "slot#";
    /** The id of the attachment in a slot (attachment item): a UUIDv7, so sorting by it sorts by attaching. */
    static final String ATTACHMENT_ID = "attachment_id";
    /** The file's name as shown and offered on download (attachment item). */
    static final String FILENAME = "filename";
    /** The file's media type (attachment item). */
    static final String CONTENT_TYPE = "content_type";
    /** The file's length in bytes (attachment item). */
    static final String SIZE = "size";
    /** Who attached the file (attachment item). */
    static final String UPLOADED_BY = "uploaded_by";
    /**
     * On a pending attachment's item only: epoch seconds a day after it was granted, when the service stops showing it
     * and gives its slot back, for a time to live the infrastructure may enable. Readers never rely on it (local
     * engines have no time to live): the service decides from {@link #CREATED_AT}. No other item of the table has it.
     */
    public static final String EXPIRES_AT = "expires_at";

    static final String STATUS_INDEX = "status-index";
    static final String PRIORITY_INDEX = "priority-index";
    static final String STATUS_PRIORITY_INDEX = "status-priority-index";
    static final String DUE_INDEX = "due-index";
    static final String STATUS_DUE_INDEX = "status-due-index";
    static final String LIST_INDEX = "list-index";
    static final String LIST_DUE_INDEX = "list-due-index";
    static final String ASSIGNEE_INDEX = "assignee-index";

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

    /**
     * The table's key attributes in key-schema order: hash key, then range key.
     *
     * @return the two attribute names
     */
    public static List<String> tableKeys() {
        return List.of(OWNER, ID);
    }

    /**
     * The global secondary indexes, all with projection ALL.
     *
     * @return the indexes
     */
    public static List<Index> indexes() {
        return INDEXES;
    }

    /** Index name to its key attributes in key-schema order (hash key, range key), for consistency checks. */
    static Map<String, List<String>> indexKeys() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (Index index : INDEXES) {
            keys.put(index.name(), List.of(index.hashKey(), index.rangeKey()));
        }
        return keys;
    }

    /**
     * Every attribute that is a key of the table or of an index, with its DynamoDB type ({@code S}).
     *
     * @return the type of each key attribute by name
     */
    public static Map<String, String> keyAttributeTypes() {
        return TableBootstrap.keyAttributeTypes(tableKeys(), INDEXES);
    }

    /** Every attribute a stored task item has. */
    static List<String> itemAttributes() {
        return List.of(OWNER, ID, TEXT, STATUS, PRIORITY, CREATED_AT, UPDATED_AT, VERSION,
                OWNER_STATUS, OWNER_PRIORITY, OWNER_STATUS_PRIORITY);
    }

    /**
     * The DynamoDB API actions the repository calls at runtime; the least privilege its role needs.
     *
     * @return the actions' names, such as {@code GetItem}
     */
    public static Set<String> operationsUsed() {
        return OPERATIONS_USED;
    }

    /**
     * The request that creates the table with on-demand billing.
     *
     * @param tableName the table's name
     * @return the request
     */
    public static CreateTableRequest createTableRequest(String tableName) {
        return TableBootstrap.createTableRequest(tableName, tableKeys(), INDEXES);
    }

}
