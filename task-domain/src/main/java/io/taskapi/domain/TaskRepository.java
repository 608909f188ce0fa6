package io.taskapi.domain;

import java.util.Optional;

/**
 * The port through which the core stores tasks. Every operation is scoped to one owner and is atomic on its own: the
 * conditions below are checked by the store in the same step as the write, never by a read before it.
 *
 * <p>Implementations translate their technology's failures into {@link TaskException}s; an unavailable store is a
 * {@link StoreUnavailableException}.
 */
public interface TaskRepository {

    /**
     * Stores a new task.
     *
     * @throws TaskAlreadyExistsException if the owner already has a task with this id (which is left unchanged)
     */
    void create(OwnerId owner, Task task);

    /** The owner's task with this id, if there is one. */
    Optional<Task> find(OwnerId owner, String id);

    /**
     * Replaces a stored task by {@code task}, only if the stored one still has {@code expectedVersion}.
     *
     * @throws TaskNotFoundException    if the owner has no task with this id; nothing is created
     * @throws VersionConflictException if the stored task has another version; nothing is changed
     */
    void replace(OwnerId owner, Task task, long expectedVersion);

    /**
     * Deletes a task, only if it exists and, when {@code expectedVersion} is given, still has that version.
     *
     * @param expectedVersion the version the caller saw, or {@code null} to delete whatever version is stored
     * @throws TaskNotFoundException    if the owner has no task with this id
     * @throws VersionConflictException if the stored task has another version than the expected one
     */
    void delete(OwnerId owner, String id, Long expectedVersion);

    /**
     * One page of the owner's tasks that match {@code filter}, newest first.
     *
     * @param limit         the most tasks to return, at least 1
     * @param afterPosition a {@link TaskSlice#nextPosition()} this repository returned for the same owner and filter,
     *                      or {@code null} for the first page
     * @throws IllegalArgumentException if {@code afterPosition} is not a position this repository could have made
     */
    TaskSlice list(OwnerId owner, TaskFilter filter, int limit, String afterPosition);
}
