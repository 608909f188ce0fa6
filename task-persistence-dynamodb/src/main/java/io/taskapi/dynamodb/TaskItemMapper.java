package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.n;
import static io.taskapi.dynamodb.AttributeValues.s;
import static io.taskapi.dynamodb.TaskTableSchema.ASSIGNEE;
import static io.taskapi.dynamodb.TaskTableSchema.CREATED_AT;
import static io.taskapi.dynamodb.TaskTableSchema.DESCRIPTION;
import static io.taskapi.dynamodb.TaskTableSchema.DUE_DATE;
import static io.taskapi.dynamodb.TaskTableSchema.ID;
import static io.taskapi.dynamodb.TaskTableSchema.LIST_ID;
import static io.taskapi.dynamodb.TaskTableSchema.OWNER;
import static io.taskapi.dynamodb.TaskTableSchema.OWNER_PRIORITY;
import static io.taskapi.dynamodb.TaskTableSchema.OWNER_STATUS;
import static io.taskapi.dynamodb.TaskTableSchema.OWNER_STATUS_PRIORITY;
import static io.taskapi.dynamodb.TaskTableSchema.PRIORITY;
import static io.taskapi.dynamodb.TaskTableSchema.SCOPE;
import static io.taskapi.dynamodb.TaskTableSchema.STATUS;
import static io.taskapi.dynamodb.TaskTableSchema.TAGS;
import static io.taskapi.dynamodb.TaskTableSchema.TEXT;
import static io.taskapi.dynamodb.TaskTableSchema.UPDATED_AT;
import static io.taskapi.dynamodb.TaskTableSchema.VERSION;

import io.taskapi.domain.Task;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UserId;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts between a {@link Task} in its {@link TaskScope} and its DynamoDB item, by hand so the layout is explicit.
 *
 * <p>An owner's own task is keyed by the owner and its id, exactly as before lists existed. A list's task is keyed by
 * {@code task:<id>} and its id, so it is found by its id alone and moves between lists with one conditional write; its
 * {@code scope} ({@code list:<list id>}) takes the owner's place in every composite index key.
 */
final class TaskItemMapper {
    /**
     * Joins the owner and enumerated values in index keys. Status and priority names never contain it, so the last
     * one or two segments identify them and an owner id containing it cannot collide with another owner's key.
     */
    static final String SEPARATOR = "#";
    /** Prefix of the table hash key of a list's task: {@code task:<id>}. */
    static final String TASK_KEY_PREFIX = "task:";
    /** Prefix of a list's task's {@code scope}: {@code list:<list id>}. */
    static final String LIST_SCOPE_PREFIX = "list:";

    /** DynamoDB's limit for a range key value. */
    private static final int MAX_KEY_BYTES = 1024;

    private static final AttributeValues.Reader READ = new AttributeValues.Reader("stored task item",
            TaskItemMapper::describe);

    private TaskItemMapper() {
    }

    /**
     * Whether {@code id} can be a key at all. Ids come from clients (URL paths); one DynamoDB would refuse as a key
     * cannot name a stored task, so it is not found rather than a request error.
     */
    static boolean isStorableId(String id) {
        return id != null && !id.isEmpty()
                && (TASK_KEY_PREFIX + id).getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES;
    }

    /**
     * The full item of {@code task} kept in {@code scope}, index keys included.
     *
     * @throws IllegalArgumentException if the task is not one of {@code scope}: in another list, or in none
     */
    static Map<String, AttributeValue> toItem(TaskScope scope, Task task) {
        requireKeptIn(scope, task);
        String partition = partition(scope);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, s(task.id()));
        item.put(TEXT, s(task.text()));
        item.put(STATUS, s(task.status().value()));
        item.put(PRIORITY, s(task.priority().value()));
        item.put(CREATED_AT, n(task.createdAt()));
        item.put(UPDATED_AT, n(task.updatedAt()));
        item.put(VERSION, n(task.version()));
        item.put(OWNER_STATUS, s(partition + SEPARATOR + task.status().value()));
        item.put(OWNER_PRIORITY, s(partition + SEPARATOR + task.priority().value()));
        item.put(OWNER_STATUS_PRIORITY,
                s(partition + SEPARATOR + task.status().value() + SEPARATOR + task.priority().value()));
        item.putAll(key(scope, task.id()));
        if (scope instanceof TaskScope.InList list) {
            item.put(SCOPE, s(partition));
            item.put(LIST_ID, s(list.listId()));
        }
        // Details are stored only when present: DynamoDB has no empty strings in keys and no empty sets, and an absent
        // attribute costs nothing (and keeps the task out of the sparse indexes keyed by it).
        task.description().ifPresent(description -> item.put(DESCRIPTION, s(description)));
        task.dueDate().ifPresent(due -> {
            item.put(DUE_DATE, s(due.toString()));
            item.put(TaskTableSchema.DUE_KEY, s(dueKey(task)));
        });
        if (!task.tags().isEmpty()) {
            item.put(TAGS, AttributeValue.fromL(task.tags().stream().map(AttributeValues::s).toList()));
        }
        task.assignee().ifPresent(assignee -> item.put(ASSIGNEE, s(assignee.value())));
        return item;
    }

    /** Where a task of {@code current} is kept once written: still its owner's, or the list it names (a move). */
    static TaskScope home(TaskScope current, Task task) {
        return current instanceof TaskScope.Personal ? current : new TaskScope.InList(task.listId().orElseThrow());
    }

    private static void requireKeptIn(TaskScope scope, Task task) {
        boolean kept = scope instanceof TaskScope.InList list ? task.listId().filter(list.listId()::equals).isPresent()
                : task.listId().isEmpty();
        if (!kept) {
            throw new IllegalArgumentException("a task is kept in the scope of its own list, or of its owner");
        }
    }

    /**
     * The task stored in {@code item}.
     *
     * @throws IllegalStateException if the item is not a task item this mapper wrote
     */
    static Task toTask(Map<String, AttributeValue> item) {
        String status = READ.string(item, STATUS);
        String priority = READ.string(item, PRIORITY);
        try {
            return new Task(
                    READ.string(item, ID),
                    READ.string(item, TEXT),
                    TaskStatus.fromValue(status)
                            .orElseThrow(() -> READ.malformed(item, STATUS + " '" + status + "'")),
                    TaskPriority.fromValue(priority)
                            .orElseThrow(() -> READ.malformed(item, PRIORITY + " '" + priority + "'")),
                    READ.number(item, CREATED_AT),
                    READ.number(item, UPDATED_AT),
                    READ.number(item, VERSION),
                    Optional.ofNullable(READ.optionalString(item, DESCRIPTION)),
                    Optional.ofNullable(dueDate(item)),
                    tags(item),
                    Optional.ofNullable(READ.optionalString(item, LIST_ID)),
                    Optional.ofNullable(assignee(item)));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new IllegalStateException("stored task item breaks the task rules: " + describe(item), e);
        }
    }

    /** The table key of the task with this id in {@code scope}: its owner's, or {@code task:<id>} for a list's. */
    static Map<String, AttributeValue> key(TaskScope scope, String id) {
        return scope instanceof TaskScope.Personal personal ? Map.of(OWNER, s(personal.owner().value()), ID, s(id))
                : listTaskKey(id);
    }

    /** The table key of the list's task with this id, whichever list it is in. */
    static Map<String, AttributeValue> listTaskKey(String id) {
        return Map.of(OWNER, s(TASK_KEY_PREFIX + id), ID, s(id));
    }

    /** What composite index keys begin with: the owner, or {@code list:<list id>}. */
    static String partition(TaskScope scope) {
        return scope instanceof TaskScope.Personal personal ? personal.owner().value()
                : LIST_SCOPE_PREFIX + ((TaskScope.InList) scope).listId();
    }

    /** Whether the stored {@code item} is a task of {@code scope}. */
    static boolean isIn(TaskScope scope, Map<String, AttributeValue> item) {
        AttributeValue owner = item.get(OWNER);
        if (scope instanceof TaskScope.Personal personal) {
            return owner != null && personal.owner().value().equals(owner.s()) && !item.containsKey(SCOPE);
        }
        AttributeValue stored = item.get(SCOPE);
        return stored != null && partition(scope).equals(stored.s());
    }

    /** {@code YYYY-MM-DD#id}; ids never contain {@code #}, and dates sort as text. */
    static String dueKey(Task task) {
        return task.dueDate().orElseThrow() + SEPARATOR + task.id();
    }

    static String ownerStatus(TaskScope scope, TaskStatus status) {
        return partition(scope) + SEPARATOR + status.value();
    }

    static String ownerPriority(TaskScope scope, TaskPriority priority) {
        return partition(scope) + SEPARATOR + priority.value();
    }

    static String ownerStatusPriority(TaskScope scope, TaskStatus status, TaskPriority priority) {
        return partition(scope) + SEPARATOR + status.value() + SEPARATOR + priority.value();
    }

    private static java.time.LocalDate dueDate(Map<String, AttributeValue> item) {
        String text = READ.optionalString(item, DUE_DATE);
        return text == null ? null : java.time.LocalDate.parse(text);
    }

    private static java.util.List<String> tags(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(TAGS);
        if (value == null) {
            return java.util.List.of();
        }
        if (!value.hasL()) {
            throw READ.malformed(item, "list attribute " + TAGS);
        }
        java.util.List<String> tags = new java.util.ArrayList<>();
        for (AttributeValue tag : value.l()) {
            if (tag.s() == null) {
                throw READ.malformed(item, "string list attribute " + TAGS);
            }
            tags.add(tag.s());
        }
        return tags;
    }

    private static UserId assignee(Map<String, AttributeValue> item) {
        String value = READ.optionalString(item, ASSIGNEE);
        return value == null ? null : new UserId(value);
    }

    // Names the item by its id and attribute names only: its text is user content, and its owner a user id, which
    // the request log (where this message ends up, in a stack trace) must never hold.
    private static String describe(Map<String, AttributeValue> item) {
        AttributeValue id = item.get(ID);
        return "id=" + (id == null ? null : id.s()) + ", attributes=" + new TreeSet<>(item.keySet());
    }
}
