package io.taskapi.domain;

import java.time.Clock;
import java.util.Objects;

/** The use cases of the task API: create, read, list, update and delete an owner's tasks. */
public final class TaskService {
    /** Attempts of an unconditional update that keeps losing races before it gives up with a conflict. */
    private static final int UPDATE_ATTEMPTS = 5;
    /** Attempts to create with fresh ids; ids carry 62 random bits per millisecond, so a collision is not expected. */
    private static final int CREATE_ATTEMPTS = 3;

    private final TaskRepository repository;
    private final Clock clock;
    private final IdGenerator ids;
    private final PageTokenSealer pageTokens;

    public TaskService(TaskRepository repository, Clock clock, IdGenerator ids, PageTokenSealer pageTokens) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.pageTokens = Objects.requireNonNull(pageTokens, "pageTokens");
    }

    /** Creates a task for {@code owner} and returns it as stored. */
    public Task create(OwnerId owner, NewTask request) {
        long now = clock.instant().getEpochSecond();
        for (int attempt = 1; ; attempt++) {
            Task task = Task.created(ids.newId(), request, now);
            try {
                repository.create(owner, task);
                return task;
            } catch (TaskAlreadyExistsException e) {
                if (attempt == CREATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * The owner's task with this id.
     *
     * @throws TaskNotFoundException if the owner has none
     */
    public Task get(OwnerId owner, String id) {
        return repository.find(owner, id).orElseThrow(TaskNotFoundException::new);
    }

    /**
     * One page of the owner's tasks, newest first.
     *
     * @throws ValidationException on {@link ListingField#PAGE_TOKEN} if the page token is not one this service issued
     *                             for the same owner and filter
     */
    public TaskPage list(OwnerId owner, TaskListQuery query) {
        String after = query.pageToken() == null ? null : pageTokens.open(owner, query.filter(), query.pageToken());
        TaskSlice slice;
        try {
            slice = repository.list(owner, query.filter(), query.limit(), after);
        } catch (IllegalArgumentException e) {
            if (after == null) {
                throw e;
            }
            // A correctly sealed position the repository cannot use: made by another kind of store with the same key.
            throw PageTokenSealer.invalid();
        }
        String next = slice.nextPosition() == null
                ? null
                : pageTokens.seal(owner, query.filter(), slice.nextPosition());
        return new TaskPage(slice.items(), next);
    }

    /**
     * Applies {@code changes} to the owner's task and returns the task as stored.
     *
     * @param expectedVersion the version the client based its change on, or {@code null} to apply the change to
     *                        whatever version is current (the change is still applied atomically to one version)
     * @throws TaskNotFoundException    if the owner has no such task
     * @throws VersionConflictException if {@code expectedVersion} is given and is not the current version
     */
    public Task update(OwnerId owner, String id, TaskChanges changes, Long expectedVersion) {
        for (int attempt = 1; ; attempt++) {
            Task current = get(owner, id);
            if (expectedVersion != null && current.version() != expectedVersion) {
                throw new VersionConflictException();
            }
            Task updated = current.apply(changes, clock.instant().getEpochSecond());
            try {
                repository.replace(owner, updated, current.version());
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

    /**
     * Deletes the owner's task.
     *
     * @param expectedVersion the version the client saw, or {@code null} to delete any version
     * @throws TaskNotFoundException    if the owner has no such task
     * @throws VersionConflictException if {@code expectedVersion} is given and is not the current version
     */
    public void delete(OwnerId owner, String id, Long expectedVersion) {
        repository.delete(owner, id, expectedVersion);
    }
}
