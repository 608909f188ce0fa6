package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.n;
import static io.taskapi.dynamodb.AttributeValues.s;
import static io.taskapi.dynamodb.TaskTableSchema.ACTION;
import static io.taskapi.dynamodb.TaskTableSchema.ACTIVITY_KEY_PREFIX;
import static io.taskapi.dynamodb.TaskTableSchema.ACTOR;
import static io.taskapi.dynamodb.TaskTableSchema.AT;
import static io.taskapi.dynamodb.TaskTableSchema.AUTHOR;
import static io.taskapi.dynamodb.TaskTableSchema.CHANGES;
import static io.taskapi.dynamodb.TaskTableSchema.COMMENT;
import static io.taskapi.dynamodb.TaskTableSchema.COMMENT_ID;
import static io.taskapi.dynamodb.TaskTableSchema.COMMENT_KEY_PREFIX;
import static io.taskapi.dynamodb.TaskTableSchema.COMMENT_TEXT;
import static io.taskapi.dynamodb.TaskTableSchema.CREATED_AT;
import static io.taskapi.dynamodb.TaskTableSchema.DELETED_SEQ;
import static io.taskapi.dynamodb.TaskTableSchema.FROM;
import static io.taskapi.dynamodb.TaskTableSchema.HISTORY_KEY_PREFIX;
import static io.taskapi.dynamodb.TaskTableSchema.ID;
import static io.taskapi.dynamodb.TaskTableSchema.LOG_ENTRY;
import static io.taskapi.dynamodb.TaskTableSchema.LOG_SEQ;
import static io.taskapi.dynamodb.TaskTableSchema.OWNER;
import static io.taskapi.dynamodb.TaskTableSchema.TASK_OWNER;
import static io.taskapi.dynamodb.TaskTableSchema.TO;

import io.taskapi.domain.Activity;
import io.taskapi.domain.ActivityAction;
import io.taskapi.domain.ActivityEntry;
import io.taskapi.domain.Comment;
import io.taskapi.domain.FieldChange;
import io.taskapi.domain.TaskField;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UserId;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts between a task's activity entries and comments and their items in the task's history partition
 * ({@code history:<task id>}), and between a {@link LoggedEntry} and the log attributes of the task item; builds their
 * keys. By hand, like {@link TaskItemMapper}, so the layout is explicit.
 */
final class HistoryItemMapper {
    /** The digits of a sequence in a range key: a long has at most 19, so keys sort as the numbers do. */
    private static final int SEQUENCE_DIGITS = 19;
    /** A position of an activity listing: a sequence number, as the listing returns it. */
    private static final Pattern SEQUENCE = Pattern.compile("[1-9][0-9]{0,18}");
    /** A position of a comment listing: a comment id. */
    private static final Pattern COMMENT_POSITION = Pattern.compile(ListingKeys.UUID);
    /** DynamoDB's limit for a range key value. */
    private static final int MAX_RANGE_KEY_BYTES = 1024;

    private static final AttributeValues.Reader READ = new AttributeValues.Reader("stored history item",
            HistoryItemMapper::describe);

    private HistoryItemMapper() {
    }

    /** The hash key of the history of the task {@code taskId}. */
    static String partition(String taskId) {
        return HISTORY_KEY_PREFIX + taskId;
    }

    static Map<String, AttributeValue> activityKey(String taskId, long sequence) {
        return Map.of(OWNER, s(partition(taskId)), ID, s(activityId(sequence)));
    }

    /** {@code a#} and the sequence zero-padded to 19 digits. */
    static String activityId(long sequence) {
        String digits = Long.toString(sequence);
        return ACTIVITY_KEY_PREFIX + "0".repeat(SEQUENCE_DIGITS - digits.length()) + digits;
    }

    static Map<String, AttributeValue> commentKey(String taskId, String commentId) {
        return Map.of(OWNER, s(partition(taskId)), ID, s(COMMENT_KEY_PREFIX + commentId));
    }

    /** Whether {@code commentId} can be part of a key; one that cannot names no stored comment. */
    static boolean isStorableCommentId(String commentId) {
        return commentId != null && !commentId.isEmpty()
                && (COMMENT_KEY_PREFIX + commentId).getBytes(StandardCharsets.UTF_8).length <= MAX_RANGE_KEY_BYTES;
    }

    /**
     * The sequence an activity listing goes on below.
     *
     * @throws IllegalArgumentException if {@code position} is not a sequence number
     */
    static long sequenceOfPosition(String position) {
        if (!SEQUENCE.matcher(position).matches()) {
            throw new IllegalArgumentException("not a position of an activity listing");
        }
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a position of an activity listing", e);
        }
    }

    /** Whether {@code position} has the shape of a comment listing's positions: a comment id. */
    static boolean isCommentPosition(String position) {
        return COMMENT_POSITION.matcher(position).matches();
    }

    // --- the task item's log ---

    /** The sequence of the latest entry a task item holds; 0 while it has none. */
    static long logSequence(Map<String, AttributeValue> taskItem) {
        return taskItem.containsKey(LOG_SEQ) ? READ.number(taskItem, LOG_SEQ) : 0;
    }

    /** The latest entry a task item holds, or {@code null} while it has none. */
    static LoggedEntry loggedEntry(Map<String, AttributeValue> taskItem) {
        long sequence = logSequence(taskItem);
        if (sequence == 0) {
            return null;
        }
        AttributeValue entry = taskItem.get(LOG_ENTRY);
        if (entry == null || !entry.hasM()) {
            throw READ.malformed(taskItem, "map attribute " + LOG_ENTRY);
        }
        Map<String, AttributeValue> attributes = entry.m();
        String taskId = READ.string(taskItem, ID);
        try {
            Activity activity = toActivity(attributes);
            Comment comment = null;
            if (activity.action() == ActivityAction.COMMENTED) {
                AttributeValue posted = attributes.get(COMMENT);
                if (posted == null || !posted.hasM()) {
                    throw READ.malformed(taskItem, "map attribute " + LOG_ENTRY + "." + COMMENT);
                }
                comment = toComment(posted.m(), taskId, activity.commentId().orElseThrow());
            }
            return new LoggedEntry(new ActivityEntry(sequence, activity), comment);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalStateException("stored task item holds a malformed latest entry: " + describe(taskItem),
                    e);
        }
    }

    /** Sets {@code taskItem}'s log to {@code logged}: its sequence and its content. */
    static void putLog(Map<String, AttributeValue> taskItem, LoggedEntry logged) {
        taskItem.put(LOG_SEQ, n(logged.sequence()));
        taskItem.put(LOG_ENTRY, logEntry(logged));
    }

    /** The content of {@link TaskTableSchema#LOG_ENTRY}: the activity, and the comment a commented entry posted. */
    static AttributeValue logEntry(LoggedEntry logged) {
        Map<String, AttributeValue> attributes = activityAttributes(logged.entry().activity());
        Comment comment = logged.comment();
        if (comment != null) {
            attributes.put(COMMENT, AttributeValue.fromM(Map.of(AUTHOR, s(comment.author().value()),
                    COMMENT_TEXT, s(comment.text()), CREATED_AT, n(comment.createdAt()))));
        }
        return AttributeValue.fromM(attributes);
    }

    // --- activity items ---

    /** The item of an activity entry; a commented entry's comment is its comment item's, not repeated here. */
    static Map<String, AttributeValue> activityItem(String taskId, String taskOwner, ActivityEntry entry) {
        Map<String, AttributeValue> item = activityAttributes(entry.activity());
        item.putAll(activityKey(taskId, entry.sequence()));
        item.put(TASK_OWNER, s(taskOwner));
        return item;
    }

    /**
     * The entry stored in an activity item.
     *
     * @throws IllegalStateException if the item is not an activity item this mapper wrote
     */
    static ActivityEntry toActivityEntry(Map<String, AttributeValue> item) {
        String id = READ.string(item, ID);
        if (!id.startsWith(ACTIVITY_KEY_PREFIX) || id.length() != ACTIVITY_KEY_PREFIX.length() + SEQUENCE_DIGITS) {
            throw READ.malformed(item, "activity key " + ID);
        }
        try {
            return new ActivityEntry(Long.parseLong(id.substring(ACTIVITY_KEY_PREFIX.length())), toActivity(item));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalStateException("stored activity item breaks the activity rules: " + describe(item), e);
        }
    }

    private static Map<String, AttributeValue> activityAttributes(Activity activity) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put(AT, n(activity.at()));
        attributes.put(ACTOR, s(activity.actor().value()));
        attributes.put(ACTION, s(name(activity.action())));
        if (!activity.changes().isEmpty()) {
            Map<String, AttributeValue> changes = new HashMap<>();
            activity.changes().forEach((field, change) -> changes.put(name(field), AttributeValue.fromM(Map.of(
                    FROM, value(field, change.from().orElse(null)), TO, value(field, change.to().orElse(null))))));
            attributes.put(CHANGES, AttributeValue.fromM(changes));
        }
        activity.commentId().ifPresent(commentId -> attributes.put(COMMENT_ID, s(commentId)));
        return attributes;
    }

    private static Activity toActivity(Map<String, AttributeValue> attributes) {
        String action = READ.string(attributes, ACTION);
        Map<TaskField, FieldChange> changes = new EnumMap<>(TaskField.class);
        AttributeValue stored = attributes.get(CHANGES);
        if (stored != null) {
            if (!stored.hasM()) {
                throw READ.malformed(attributes, "map attribute " + CHANGES);
            }
            stored.m().forEach((name, change) -> {
                TaskField field = parse(TaskField.class, name)
                        .orElseThrow(() -> READ.malformed(attributes, CHANGES + " field '" + name + "'"));
                if (!change.hasM() || !change.m().containsKey(FROM) || !change.m().containsKey(TO)) {
                    throw READ.malformed(attributes, CHANGES + " entry of " + name);
                }
                changes.put(field, new FieldChange(Optional.ofNullable(fromValue(field, change.m().get(FROM))),
                        Optional.ofNullable(fromValue(field, change.m().get(TO)))));
            });
        }
        return new Activity(READ.number(attributes, AT), new UserId(READ.string(attributes, ACTOR)),
                parse(ActivityAction.class, action)
                        .orElseThrow(() -> READ.malformed(attributes, ACTION + " '" + action + "'")),
                changes, Optional.ofNullable(READ.optionalString(attributes, COMMENT_ID)));
    }

    /** A field's value as {@link FieldChange} types it, stored as a string, a list of strings, or NULL for none. */
    private static AttributeValue value(TaskField field, Object value) {
        if (value == null) {
            return AttributeValue.fromNul(true);
        }
        return switch (field) {
            case TAGS -> AttributeValue.fromL(((List<?>) value).stream().map(tag -> s((String) tag)).toList());
            case STATUS -> s(((TaskStatus) value).value());
            case PRIORITY -> s(((TaskPriority) value).value());
            case DUE_DATE -> s(value.toString());
            case ASSIGNEE -> s(((UserId) value).value());
            case TEXT, DESCRIPTION, LIST_ID -> s((String) value);
        };
    }

    private static Object fromValue(TaskField field, AttributeValue value) {
        if (Boolean.TRUE.equals(value.nul())) {
            return null;
        }
        if (field == TaskField.TAGS) {
            if (!value.hasL() || value.l().stream().anyMatch(tag -> tag.s() == null)) {
                throw new IllegalArgumentException("tags must be a list of strings");
            }
            return value.l().stream().map(AttributeValue::s).toList();
        }
        String text = value.s();
        if (text == null) {
            throw new IllegalArgumentException(name(field) + " must be a string");
        }
        return switch (field) {
            case STATUS -> TaskStatus.fromValue(text)
                    .orElseThrow(() -> new IllegalArgumentException("unknown status"));
            case PRIORITY -> TaskPriority.fromValue(text)
                    .orElseThrow(() -> new IllegalArgumentException("unknown priority"));
            case DUE_DATE -> LocalDate.parse(text);
            case ASSIGNEE -> new UserId(text);
            case TEXT, DESCRIPTION, LIST_ID, TAGS -> text;
        };
    }

    // --- comment items ---

    static Map<String, AttributeValue> commentItem(String taskOwner, Comment comment) {
        Map<String, AttributeValue> item = new HashMap<>(commentKey(comment.taskId(), comment.id()));
        item.put(TASK_OWNER, s(taskOwner));
        item.put(AUTHOR, s(comment.author().value()));
        item.put(COMMENT_TEXT, s(comment.text()));
        item.put(CREATED_AT, n(comment.createdAt()));
        return item;
    }

    /**
     * What is left of a deleted comment until the task's history is purged: its key and the sequence of the entry that
     * deleted it, without its author or text.
     */
    static Map<String, AttributeValue> tombstone(String taskId, String taskOwner, String commentId, long deletedSeq) {
        Map<String, AttributeValue> item = new HashMap<>(commentKey(taskId, commentId));
        item.put(TASK_OWNER, s(taskOwner));
        item.put(DELETED_SEQ, n(deletedSeq));
        return item;
    }

    static boolean isTombstone(Map<String, AttributeValue> item) {
        return item.containsKey(DELETED_SEQ);
    }

    /** The sequence of the entry that deleted the comment whose tombstone {@code item} is. */
    static long deletedSeq(Map<String, AttributeValue> item) {
        return READ.number(item, DELETED_SEQ);
    }

    /**
     * The comment stored in a comment item that is not a tombstone.
     *
     * @throws IllegalStateException if the item is not a comment item this mapper wrote
     */
    static Comment toComment(Map<String, AttributeValue> item) {
        String partition = READ.string(item, OWNER);
        String id = READ.string(item, ID);
        if (!partition.startsWith(HISTORY_KEY_PREFIX) || !id.startsWith(COMMENT_KEY_PREFIX)) {
            throw READ.malformed(item, "comment key");
        }
        try {
            return toComment(item, partition.substring(HISTORY_KEY_PREFIX.length()),
                    id.substring(COMMENT_KEY_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored comment item breaks the comment rules: " + describe(item), e);
        }
    }

    private static Comment toComment(Map<String, AttributeValue> attributes, String taskId, String commentId) {
        return new Comment(commentId, taskId, new UserId(READ.string(attributes, AUTHOR)),
                READ.string(attributes, COMMENT_TEXT), READ.number(attributes, CREATED_AT));
    }

    /** The hash key of the task item that {@code item}, a history item, belongs to. */
    static String taskOwner(Map<String, AttributeValue> item) {
        return READ.string(item, TASK_OWNER);
    }

    /** The key of a stored history item. */
    static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return Map.of(OWNER, item.get(OWNER), ID, item.get(ID));
    }

    // --- names ---

    /** How an action or a field is stored: its name in lower case ({@code comment_deleted}, {@code due_date}). */
    private static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (name(constant).equals(name)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    // Names the item by its range key and attribute names only: its attributes hold user ids and user content, which
    // the request log (where this message ends up, in a stack trace) must never hold. Range keys are sequences and ids.
    private static String describe(Map<String, AttributeValue> item) {
        AttributeValue id = item.get(ID);
        return "id=" + (id == null ? null : id.s()) + ", attributes=" + new TreeSet<>(item.keySet());
    }
}
