package io.taskapi.domain;

import java.util.Objects;

/** Work the service left to finish in bounded steps, so that no request has to do all of it. */
public sealed interface PendingWork {
    /**
     * A deleted list whose tasks and entries are still to be removed.
     *
     * @param listId the list's id
     */
    record Purge(String listId) implements PendingWork {
        /**
         * Checks that the list is given.
         *
         * @param listId the list's id
         */
        public Purge {
            Objects.requireNonNull(listId, "listId");
        }
    }

    /**
     * A deleted task whose comments and activity are still to be removed.
     *
     * @param taskId the task's id
     */
    record HistoryPurge(String taskId) implements PendingWork {
        /**
         * Checks that the task is given.
         *
         * @param taskId the task's id
         */
        public HistoryPurge {
            Objects.requireNonNull(taskId, "taskId");
        }
    }

    /**
     * A removed member whose tasks in the list are still to be unassigned.
     *
     * @param listId the list's id
     * @param user   the removed member
     * @param actor  who removed them (they themselves when they left), named in the tasks' activity
     */
    record Unassignment(String listId, UserId user, UserId actor) implements PendingWork {
        /**
         * Checks that all are given.
         *
         * @param listId the list's id
         * @param user   the removed member
         * @param actor  who removed them (they themselves when they left), named in the tasks' activity
         */
        public Unassignment {
            Objects.requireNonNull(listId, "listId");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(actor, "actor");
        }

        /**
         * A member who left.
         *
         * @param listId the list's id
         * @param user   the member, who removed themselves
         */
        public Unassignment(String listId, UserId user) {
            this(listId, user, user);
        }
    }
}
