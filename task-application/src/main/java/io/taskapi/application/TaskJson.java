package io.taskapi.application;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.taskapi.domain.FieldError;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskPage;
import io.taskapi.domain.ValidationException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON shapes of the API: read with Gson's streaming API, every malformed or unexpected input turned into a client
 * error; written with {@link JsonText}, in a fixed field order. No reflection either way.
 */
final class TaskJson {
    private static final Set<String> TASK_FIELDS = Set.of("task", "status", "priority");
    /** Optional details, which {@code null} removes. */
    private static final Set<String> DETAIL_FIELDS = Set.of("description", "due_date");
    private static final String TAGS = "tags";
    private static final Set<String> SERVER_FIELDS = Set.of("id", "created_at", "updated_at", "version");
    private static final int MAX_ECHOED_NAME = 64;

    private TaskJson() {
    }

    /**
     * The task fields of a request body.
     *
     * @param nullable whether {@code null} may stand for a required field (a merge patch, where it means removal, which
     *                 the domain then refuses with its own message); otherwise such a {@code null} is a type error
     * @throws BadRequestException if the body is not UTF-8 or not a single JSON object
     * @throws ValidationException naming each field that is unknown, server-owned, repeated or of the wrong type
     */
    static TaskFields readTaskFields(byte[] body, boolean nullable) {
        requireShallow(body);
        String text = utf8(body);
        Map<String, String> values = new HashMap<>();
        List<String> tags = null;
        Set<String> nulls = new java.util.LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw new BadRequestException(400, "Request body must be a JSON object");
            }
            reader.beginObject();
            Set<String> seen = new HashSet<>();
            while (reader.hasNext()) {
                String name = reader.nextName();
                String shown = name.length() > MAX_ECHOED_NAME ? name.substring(0, MAX_ECHOED_NAME) + "…" : name;
                if (!seen.add(name)) {
                    errors.add(new FieldError(shown, "must not appear more than once"));
                    reader.skipValue();
                } else if (reader.peek() == JsonToken.NULL
                        && (DETAIL_FIELDS.contains(name) || name.equals(TAGS) || nullable && TASK_FIELDS.contains(name))) {
                    reader.nextNull();
                    nulls.add(name);
                } else if (TASK_FIELDS.contains(name) || DETAIL_FIELDS.contains(name)) {
                    if (reader.peek() == JsonToken.STRING) {
                        values.put(name, reader.nextString());
                    } else {
                        errors.add(new FieldError(name, DETAIL_FIELDS.contains(name)
                                ? "must be a string or null" : "must be a string"));
                        reader.skipValue();
                    }
                } else if (name.equals(TAGS)) {
                    tags = readTags(reader, errors);
                } else if (SERVER_FIELDS.contains(name)) {
                    errors.add(new FieldError(name, "is set by the server and cannot be written"));
                    reader.skipValue();
                } else {
                    errors.add(new FieldError(shown, "is not a known field"));
                    reader.skipValue();
                }
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
            throw new ValidationException(errors);
        }
        return new TaskFields(values.get("task"), values.get("status"), values.get("priority"),
                values.get("description"), values.get("due_date"), tags, nulls);
    }

    /** An array of strings; each element that is not one is reported as {@code tags[i]}. */
    private static List<String> readTags(JsonReader reader, List<FieldError> errors) throws IOException {
        if (reader.peek() != JsonToken.BEGIN_ARRAY) {
            errors.add(new FieldError(TAGS, "must be an array of strings or null"));
            reader.skipValue();
            return null;
        }
        List<String> tags = new ArrayList<>();
        reader.beginArray();
        for (int i = 0; reader.hasNext(); i++) {
            if (reader.peek() == JsonToken.STRING) {
                tags.add(reader.nextString());
            } else {
                errors.add(new FieldError(TAGS + "[" + i + "]", "must be a string"));
                reader.skipValue();
            }
        }
        reader.endArray();
        return tags;
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
        JsonText json = new JsonText(128 + TASK_CAPACITY * page.items().size()).beginObject().name("items").beginArray();
        for (Task task : page.items()) {
            writeTask(json, task);
        }
        return json.endArray()
                .name("count").value(page.items().size())
                .name("next").value(page.nextToken())
                .endObject().toString();
    }

    /** An RFC 9457 problem; {@code message} comes first and equals {@code detail}, for the seed's clients. */
    static String problem(int status, String title, String message, List<FieldError> errors) {
        JsonText json = new JsonText(256).beginObject()
                .name("message").value(message)
                .name("type").value("about:blank")
                .name("title").value(title)
                .name("status").value(status)
                .name("detail").value(message);
        if (!errors.isEmpty()) {
            json.name("errors").beginArray();
            for (FieldError error : errors) {
                json.beginObject().name("field").value(error.field()).name("message").value(error.message())
                        .endObject();
            }
            json.endArray();
        }
        return json.endObject().toString();
    }

    /** Room for a typical task's JSON, so that a page's text is not copied as it grows. */
    private static final int TASK_CAPACITY = 320;

    private static JsonText writeTask(JsonText json, Task task) {
        json.beginObject()
                .name("id").value(task.id())
                .name("task").value(task.text())
                .name("status").value(task.status().value())
                .name("priority").value(task.priority().value())
                .name("created_at").value(task.createdAt())
                .name("updated_at").value(task.updatedAt());
        // Written only when set, so a client that never sends them sees exactly the seed's six fields.
        if (task.description() != null) {
            json.name("description").value(task.description());
        }
        if (task.dueDate() != null) {
            json.name("due_date").value(task.dueDate().toString());
        }
        if (!task.tags().isEmpty()) {
            json.name("tags").beginArray();
            for (String tag : task.tags()) {
                json.value(tag);
            }
            json.endArray();
        }
        return json.endObject();
    }

    /** The deepest nesting a body may have; a task body needs two levels (the object and its tags). */
    static final int MAX_DEPTH = 32;

    /**
     * Refuses a body nested deeper than {@link #MAX_DEPTH} before any parsing: one pass over the bytes, skipping
     * strings, so no parser state grows with an attacker's nesting.
     */
    private static void requireShallow(byte[] body) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++depth > MAX_DEPTH) {
                    throw new BadRequestException(400,
                            "Request body is nested too deeply (at most " + MAX_DEPTH + " levels)");
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException(400, "Request body is not valid UTF-8");
        }
    }

    private static BadRequestException malformed() {
        return new BadRequestException(400, "Request body is not valid JSON");
    }
}
