package io.taskapi.memory;

import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskAlreadyExistsException;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.TaskOrder;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskSlice;
import io.taskapi.domain.VersionConflictException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A thread-safe {@link TaskRepository} in memory, for embedding, local use and tests. Data lives as long as the
 * instance.
 *
 * <p>Each owner's tasks sit in a sorted map keyed by id; ids are time-ordered, so the descending map is newest first.
 * Conditional writes are compare-and-set operations on that map, atomic like the conditional writes of a real store.
 * Filtered listings walk the owner's tasks, which is fine in memory; the DynamoDB store backs each filter by an index
 * or a bounded read. Both return the same tasks in the same order; only where the DynamoDB store ends a page early
 * (a tag filter) can its page boundaries differ.
 */
public final class InMemoryTaskRepository implements TaskRepository {
    /** Stands in for an owner without tasks, so probing unknown owners allocates nothing; never written to. */
    private static final ConcurrentSkipListMap<String, Task> EMPTY = new ConcurrentSkipListMap<>();

    private final ConcurrentMap<OwnerId, ConcurrentSkipListMap<String, Task>> tasksByOwner = new ConcurrentHashMap<>();

    @Override
    public void create(OwnerId owner, Task task) {
        if (tasks(owner).putIfAbsent(task.id(), task) != null) {
            throw new TaskAlreadyExistsException();
        }
    }

    @Override
    public Optional<Task> find(OwnerId owner, String id) {
        ConcurrentSkipListMap<String, Task> tasks = tasksByOwner.get(owner);
        return tasks == null ? Optional.empty() : Optional.ofNullable(tasks.get(id));
    }

    @Override
    public void replace(OwnerId owner, Task task, long expectedVersion) {
        ConcurrentSkipListMap<String, Task> tasks = tasksByOwner.getOrDefault(owner, EMPTY);
        Task current = tasks.get(task.id());
        if (current == null) {
            throw new TaskNotFoundException();
        }
        if (current.version() != expectedVersion || !tasks.replace(task.id(), current, task)) {
            // Either the version was stale, or another writer replaced or removed the task since we read it.
            if (!tasks.containsKey(task.id())) {
                throw new TaskNotFoundException();
            }
            throw new VersionConflictException();
        }
    }

    @Override
    public void delete(OwnerId owner, String id, Long expectedVersion) {
        ConcurrentSkipListMap<String, Task> tasks = tasksByOwner.getOrDefault(owner, EMPTY);
        while (true) {
            Task current = tasks.get(id);
            if (current == null) {
                throw new TaskNotFoundException();
            }
            if (expectedVersion != null && current.version() != expectedVersion) {
                throw new VersionConflictException();
            }
            if (tasks.remove(id, current)) {
                return;
            }
        }
    }

    @Override
    public TaskSlice list(OwnerId owner, TaskFilter filter, int limit, String afterPosition) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        ConcurrentSkipListMap<String, Task> tasks = tasksByOwner.get(owner);
        if (tasks == null || filter.isEmptyRange()) {
            return new TaskSlice(List.of(), null);
        }
        if (filter.order() == TaskOrder.DUE_DATE) {
            return listByDueDate(tasks, filter, limit, afterPosition);
        }
        NavigableMap<String, Task> newestFirst = tasks.descendingMap();
        if (afterPosition != null) {
            newestFirst = newestFirst.tailMap(afterPosition, false);
        }
        List<Task> page = new ArrayList<>(limit);
        boolean more = false;
        for (Task task : newestFirst.values()) {
            if (!filter.matches(task)) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(task);
        }
        return new TaskSlice(page, more ? page.get(page.size() - 1).id() : null);
    }

    /**
     * Earliest due first, ties oldest first, as the DynamoDB store's due date index orders them; a position is the
     * last task's {@link #dueKey}. Sorting on every page is fine in memory.
     */
    private static TaskSlice listByDueDate(
            ConcurrentSkipListMap<String, Task> tasks, TaskFilter filter, int limit, String afterPosition) {
        List<Task> matching = tasks.values().stream()
                .filter(filter::matches)
                .filter(task -> afterPosition == null || dueKey(task).compareTo(afterPosition) > 0)
                .sorted(Comparator.comparing(InMemoryTaskRepository::dueKey))
                .limit(limit + 1L)
                .toList();
        boolean more = matching.size() > limit;
        List<Task> page = more ? matching.subList(0, limit) : matching;
        return new TaskSlice(page, more ? dueKey(page.get(page.size() - 1)) : null);
    }

    /** {@code YYYY-MM-DD#id}: sorts by due date, then by creation. */
    private static String dueKey(Task task) {
        return task.dueDate() + "#" + task.id();
    }

    /** Forgets every task of every owner. */
    public void clear() {
        tasksByOwner.clear();
    }

    private ConcurrentSkipListMap<String, Task> tasks(OwnerId owner) {
        return tasksByOwner.computeIfAbsent(owner, o -> new ConcurrentSkipListMap<>());
    }
}
