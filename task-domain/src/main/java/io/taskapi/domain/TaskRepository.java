package io.taskapi.domain;

import java.util.Optional;

/**
 * The port through which the core stores tasks, their comments and their activity. Every operation is scoped to one
 * {@link TaskScope}, an owner's own tasks or a shared list's, and is atomic on its own: the conditions below are
 * checked by the store in the same step as the write, never by a read before it. A task is kept in exactly one scope
 * at a time.
 *
 * <p>A task's activity is written with the task: every write that records an {@link Activity} stores it as the task's
 * next {@link ActivityEntry} in the same step, so that a reader never sees a change without its entry or an entry
 * without its change, whatever fails between the store's own writes; a write that fails writes no entry. Deleting a
 * task deletes its comments and activity with it, invisible from that moment.
 *
 * <p>Implementations translate their technology's failures into {@link TaskException}s; an unavailable store is a
 * {@link StoreUnavailableException}.
 */
public interface TaskRepository {

    /**
     * Stores a new task in {@code scope}, with its creation as entry 1 of its activity.
     *
     * @param scope   where the task is kept
     * @param task    the task, at version 1
     * @param created the task's creation, or {@code null} to store it with an empty activity (for imports, and for
     *                tests of a store)
     * @throws TaskAlreadyExistsException if a task with this id is already stored (which is left unchanged)
     */
    void create(TaskScope scope, Task task, Activity created);

    /**
     * Stores a new task in {@code scope} with an empty activity; see {@link #create(TaskScope, Task, Activity)}.
     *
     * @param scope where the task is kept
     * @param task  the task, at version 1
     * @throws TaskAlreadyExistsException if a task with this id is already stored (which is left unchanged)
     */
    default void create(TaskScope scope, Task task) {
        create(scope, task, null);
    }

    /**
     * The task with this id in {@code scope}, if there is one.
     *
     * @param scope where to look
     * @param id    the task's id
     * @return the task, or empty when {@code scope} has none with this id
     */
    Optional<Task> find(TaskScope scope, String id);

    /**
     * The task with this id, either {@code owner}'s own or in any list, read in one step; whether its reader may see
     * a list's task is the caller's to decide.
     *
     * @param owner whose own tasks to look among, besides every list's
     * @param id    the task's id
     * @return the task, or empty when there is none with this id
     */
    Optional<Task> locate(OwnerId owner, String id);

    /**
     * Replaces a task of {@code scope} by {@code task}, only if the stored one still has {@code expectedVersion}. When
     * {@code task} names another list than {@code scope}'s, this moves it there in the same step.
     *
     * @param scope           where the stored task is kept
     * @param task            the task as it is to be stored
     * @param expectedVersion the version the stored task must still have
     * @param change what changed, recorded as the task's next activity entry, or {@code null} when no field changed
     *               (or, for tests of a store, to record nothing)
     * @throws TaskNotFoundException    if {@code scope} has no task with this id; nothing is created
     * @throws VersionConflictException if the stored task has another version; nothing is changed
     */
    void replace(TaskScope scope, Task task, long expectedVersion, Activity change);

    /**
     * Replaces a task recording no activity; see {@link #replace(TaskScope, Task, long, Activity)}.
     *
     * @param scope           where the stored task is kept
     * @param task            the task as it is to be stored
     * @param expectedVersion the version the stored task must still have
     * @throws TaskNotFoundException    if {@code scope} has no task with this id; nothing is created
     * @throws VersionConflictException if the stored task has another version; nothing is changed
     */
    default void replace(TaskScope scope, Task task, long expectedVersion) {
        replace(scope, task, expectedVersion, null);
    }

    /**
     * Checks that replacing a task of {@code scope} by {@code task} keeps it where a task may be: an owner's own task
     * stays theirs, and a list's task stays in a list.
     *
     * @param scope where the stored task is kept
     * @param task  the task as it is to be stored
     * @throws IllegalArgumentException otherwise
     */
    static void requireMovableWithin(TaskScope scope, Task task) {
        if (scope instanceof TaskScope.Personal == task.listId().isPresent()) {
            throw new IllegalArgumentException("a task moves only from one list to another");
        }
    }

    /**
     * Deletes a task, only if it exists and, when {@code expectedVersion} is given, still has that version. Its comments
     * and activity are gone for every reader from that moment; a store that removes them in bounded steps leaves the
     * rest to {@link #purgeHistory}.
     *
     * @param scope           where the task is kept
     * @param id              the task's id
     * @param expectedVersion the version the caller saw, or {@code null} to delete whatever version is stored
     * @throws TaskNotFoundException    if {@code scope} has no task with this id
     * @throws VersionConflictException if the stored task has another version than the expected one
     */
    void delete(TaskScope scope, String id, Long expectedVersion);

    /**
     * One page of the tasks of {@code scope} that match {@code filter}, newest first (or by due date).
     *
     * @param scope         whose tasks to list
     * @param filter        which tasks, and in which order
     * @param limit         the most tasks to return, at least 1
     * @param afterPosition a {@link TaskSlice#nextPosition()} this repository returned for the same scope and filter,
     *                      or {@code null} for the first page
     * @return the page
     * @throws IllegalArgumentException if {@code afterPosition} is not a position this repository could have made
     */
    TaskSlice list(TaskScope scope, TaskFilter filter, int limit, String afterPosition);

    /**
     * One page of the tasks assigned to {@code user} in any scope, newest first. Whether the user may still see a
     * list's task is the caller's to decide: an unassignment may not have reached every task yet.
     *
     * @param user          the assignee
     * @param limit         the most tasks to return, at least 1
     * @param afterPosition a {@link TaskSlice#nextPosition()} this repository returned for the same user, or
     *                      {@code null} for the first page
     * @return the page
     * @throws IllegalArgumentException if {@code afterPosition} is not a position this repository could have made
     */
    TaskSlice assignedTo(UserId user, int limit, String afterPosition);

    /**
     * Unassigns up to {@code budget} of {@code user}'s tasks in a list, each only if still assigned to them, recording
     * each unassignment in the task's activity as made by {@code actor} at {@code now}.
     *
     * @param listId the list
     * @param user   the member whose tasks to unassign
     * @param actor  who removed the member (the member themselves when they left)
     * @param now    when, in epoch seconds
     * @param budget the most tasks to unassign in this step
     * @return whether none is left assigned to them there
     */
    boolean unassignAll(String listId, UserId user, UserId actor, long now, int budget);

    /**
     * Deletes up to {@code budget} of a list's tasks.
     *
     * @param listId the deleted list
     * @param budget the most tasks to delete in this step
     * @return whether none is left
     */
    boolean deleteAll(String listId, int budget);

    /**
     * Removes up to {@code budget} of the stored comments and activity entries of a deleted task.
     *
     * @param taskId the deleted task
     * @param budget the most comments and entries to remove in this step
     * @return whether none is left; {@code true} at once for a task that exists, whose history is not touched
     */
    boolean purgeHistory(String taskId, int budget);

    /**
     * Stores a comment on a task of {@code scope}, with its {@link Activity#commented} entry.
     *
     * @param scope   where the task is kept
     * @param comment the comment, naming its task
     * @throws TaskNotFoundException if {@code scope} has no such task
     */
    void addComment(TaskScope scope, Comment comment);

    /**
     * The comment with this id on a task of {@code scope}, if both exist.
     *
     * @param scope     where the task is kept
     * @param taskId    the task's id
     * @param commentId the comment's id
     * @return the comment, or empty when the task has none with this id
     * @throws TaskNotFoundException if {@code scope} has no such task
     */
    Optional<Comment> findComment(TaskScope scope, String taskId, String commentId);

    /**
     * Deletes a comment on a task of {@code scope}, with an {@link Activity#commentDeleted} entry by {@code actor} at
     * {@code at}.
     *
     * @param scope     where the task is kept
     * @param taskId    the task's id
     * @param commentId the comment's id
     * @param actor     who deletes it
     * @param at        when, in epoch seconds
     * @throws TaskNotFoundException    if {@code scope} has no such task
     * @throws CommentNotFoundException if the task has no such comment (deleted meanwhile)
     */
    void deleteComment(TaskScope scope, String taskId, String commentId, UserId actor, long at);

    /**
     * One page of the comments on a task of {@code scope}, oldest first.
     *
     * @param scope         where the task is kept
     * @param taskId        the task's id
     * @param limit         the most comments to return, at least 1
     * @param afterPosition a {@link Slice#nextPosition()} this repository returned for the same task, or {@code null}
     * @return the page
     * @throws TaskNotFoundException    if {@code scope} has no such task
     * @throws IllegalArgumentException if {@code afterPosition} is not a position this repository could have made
     */
    Slice<Comment> comments(TaskScope scope, String taskId, int limit, String afterPosition);

    /**
     * One page of the activity of a task of {@code scope}, newest first.
     *
     * @param scope         where the task is kept
     * @param taskId        the task's id
     * @param limit         the most entries to return, at least 1
     * @param afterPosition a {@link Slice#nextPosition()} this repository returned for the same task, or {@code null}
     * @return the page
     * @throws TaskNotFoundException    if {@code scope} has no such task
     * @throws IllegalArgumentException if {@code afterPosition} is not a position this repository could have made
     */
    Slice<ActivityEntry> activity(TaskScope scope, String taskId, int limit, String afterPosition);
}
