package io.taskapi.domain;

import java.util.Objects;

/**
 * Where a task is kept, and so who may reach it: one person's own tasks, or a shared list's. Every repository operation
 * is scoped to one, so a task of another scope is simply not found.
 */
public sealed interface TaskScope {
    /**
     * The tasks of one owner alone, in no list.
     *
     * @param owner whose tasks they are
     */
    record Personal(OwnerId owner) implements TaskScope {
        /**
         * Checks that the owner is given.
         *
         * @param owner whose tasks they are
         */
        public Personal {
            Objects.requireNonNull(owner, "owner");
        }
    }

    /**
     * The tasks of a shared list, reached by its members according to their roles.
     *
     * @param listId the list's id
     */
    record InList(String listId) implements TaskScope {
        /**
         * Checks the list's id.
         *
         * @param listId the list's id
         * @throws IllegalArgumentException if it is blank
         */
        public InList {
            if (listId == null || listId.isBlank()) {
                throw new IllegalArgumentException("listId must not be blank");
            }
        }
    }

    /**
     * The tasks of {@code owner} alone.
     *
     * @param owner whose tasks they are
     * @return the scope
     */
    static TaskScope of(OwnerId owner) {
        return new Personal(owner);
    }

    /**
     * The tasks of a shared list.
     *
     * @param listId the list's id
     * @return the scope
     */
    static TaskScope list(String listId) {
        return new InList(listId);
    }

    /**
     * The scope a task of {@code personal}'s owner is kept in: its list's, or the owner's own.
     *
     * @param task     the task
     * @param personal the owner of its reader's own tasks
     * @return the scope
     */
    static TaskScope of(Task task, OwnerId personal) {
        return task.listId().<TaskScope>map(InList::new).orElseGet(() -> new Personal(personal));
    }
}
