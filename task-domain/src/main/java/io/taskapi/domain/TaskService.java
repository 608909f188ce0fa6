package io.taskapi.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The use cases of tasks: create, read, list, update and delete a user's own tasks and, by their role there, the tasks
 * of the shared lists they are a member of; and read a task's activity, which every change writes with the task.
 */
public final class TaskService {
    /** Attempts of an unconditional update that keeps losing races before it gives up with a conflict. */
    private static final int UPDATE_ATTEMPTS = 5;
    /** Attempts to create with fresh ids; ids carry 62 random bits per millisecond, so a collision is not expected. */
    private static final int CREATE_ATTEMPTS = 3;
    private static final String ASSIGNED_TO_ME = "assignee=me";
    /** Comments and activity entries a deletion removes itself before it queues the rest. */
    private static final int HISTORY_PURGE_BUDGET = 100;

    private final TaskRepository repository;
    private final ListRepository lists;
    private final ListGate gate;
    private final TaskGate taskGate;
    private final Clock clock;
    private final IdGenerator ids;
    private final PageTokenSealer pageTokens;
    private final TaskAttachments attachments;

    /** The use cases of tasks, with shared lists kept in {@code lists}, and no attachments. */
    TaskService(TaskRepository repository, ListRepository lists, Clock clock, IdGenerator ids,
            PageTokenSealer pageTokens) {
        this(repository, lists, TaskAttachments.NONE, clock, ids, pageTokens);
    }

    /**
     * The use cases of tasks, with shared lists kept in {@code lists}; a deleted task's attachments go with it.
     *
     * @param repository  where the tasks are kept
     * @param lists       where the lists and their members are kept
     * @param attachments what removes a deleted task's attachments, or {@link TaskAttachments#NONE}
     * @param clock       the time of every change
     * @param ids         the ids of new tasks
     * @param pageTokens  what seals and opens the page tokens of listings
     */
    public TaskService(TaskRepository repository, ListRepository lists, TaskAttachments attachments, Clock clock,
            IdGenerator ids, PageTokenSealer pageTokens) {
        this.attachments = Objects.requireNonNull(attachments, "attachments");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.lists = Objects.requireNonNull(lists, "lists");
        this.gate = new ListGate(lists);
        this.taskGate = new TaskGate(repository, gate);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.pageTokens = Objects.requireNonNull(pageTokens, "pageTokens");
    }

    /** The use cases of each owner's own tasks, without shared lists: a task naming a list finds none. */
    TaskService(TaskRepository repository, Clock clock, IdGenerator ids, PageTokenSealer pageTokens) {
        this(repository, ListRepository.none(), clock, ids, pageTokens);
    }

    /**
     * Creates a task of {@code owner}'s own and returns it as stored.
     *
     * @param owner   whose task it is
     * @param request the task to create
     * @return the task as stored
     */
    public Task create(OwnerId owner, NewTask request) {
        return create(Actor.of(owner), request);
    }

    /**
     * Creates a task, in the list the request names (where the actor must be an editor or owner) or as the actor's own,
     * and returns it as stored.
     *
     * @param actor   who creates it
     * @param request the task to create
     * @return the task as stored
     * @throws ListNotFoundException if the list is missing or the actor is not a member
     * @throws RoleRequiredException if the actor only views the list
     * @throws ValidationException   on {@link TaskField#ASSIGNEE} if the assignee may not hold the task
     */
    public Task create(Actor actor, NewTask request) {
        TaskScope scope;
        String listId = request.listId().orElse(null);
        UserId assignee = request.assignee().orElse(null);
        if (listId == null) {
            ListGate.requireAssignable(assignee, actor, null);
            scope = new TaskScope.Personal(actor.personal());
        } else {
            ListAccess access = gate.require(actor, listId, ListRole.EDITOR, ListNotFoundException::new, assignee);
            ListGate.requireAssignable(assignee, actor, access);
            scope = new TaskScope.InList(listId);
        }
        long now = clock.instant().getEpochSecond();
        for (int attempt = 1; ; attempt++) {
            Task task = Task.created(ids.newId(), request, now);
            try {
                repository.create(scope, task, Activity.created(task, actor.user()));
                return listId == null ? task : confirmed(actor, task);
            } catch (TaskAlreadyExistsException e) {
                if (attempt == CREATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * A list's new task once more against the list, after it was written: a creator removed (or made a viewer) while
     * creating has the task taken back, and an assignee removed meanwhile is unassigned, so no task outlives the
     * rights it was created with.
     */
    private Task confirmed(Actor actor, Task task) {
        String listId = task.listId().orElseThrow();
        TaskScope scope = new TaskScope.InList(listId);
        ListAccess access = gate.read(actor, listId, task.assignee().orElse(null)).orElse(null);
        if (!ListGate.may(access, actor, ListRole.EDITOR)) {
            deleteQuietly(scope, task);
            if (access == null || access.role(actor.user()).isEmpty()) {
                throw new ListNotFoundException();
            }
            throw new RoleRequiredException(ListRole.EDITOR);
        }
        if (task.assignee().filter(assignee -> access.role(assignee).isEmpty()).isPresent()) {
            Task unassigned = task.unassigned(clock.instant().getEpochSecond());
            try {
                repository.replace(scope, unassigned, task.version(),
                        Activity.changed(task, unassigned, actor.user()).orElseThrow());
                return unassigned;
            } catch (TaskNotFoundException | VersionConflictException e) {
                return task;
            }
        }
        return task;
    }

    /**
     * Takes back a task its creator could not have created, whatever version it has reached meanwhile (the removal's
     * own unassignment may have changed it already).
     */
    private void deleteQuietly(TaskScope scope, Task task) {
        try {
            repository.delete(scope, task.id(), null);
        } catch (TaskNotFoundException e) {
            // Gone already.
        }
    }

    /**
     * The owner's own task with this id.
     *
     * @param owner whose task it is
     * @param id    the task's id
     * @return the task
     * @throws TaskNotFoundException if the owner has none
     */
    public Task get(OwnerId owner, String id) {
        return repository.find(new TaskScope.Personal(owner), id).orElseThrow(TaskNotFoundException::new);
    }

    /**
     * A task the actor may read: their own, or one of a list they are a member of.
     *
     * @param actor who reads it
     * @param id    the task's id
     * @return the task
     * @throws TaskNotFoundException if there is none they may read
     */
    public Task get(Actor actor, String id) {
        return taskGate.readable(actor, id);
    }

    /**
     * One page of the activity of a task the actor may read, newest first: one entry for each change of the task.
     *
     * @param actor  who reads it
     * @param taskId the task's id
     * @param page   which page
     * @return the page
     * @throws TaskNotFoundException if there is no such task they may read
     * @throws ValidationException   on {@link ListingField#PAGE_TOKEN} if the page token is not one this service issued
     *                               for the same actor and task
     */
    public Page<ActivityEntry> activity(Actor actor, String taskId, PageRequest page) {
        Task task = taskGate.readable(actor, taskId);
        return pageTokens.page(actor.personal(), "activity=" + taskId, page.token(),
                after -> repository.activity(task.scope(actor.personal()), taskId, page.limit(), after));
    }

    /**
     * One page of the owner's own tasks, newest first.
     *
     * @param owner whose tasks to list
     * @param query which tasks, and which page
     * @return the page
     * @throws ValidationException on {@link ListingField#PAGE_TOKEN} if the page token is not one this service issued
     *                             for the same owner and filter
     */
    public TaskPage list(OwnerId owner, TaskListQuery query) {
        return list(Actor.of(owner), query);
    }

    /**
     * One page of the actor's own tasks, of a list's tasks (for any member), or of the tasks assigned to the actor in
     * every list they are in and among their own.
     *
     * @param actor who lists them
     * @param query which tasks, and which page
     * @return the page
     * @throws ListNotFoundException if the query names a list the actor is not a member of
     * @throws ValidationException   on {@link ListingField#PAGE_TOKEN} if the page token is not one this service issued
     *                               for the same actor and query
     */
    public TaskPage list(Actor actor, TaskListQuery query) {
        if (query.assignedToMe()) {
            return assignedTo(actor, query);
        }
        TaskScope scope;
        String fingerprint = query.filter().fingerprint();
        if (query.listId().isEmpty()) {
            scope = new TaskScope.Personal(actor.personal());
        } else {
            String listId = query.listId().get();
            gate.member(actor, listId, ListNotFoundException::new);
            scope = new TaskScope.InList(listId);
            fingerprint = "list=" + listId + "&" + fingerprint;
        }
        Page<Task> page = pageTokens.page(actor.personal(), fingerprint, query.pageToken(),
                after -> slice(repository.list(scope, query.filter(), query.limit(), after)));
        return new TaskPage(page.items(), page.next());
    }

    /** The tasks assigned to the actor, without those of lists they are no longer a member of. */
    private TaskPage assignedTo(Actor actor, TaskListQuery query) {
        Page<Task> page = pageTokens.page(actor.personal(), ASSIGNED_TO_ME, query.pageToken(),
                after -> slice(repository.assignedTo(actor.user(), query.limit(), after)));
        Set<String> listIds = new HashSet<>();
        page.items().forEach(task -> task.listId().ifPresent(listIds::add));
        Map<String, Membership> memberships = listIds.isEmpty() ? Map.of()
                : lists.memberships(actor.user(), listIds);
        List<Task> visible = new ArrayList<>(page.items().size());
        for (Task task : page.items()) {
            if (task.listId().map(memberships::containsKey).orElse(true)) {
                visible.add(task);
            }
        }
        return new TaskPage(visible, page.next());
    }

    private static Slice<Task> slice(TaskSlice slice) {
        return new Slice<>(slice.items(), slice.nextPosition());
    }

    /**
     * Applies {@code changes} to the owner's own task, whatever its version (the change is still applied atomically to
     * one version), and returns the task as stored.
     *
     * @param owner   whose task it is
     * @param id      the task's id
     * @param changes what to change
     * @return the task as stored
     * @throws TaskNotFoundException if the owner has no such task
     */
    public Task update(OwnerId owner, String id, TaskChanges changes) {
        return update(Actor.of(owner), id, changes, null);
    }

    /**
     * Applies {@code changes} to the owner's own task if it is still at {@code expectedVersion}, and returns the task
     * as stored.
     *
     * @param owner           whose task it is
     * @param id              the task's id
     * @param changes         what to change
     * @param expectedVersion the version the change is based on
     * @return the task as stored
     * @throws TaskNotFoundException    if the owner has no such task
     * @throws VersionConflictException if {@code expectedVersion} is not the current version
     */
    public Task update(OwnerId owner, String id, TaskChanges changes, long expectedVersion) {
        return update(Actor.of(owner), id, changes, Long.valueOf(expectedVersion));
    }

    /**
     * Applies {@code changes} to a task the actor may write, whatever its version, and returns the task as stored;
     * see {@link #update(Actor, String, TaskChanges, long)} for who may change what.
     *
     * @param actor   who changes it
     * @param id      the task's id
     * @param changes what to change
     * @return the task as stored
     * @throws TaskNotFoundException if there is no such task the actor may read
     * @throws RoleRequiredException if the actor only views its list, or the list it moves to
     * @throws ListNotFoundException if it moves to a list the actor is not a member of
     * @throws ValidationException   as for {@link #update(Actor, String, TaskChanges, long)}
     */
    public Task update(Actor actor, String id, TaskChanges changes) {
        return update(actor, id, changes, null);
    }

    /**
     * Applies {@code changes} to a task the actor may write (their own, or a list's where they are an editor or owner)
     * if it is still at {@code expectedVersion}, and returns the task as stored. A change of list moves the task to a
     * list where the actor may also write.
     *
     * @param actor           who changes it
     * @param id              the task's id
     * @param changes         what to change
     * @param expectedVersion the version the change is based on
     * @return the task as stored
     * @throws TaskNotFoundException    if there is no such task the actor may read
     * @throws RoleRequiredException    if the actor only views its list, or the list it moves to
     * @throws ListNotFoundException    if it moves to a list the actor is not a member of
     * @throws ValidationException      on {@link TaskField#LIST_ID} for a move between a list and the actor's own
     *                                  tasks, on {@link TaskField#ASSIGNEE} if the assignee may not hold the task
     * @throws VersionConflictException if {@code expectedVersion} is not the current version
     */
    public Task update(Actor actor, String id, TaskChanges changes, long expectedVersion) {
        return update(actor, id, changes, Long.valueOf(expectedVersion));
    }

    /** Applies {@code changes}, if {@code expectedVersion} is {@code null} to whatever version is current. */
    private Task update(Actor actor, String id, TaskChanges changes, Long expectedVersion) {
        for (int attempt = 1; ; attempt++) {
            Task current = taskGate.writable(actor, id);
            if (expectedVersion != null && current.version() != expectedVersion) {
                throw new VersionConflictException();
            }
            Task updated = current.apply(changes, clock.instant().getEpochSecond());
            checkPlacement(actor, current, updated, changes);
            try {
                repository.replace(current.scope(actor.personal()), updated, current.version(),
                        Activity.changed(current, updated, actor.user()).orElse(null));
                return updated;
            } catch (VersionConflictException e) {
                // Someone wrote between our read and our conditional write. A client that named a version loses; a
                // client that did not gets its change applied to the newer version, as a last-writer-wins store would.
                if (expectedVersion != null || attempt == UPDATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Checks where an updated task may go and who may hold it. */
    private void checkPlacement(Actor actor, Task current, Task updated, TaskChanges changes) {
        if (changes.changes(TaskField.LIST_ID) && !Objects.equals(current.listId(), updated.listId())) {
            if (current.listId().isEmpty()) {
                throw new ValidationException(TaskField.LIST_ID,
                        "a task moves only between lists; create it in the list instead");
            }
            if (updated.listId().isEmpty()) {
                throw new ValidationException(TaskField.LIST_ID,
                        "cannot be removed from a list's task; move it to another list");
            }
        }
        boolean moved = !current.listId().equals(updated.listId());
        UserId assignee = updated.assignee().orElse(null);
        boolean reassigned = assignee != null && !updated.assignee().equals(current.assignee());
        if (updated.listId().isEmpty()) {
            if (reassigned) {
                ListGate.requireAssignable(assignee, actor, null);
            }
            return;
        }
        String listId = updated.listId().get();
        if (!moved && !reassigned) {
            return;
        }
        // A move needs the right to write in the destination too; either way the assignee must belong there.
        ListAccess destination = moved
                ? gate.require(actor, listId, ListRole.EDITOR, ListNotFoundException::new, assignee)
                : gate.member(actor, listId, TaskNotFoundException::new, assignee);
        ListGate.requireAssignable(assignee, actor, destination);
    }

    /**
     * Deletes the owner's own task, whatever its version.
     *
     * @param owner whose task it is
     * @param id    the task's id
     * @throws TaskNotFoundException if the owner has no such task
     */
    public void delete(OwnerId owner, String id) {
        delete(Actor.of(owner), id, null);
    }

    /**
     * Deletes the owner's own task if it is still at {@code expectedVersion}.
     *
     * @param owner           whose task it is
     * @param id              the task's id
     * @param expectedVersion the version the caller saw
     * @throws TaskNotFoundException    if the owner has no such task
     * @throws VersionConflictException if {@code expectedVersion} is not the current version
     */
    public void delete(OwnerId owner, String id, long expectedVersion) {
        delete(Actor.of(owner), id, Long.valueOf(expectedVersion));
    }

    /**
     * Deletes a task the actor may write, whatever its version.
     *
     * @param actor who deletes it
     * @param id    the task's id
     * @throws TaskNotFoundException if there is no such task the actor may read
     * @throws RoleRequiredException if the actor only views its list
     */
    public void delete(Actor actor, String id) {
        delete(actor, id, null);
    }

    /**
     * Deletes a task the actor may write if it is still at {@code expectedVersion}.
     *
     * @param actor           who deletes it
     * @param id              the task's id
     * @param expectedVersion the version the caller saw
     * @throws TaskNotFoundException    if there is no such task the actor may read
     * @throws RoleRequiredException    if the actor only views its list
     * @throws VersionConflictException if {@code expectedVersion} is not the current version
     */
    public void delete(Actor actor, String id, long expectedVersion) {
        delete(actor, id, Long.valueOf(expectedVersion));
    }

    /** Deletes the task, if {@code expectedVersion} is {@code null} whatever version is current. */
    private void delete(Actor actor, String id, Long expectedVersion) {
        Task current = taskGate.writable(actor, id);
        repository.delete(current.scope(actor.personal()), id, expectedVersion);
        finishHistoryPurge(id);
        attachments.removeAll(id);
    }

    /** Removes what the store left of a deleted task's history within a request's budget, and queues the rest. */
    private void finishHistoryPurge(String id) {
        if (!repository.purgeHistory(id, HISTORY_PURGE_BUDGET)) {
            lists.queueHistoryPurge(id);
        }
    }
}
