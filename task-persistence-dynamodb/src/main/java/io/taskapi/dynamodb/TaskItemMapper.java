package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.n;
import static io.taskapi.dynamodb.AttributeValues.s;
import static io.taskapi.dynamodb.TaskTableSchema.CREATED_AT;
import static io.taskapi.dynamodb.TaskTableSchema.DESCRIPTION;
import static io.taskapi.dynamodb.TaskTableSchema.DUE_DATE;
import static io.taskapi.dynamodb.TaskTableSchema.TAGS;
import static io.taskapi.dynamodb.TaskTableSchema.ID;
import static io.taskapi.dynamodb.TaskTableSchema.OWNER;
import static io.taskapi.dynamodb.TaskTableSchema.OWNER_PRIORITY;
import static io.taskapi.dynamodb.TaskTableSchema.OWNER_STATUS;
import static io.taskapi.dynamodb.TaskTableSchema.OWNER_STATUS_PRIORITY;
import static io.taskapi.dynamodb.TaskTableSchema.PRIORITY;
import static io.taskapi.dynamodb.TaskTableSchema.STATUS;
import static io.taskapi.dynamodb.TaskTableSchema.TEXT;
import static io.taskapi.dynamodb.TaskTableSchema.UPDATED_AT;
import static io.taskapi.dynamodb.TaskTableSchema.VERSION;

import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Converts between a {@link Task} of an owner and its DynamoDB item, by hand so the layout is explicit. */
final class TaskItemMapper {
    /**
     * Joins the owner and enumerated values in index keys. Status and priority names never contain it, so the last
     * one or two segments identify them and an owner id containing it cannot collide with another owner's key.
     */
    static final String SEPARATOR = "#";

    private TaskItemMapper() {
    }

    /** The full item of {@code task} stored for {@code owner}, index keys included. */
    static Map<String, AttributeValue> toItem(OwnerId owner, Task task) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(OWNER, s(owner.value()));
        item.put(ID, s(task.id()));
        item.put(TEXT, s(task.text()));
        item.put(STATUS, s(task.status().value()));
        item.put(PRIORITY, s(task.priority().value()));
        item.put(CREATED_AT, n(task.createdAt()));
        item.put(UPDATED_AT, n(task.updatedAt()));
        item.put(VERSION, n(task.version()));
        item.put(OWNER_STATUS, s(ownerStatus(owner, task.status())));
        item.put(OWNER_PRIORITY, s(ownerPriority(owner, task.priority())));
        item.put(OWNER_STATUS_PRIORITY, s(ownerStatusPriority(owner, task.status(), task.priority())));
        // Details are stored only when present: DynamoDB has no empty strings in keys and no empty sets, and an absent
        // attribute costs nothing.
        if (task.description() != null) {
            item.put(DESCRIPTION, s(task.description()));
        }
        if (task.dueDate() != null) {
            item.put(DUE_DATE, s(task.dueDate().toString()));
            item.put(TaskTableSchema.DUE_KEY, s(dueKey(task)));
        }
        if (!task.tags().isEmpty()) {
            item.put(TAGS, AttributeValue.fromL(task.tags().stream().map(AttributeValues::s).toList()));
        }
        return item;
    }

    /**
     * The task stored in {@code item}.
     *
     * @throws IllegalStateException if the item is not a task item this mapper wrote
     */
    static Task toTask(Map<String, AttributeValue> item) {
        String status = string(item, STATUS);
        String priority = string(item, PRIORITY);
        try {
            return new Task(
                    string(item, ID),
                    string(item, TEXT),
                    TaskStatus.fromValue(status).orElseThrow(() -> malformed(item, STATUS + " '" + status + "'")),
                    TaskPriority.fromValue(priority)
                            .orElseThrow(() -> malformed(item, PRIORITY + " '" + priority + "'")),
                    number(item, CREATED_AT),
                    number(item, UPDATED_AT),
                    number(item, VERSION),
                    optionalString(item, DESCRIPTION),
                    dueDate(item),
                    tags(item));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new IllegalStateException("stored task item breaks the task rules: " + describe(item), e);
        }
    }

    /** The table key of the owner's task with this id. */
    static Map<String, AttributeValue> key(OwnerId owner, String id) {
        return Map.of(OWNER, s(owner.value()), ID, s(id));
    }

    /** {@code YYYY-MM-DD#id}; ids never contain {@code #}, and dates sort as text. */
    static String dueKey(Task task) {
        return task.dueDate() + SEPARATOR + task.id();
    }

    static String ownerStatus(OwnerId owner, TaskStatus status) {
        return owner.value() + SEPARATOR + status.value();
    }

    static String ownerPriority(OwnerId owner, TaskPriority priority) {
        return owner.value() + SEPARATOR + priority.value();
    }

    static String ownerStatusPriority(OwnerId owner, TaskStatus status, TaskPriority priority) {
        return owner.value() + SEPARATOR + status.value() + SEPARATOR + priority.value();
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw malformed(item, "string attribute " + name);
        }
        return value.s();
    }

    private static String optionalString(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return null;
        }
        if (value.s() == null) {
            throw malformed(item, "string attribute " + name);
        }
        return value.s();
    }

    private static java.time.LocalDate dueDate(Map<String, AttributeValue> item) {
        String text = optionalString(item, DUE_DATE);
        return text == null ? null : java.time.LocalDate.parse(text);
    }

    private static java.util.List<String> tags(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(TAGS);
        if (value == null) {
            return java.util.List.of();
        }
        if (!value.hasL()) {
            throw malformed(item, "list attribute " + TAGS);
        }
        java.util.List<String> tags = new java.util.ArrayList<>();
        for (AttributeValue tag : value.l()) {
            if (tag.s() == null) {
                throw malformed(item, "string list attribute " + TAGS);
            }
            tags.add(tag.s());
        }
        return tags;
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw malformed(item, "number attribute " + name);
        }
        try {
            return Long.parseLong(value.n());
        } catch (NumberFormatException e) {
            throw malformed(item, "integral number attribute " + name);
        }
    }

    private static IllegalStateException malformed(Map<String, AttributeValue> item, String what) {
        return new IllegalStateException("stored task item lacks a valid " + what + ": " + describe(item));
    }

    // Names the item by its id and attribute names only: its text is user content, and its owner a user id, which
    // the request log (where this message ends up, in a stack trace) must never hold.
    private static String describe(Map<String, AttributeValue> item) {
        AttributeValue id = item.get(ID);
        return "id=" + (id == null ? null : id.s()) + ", attributes=" + new TreeSet<>(item.keySet());
    }
}
