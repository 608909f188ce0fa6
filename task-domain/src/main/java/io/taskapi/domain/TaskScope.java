package io.taskapi.domain;

import java.util.Objects;

/**
 * Where a task is kept, and so who may reach it: one person's own tasks, or a shared list's. Every repository operation
 * is scoped to one, so a task of another scope is simply not found.
 */
public sealed interface TaskScope {
    /** The tasks of one owner alone, in no list. */
    record Personal(OwnerId owner) implements TaskScope {
        public Personal {
            Objects.requireNonNull(owner, "owner");
        }
    }

    /** The tasks of a shared list, reached by its members according to their roles. */
    record InList(String listId) implements TaskScope {
        public InList {
            if (listId == null || listId.isBlank()) {
                throw new IllegalArgumentException("listId must not be blank");
            }
        }
    }

    static TaskScope of(OwnerId owner) {
        return new Personal(owner);
    }

    static TaskScope list(String listId) {
        return new InList(listId);
    }

    /** The scope a task of {@code personal}'s owner is kept in: its list's, or the owner's own. */
    static TaskScope of(Task task, OwnerId personal) {
        return task.listId().<TaskScope>map(InList::new).orElseGet(() -> new Personal(personal));
    }
}
