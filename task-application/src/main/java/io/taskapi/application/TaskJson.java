package io.taskapi.application;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.taskapi.domain.FieldError;
import io.taskapi.domain.NewTask;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskChanges;
import io.taskapi.domain.TaskDraft;
import io.taskapi.domain.TaskField;
import io.taskapi.domain.TaskPage;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UserId;
import io.taskapi.domain.ValidationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON mapping of a task: each {@link TaskField} by its name on the wire, read from request bodies with Gson's
 * streaming API (every malformed or unexpected input a client error) and written with {@link JsonText} in a fixed
 * order. No reflection either way.
 */
final class TaskJson {
    /** Each field's name on the wire. */
    private static final Map<TaskField, String> NAMES = new EnumMap<>(Map.of(
            TaskField.TEXT, "task",
            TaskField.STATUS, "status",
            TaskField.PRIORITY, "priority",
            TaskField.DESCRIPTION, "description",
            TaskField.DUE_DATE, "due_date",
            TaskField.TAGS, "tags",
            TaskField.LIST_ID, "list_id",
            TaskField.ASSIGNEE, "assignee"));
    private static final Map<String, TaskField> BY_NAME = new HashMap<>();
    /** The fields whose value is a list of strings; every other is a string. */
    private static final Set<TaskField> LISTS = EnumSet.of(TaskField.TAGS);
    private static final Set<String> SERVER_FIELDS = Set.of("id", "created_at", "updated_at", "version");
    private static final int MAX_ECHOED_NAME = 64;
    /** Room for a typical task's JSON, so that a page's text is not copied as it grows. */
    private static final int TASK_CAPACITY = 320;

    static {
        NAMES.forEach((field, name) -> BY_NAME.put(name, field));
    }

    private TaskJson() {
    }

    /** The name of {@code field} on the wire. */
    static String name(TaskField field) {
        return NAMES.get(field);
    }

    /**
     * The new task a create body describes.
     *
     * @throws BadRequestException for a body that is not a JSON object of task fields with values of the right types
     * @throws io.taskapi.domain.ValidationException naming each field whose value breaks a rule
     */
    static NewTask newTask(String body) {
        Values values = read(body, false);
        List<FieldError> errors = new ArrayList<>();
        NewTask.Builder draft = fill(NewTask.builder(), values, errors);
        return Validation.combined(errors, draft::build);
    }

    /**
     * The changes an update body names; {@code null} removes an optional detail.
     *
     * @param mergePatch whether {@code null} may stand for any field (a merge patch, where it means removal, which the
     *                   domain then refuses for a required field); otherwise it is a type error there
     */
    static TaskChanges changes(String body, boolean mergePatch) {
        Values values = read(body, mergePatch);
        if (values.named().isEmpty()) {
            throw BadRequestException.invalid("body",
                    "must name at least one of: " + String.join(", ", NAMES.values()));
        }
        List<FieldError> errors = new ArrayList<>();
        TaskChanges.Builder draft = fill(TaskChanges.builder(), values, errors);
        values.nulls().forEach(draft::remove);
        if (errors.stream().map(FieldError::field).toList().containsAll(values.named())) {
            // Every field the body named failed to parse, so the changes name none to check further.
            throw new ValidationException(errors);
        }
        return Validation.combined(errors, draft::build);
    }

    /** Sets each field {@code values} holds on {@code draft}, parsing names and dates; reports a value that fails. */
    private static <D extends TaskDraft<D>> D fill(D draft, Values values, List<FieldError> errors) {
        values.string(TaskField.TEXT).ifPresent(draft::text);
        values.string(TaskField.STATUS).flatMap(text -> Validation.named(TaskField.STATUS, text,
                TaskStatus::fromValue, TaskStatus.values(), errors)).ifPresent(draft::status);
        values.string(TaskField.PRIORITY).flatMap(text -> Validation.named(TaskField.PRIORITY, text,
                TaskPriority::fromValue, TaskPriority.values(), errors)).ifPresent(draft::priority);
        values.string(TaskField.DESCRIPTION).ifPresent(draft::description);
        values.string(TaskField.DUE_DATE).flatMap(text -> Validation.date(TaskField.DUE_DATE, text, errors))
                .ifPresent(draft::dueDate);
        values.list(TaskField.TAGS).ifPresent(draft::tags);
        values.string(TaskField.LIST_ID).ifPresent(draft::listId);
        values.string(TaskField.ASSIGNEE).flatMap(text -> userId(TaskField.ASSIGNEE, text, errors))
                .ifPresent(draft::assignee);
        return draft;
    }

    /**
     * The task fields of a JSON object, as raw values.
     *
     * @throws BadRequestException for a body that is not a single JSON object, or that names a field that is unknown,
     *                             server-owned or repeated, or gives one a value of the wrong type
     */
    private static Values read(String body, boolean mergePatch) {
        Values values = new Values();
        List<Problems.Field> errors = new ArrayList<>();
        try (JsonReader reader = new JsonReader(new StringReader(body))) {
            reader.setStrictness(Strictness.STRICT);
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw new BadRequestException(400, "Request body must be a JSON object");
            }
            reader.beginObject();
            Set<String> seen = new HashSet<>();
            while (reader.hasNext()) {
                readMember(reader, reader.nextName(), seen, mergePatch, values, errors);
            }
            reader.endObject();
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw malformed();
            }
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // Gson reports syntax errors as MalformedJsonException (an IOException) or IllegalStateException.
            throw malformed();
        }
        if (!errors.isEmpty()) {
            throw BadRequestException.invalid(errors);
        }
        return values;
    }

    private static void readMember(JsonReader reader, String name, Set<String> seen, boolean mergePatch,
            Values values, List<Problems.Field> errors) throws IOException {
        TaskField field = BY_NAME.get(name);
        if (!seen.add(name)) {
            errors.add(new Problems.Field(shown(name), "must not appear more than once"));
            reader.skipValue();
        } else if (field != null && reader.peek() == JsonToken.NULL && (field.optional() || mergePatch)) {
            reader.nextNull();
            values.nulls.add(field);
        } else if (field != null && LISTS.contains(field)) {
            readList(reader, name, field, values, errors);
        } else if (field != null) {
            if (reader.peek() == JsonToken.STRING) {
                values.strings.put(field, reader.nextString());
            } else {
                errors.add(new Problems.Field(name,
                        field.optional() ? "must be a string or null" : "must be a string"));
                reader.skipValue();
            }
        } else if (SERVER_FIELDS.contains(name)) {
            errors.add(new Problems.Field(name, "is set by the server and cannot be written"));
            reader.skipValue();
        } else {
            errors.add(new Problems.Field(shown(name), "is not a known field"));
            reader.skipValue();
        }
    }

    /** An array of strings; each element that is not one is reported by its index. */
    private static void readList(JsonReader reader, String name, TaskField field, Values values,
            List<Problems.Field> errors) throws IOException {
        if (reader.peek() != JsonToken.BEGIN_ARRAY) {
            errors.add(new Problems.Field(name, "must be an array of strings or null"));
            reader.skipValue();
            return;
        }
        List<String> list = new ArrayList<>();
        reader.beginArray();
        for (int i = 0; reader.hasNext(); i++) {
            if (reader.peek() == JsonToken.STRING) {
                list.add(reader.nextString());
            } else {
                errors.add(new Problems.Field(name + "[" + i + "]", "must be a string"));
                reader.skipValue();
            }
        }
        reader.endArray();
        values.lists.put(field, list);
    }

    /** The user {@code text} names, or empty after reporting on {@code field} that it cannot name one. */
    static java.util.Optional<UserId> userId(io.taskapi.domain.Field field, String text, List<FieldError> errors) {
        if (UserId.isValid(text)) {
            return java.util.Optional.of(new UserId(text));
        }
        errors.add(new FieldError(field, "must be a user id: 1 to 256 characters, not blank, no control characters"));
        return java.util.Optional.empty();
    }

    /** A client's field name as an error may echo it: cut short, since it can be anything. */
    static String shown(String name) {
        return name.length() > MAX_ECHOED_NAME ? name.substring(0, MAX_ECHOED_NAME) + "…" : name;
    }

    static String task(Task task) {
        return writeTask(new JsonText(TASK_CAPACITY), task).toString();
    }

    static String created(Task task) {
        JsonText json = new JsonText(TASK_CAPACITY + 64).beginObject().name("id").value(task.id()).name("task");
        return writeTask(json, task).endObject().toString();
    }

    static String updated(Task task) {
        JsonText json = new JsonText(TASK_CAPACITY + 64).beginObject()
                .name("message").value("Task updated successfully")
                .name("task");
        return writeTask(json, task).endObject().toString();
    }

    static String deleted(String id) {
        return new JsonText(128).beginObject()
                .name("message").value("Task deleted successfully")
                .name("id").value(id)
                .endObject().toString();
    }

    static String page(TaskPage page) {
        JsonText json = new JsonText(128 + TASK_CAPACITY * page.items().size())
                .beginObject().name("items").beginArray();
        for (Task task : page.items()) {
            writeTask(json, task);
        }
        return json.endArray()
                .name("count").value(page.items().size())
                .name("next").value(page.next().orElse(null))
                .endObject().toString();
    }

    private static JsonText writeTask(JsonText json, Task task) {
        json.beginObject()
                .name("id").value(task.id())
                .name(NAMES.get(TaskField.TEXT)).value(task.text())
                .name(NAMES.get(TaskField.STATUS)).value(task.status().value())
                .name(NAMES.get(TaskField.PRIORITY)).value(task.priority().value())
                .name("created_at").value(task.createdAt())
                .name("updated_at").value(task.updatedAt());
        // Written only when set, so a client that never sends them sees exactly the six fields it always has.
        task.description().ifPresent(description -> json.name(NAMES.get(TaskField.DESCRIPTION)).value(description));
        task.dueDate().ifPresent(due -> json.name(NAMES.get(TaskField.DUE_DATE)).value(due.toString()));
        if (!task.tags().isEmpty()) {
            json.name(NAMES.get(TaskField.TAGS)).beginArray();
            for (String tag : task.tags()) {
                json.value(tag);
            }
            json.endArray();
        }
        task.listId().ifPresent(listId -> json.name(NAMES.get(TaskField.LIST_ID)).value(listId));
        task.assignee().ifPresent(assignee -> json.name(NAMES.get(TaskField.ASSIGNEE)).value(assignee.value()));
        return json.endObject();
    }

    static BadRequestException malformed() {
        return new BadRequestException(400, "Request body is not valid JSON");
    }

    /** The raw values a body gives its fields: strings, lists of strings, and the fields it sets to {@code null}. */
    private static final class Values {
        final Map<TaskField, String> strings = new EnumMap<>(TaskField.class);
        final Map<TaskField, List<String>> lists = new EnumMap<>(TaskField.class);
        final Set<TaskField> nulls = EnumSet.noneOf(TaskField.class);

        java.util.Optional<String> string(TaskField field) {
            return java.util.Optional.ofNullable(strings.get(field));
        }

        java.util.Optional<List<String>> list(TaskField field) {
            return java.util.Optional.ofNullable(lists.get(field));
        }

        Set<TaskField> nulls() {
            return nulls;
        }

        Set<TaskField> named() {
            Set<TaskField> named = EnumSet.noneOf(TaskField.class);
            named.addAll(strings.keySet());
            named.addAll(lists.keySet());
            named.addAll(nulls);
            return named;
        }
    }
}
