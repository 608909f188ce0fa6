package io.taskapi.domain;

import java.util.Objects;

/**
 * Finds a task for an actor by what they may do with it: their own, or a list's by their role there. A task they may
 * not read is missing to them, exactly like one that does not exist.
 */
final class TaskGate {
    private final TaskRepository repository;
    private final ListGate lists;

    TaskGate(TaskRepository repository, ListGate lists) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.lists = Objects.requireNonNull(lists, "lists");
    }

    /**
     * A task the actor may read.
     *
     * @throws TaskNotFoundException if there is none they may read
     */
    Task readable(Actor actor, String id) {
        Task task = repository.locate(actor.personal(), id).orElseThrow(TaskNotFoundException::new);
        task.listId().ifPresent(listId -> lists.member(actor, listId, TaskNotFoundException::new));
        return task;
    }

    /**
     * A task the actor may write: their own, or a list's where they are an editor or owner.
     *
     * @throws TaskNotFoundException if there is none they may read
     * @throws RoleRequiredException if they only view its list
     */
    Task writable(Actor actor, String id) {
        Task task = repository.locate(actor.personal(), id).orElseThrow(TaskNotFoundException::new);
        task.listId().ifPresent(listId -> lists.require(actor, listId, ListRole.EDITOR, TaskNotFoundException::new));
        return task;
    }
}
