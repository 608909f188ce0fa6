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

    /** A removed member whose tasks in the list are still to be unassigned. */
    record Unassignment(String listId, UserId user) implements PendingWork {
        public Unassignment {
            Objects.requireNonNull(listId, "listId");
            Objects.requireNonNull(user, "user");
        }
    }
}
