package io.taskapi.dynamodb;

import io.taskapi.domain.ActivityAction;
import io.taskapi.domain.ActivityEntry;
import io.taskapi.domain.Comment;
import java.util.Objects;
import java.util.Optional;

/**
 * A task's latest activity entry as its task item holds it ({@link TaskTableSchema#LOG_ENTRY}): the entry, and for a
 * {@code commented} entry the comment it posted, so that whoever materializes the entry can write the comment too.
 *
 * @param entry   the entry, numbered as the task item's {@link TaskTableSchema#LOG_SEQ}
 * @param comment the comment a {@link ActivityAction#COMMENTED} entry posted, {@code null} for every other entry
 */
record LoggedEntry(ActivityEntry entry, Comment comment) {
    LoggedEntry {
        Objects.requireNonNull(entry, "entry");
        boolean posts = entry.activity().action() == ActivityAction.COMMENTED;
        if (posts != (comment != null)) {
            throw new IllegalArgumentException("a commented entry, and only one, carries its comment");
        }
        if (comment != null && !entry.activity().commentId().equals(Optional.of(comment.id()))) {
            throw new IllegalArgumentException("a commented entry carries the comment it names");
        }
    }

    long sequence() {
        return entry.sequence();
    }

    ActivityAction action() {
        return entry.activity().action();
    }

    /** Whether this entry is about the comment {@code commentId} and does {@code action} to it. */
    boolean is(ActivityAction action, String commentId) {
        return action() == action && entry.activity().commentId().equals(Optional.of(commentId));
    }
}
