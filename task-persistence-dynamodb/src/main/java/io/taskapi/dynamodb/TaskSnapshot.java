package io.taskapi.dynamodb;

import io.taskapi.domain.ActivityAction;
import io.taskapi.domain.Comment;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskScope;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A task item as one consistent read found it, with the latest entry it holds and, when asked for, the item of one of
 * its comments, read in the same request: what every write of the task and every read of its comments decides on.
 *
 * @param item    the task item, or {@code null} when there is none
 * @param latest  the latest entry the task item holds ({@link TaskTableSchema#LOG_ENTRY}), or {@code null} when it
 *                holds none
 * @param comment the item of the comment asked for (perhaps a tombstone), or {@code null} when there is none or none
 *                was asked for
 */
record TaskSnapshot(Map<String, AttributeValue> item, LoggedEntry latest, Map<String, AttributeValue> comment) {
    /** What a create assumes before it writes: no task, so nothing it could overwrite. */
    static final TaskSnapshot NONE = new TaskSnapshot(null, null, null);

    TaskSnapshot {
        if (item == null && (latest != null || comment != null)) {
            throw new IllegalArgumentException("only a stored task has entries and comments");
        }
    }

    /** The snapshot of a task item and, perhaps, a comment item read with it. */
    static TaskSnapshot of(Map<String, AttributeValue> item, Map<String, AttributeValue> comment) {
        return item == null ? NONE : new TaskSnapshot(item, HistoryItemMapper.loggedEntry(item), comment);
    }

    boolean exists() {
        return item != null;
    }

    /** Whether the task exists and is one of {@code scope}'s. */
    boolean isIn(TaskScope scope) {
        return item != null && TaskItemMapper.isIn(scope, item);
    }

    Task task() {
        return TaskItemMapper.toTask(item);
    }

    /** The sequence of the task's latest entry; 0 while it has none. */
    long logSequence() {
        return latest == null ? 0 : latest.sequence();
    }

    /**
     * The comment {@code commentId} as the task's history shows it in this snapshot: posted by the latest entry (which
     * may not be materialized yet), deleted by it, or else as its comment item says.
     */
    Comment liveComment(String commentId) {
        if (latest != null && latest.is(ActivityAction.COMMENTED, commentId)) {
            return latest.comment();
        }
        if (latest != null && latest.is(ActivityAction.COMMENT_DELETED, commentId)) {
            return null;
        }
        return comment == null || HistoryItemMapper.isTombstone(comment) ? null : HistoryItemMapper.toComment(comment);
    }

    /** Whether the comment {@code commentId} was ever posted on the task, whether or not it was deleted since. */
    boolean hasPosted(String commentId) {
        return (latest != null && latest.is(ActivityAction.COMMENTED, commentId)) || comment != null;
    }
}
