package io.taskapi.application;

import io.taskapi.domain.ActivityEntry;
import io.taskapi.domain.Comment;
import io.taskapi.domain.CommentField;
import io.taskapi.domain.FieldChange;
import io.taskapi.domain.Page;
import io.taskapi.domain.TaskField;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UserId;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON mapping of a task's comments and activity: a comment's body read as a JSON object of string members, and
 * comments and activity entries written with {@link JsonText} in a fixed order, each changed field by its task wire
 * name with its value as a task's JSON gives it.
 */
final class HistoryJson {
    /** Each comment field's name on the wire. */
    private static final Map<CommentField, String> NAMES = Map.of(CommentField.TEXT, "text");
    private static final Set<String> SERVER_FIELDS = Set.of("id", "task_id", "author", "created_at");
    private static final int CAPACITY = 200;

    private HistoryJson() {
    }

    /** The name of {@code field} on the wire. */
    static String name(CommentField field) {
        return NAMES.get(field);
    }

    /**
     * The text a body gives a new comment, as sent; the domain checks it.
     *
     * @throws BadRequestException for a body that is not a JSON object of a string {@code text}
     */
    static String commentText(String body) {
        return StringMembers.read(body, Map.of(NAMES.get(CommentField.TEXT), CommentField.TEXT), SERVER_FIELDS,
                false).get(CommentField.TEXT);
    }

    static String comment(Comment comment) {
        return writeComment(new JsonText(CAPACITY), comment).toString();
    }

    static String comments(Page<Comment> page) {
        return JsonPages.write(page, CAPACITY, HistoryJson::writeComment);
    }

    static String activity(Page<ActivityEntry> page) {
        return JsonPages.write(page, CAPACITY, HistoryJson::writeEntry);
    }

    static String commentDeleted(String id) {
        return new JsonText(96).beginObject()
                .name("message").value("Comment deleted successfully")
                .name("id").value(id)
                .endObject().toString();
    }

    private static JsonText writeComment(JsonText json, Comment comment) {
        return json.beginObject()
                .name("id").value(comment.id())
                .name("task_id").value(comment.taskId())
                .name("author").value(comment.author().value())
                .name(NAMES.get(CommentField.TEXT)).value(comment.text())
                .name("created_at").value(comment.createdAt())
                .endObject();
    }

    private static JsonText writeEntry(JsonText json, ActivityEntry entry) {
        json.beginObject()
                .name("id").value(Long.toString(entry.sequence()))
                .name("at").value(entry.activity().at())
                .name("actor").value(entry.activity().actor().value())
                .name("action").value(entry.activity().action().name().toLowerCase(Locale.ROOT))
                .name("changes").beginObject();
        for (Map.Entry<TaskField, FieldChange> change : entry.activity().changes().entrySet()) {
            json.name(TaskJson.name(change.getKey())).beginObject().name("from");
            writeValue(json, change.getValue().from().orElse(null));
            json.name("to");
            writeValue(json, change.getValue().to().orElse(null));
            json.endObject();
        }
        json.endObject();
        entry.activity().commentId().ifPresent(commentId -> json.name("comment_id").value(commentId));
        return json.endObject();
    }

    /** A field's value as a task's JSON writes it; {@code null} where the task has none. */
    private static void writeValue(JsonText json, Object value) {
        if (value instanceof List<?> tags) {
            json.beginArray();
            tags.forEach(tag -> json.value((String) tag));
            json.endArray();
        } else if (value instanceof TaskStatus status) {
            json.value(status.value());
        } else if (value instanceof TaskPriority priority) {
            json.value(priority.value());
        } else if (value instanceof UserId user) {
            json.value(user.value());
        } else if (value instanceof LocalDate date) {
            json.value(date.toString());
        } else {
            json.value((String) value);
        }
    }
}
