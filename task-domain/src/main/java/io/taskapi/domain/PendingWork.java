package io.taskapi.domain;

import java.util.Objects;

/** Work the service left to finish in bounded steps, so that no request has to do all of it. */
public sealed interface PendingWork {
    /** A deleted list whose tasks and entries are still to be removed. */
    record Purge(String listId) implements PendingWork {
        public Purge {
            Objects.requireNonNull(listId, "listId");
        }
    }

    /** A deleted task whose comments and activity are still to be removed. */
    record HistoryPurge(String taskId) implements PendingWork {
        public HistoryPurge {
            Objects.requireNonNull(taskId, "taskId");
        }
    }

    /**
     * A removed member whose tasks in the list are still to be unassigned.
     *
     * @param actor who removed them (they themselves when they left), named in the tasks' activity
     */
    record Unassignment(String listId, UserId user, UserId actor) implements PendingWork {
        public Unassignment {
            Objects.requireNonNull(listId, "listId");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(actor, "actor");
        }

        /** A member who left. */
        public Unassignment(String listId, UserId user) {
            this(listId, user, user);
        }
    }
}
