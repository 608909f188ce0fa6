package io.taskapi.memory;

import io.taskapi.domain.Activity;
import io.taskapi.domain.ActivityEntry;
import io.taskapi.domain.Comment;
import io.taskapi.domain.CommentNotFoundException;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Slice;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskAlreadyExistsException;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskNotFoundException;
import io.taskapi.domain.TaskOrder;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.TaskSlice;
import io.taskapi.domain.UserId;
import io.taskapi.domain.VersionConflictException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A thread-safe {@link TaskRepository} in memory, for embedding, local use and tests. Data lives as long as the
 * instance.
 *
 * <p>Each scope's tasks sit in a sorted map keyed by id; ids are time-ordered, so the descending map is newest first.
 * Every write holds one lock: a list's task can move to another list, which takes two maps, and every assigned task is
 * also kept in its assignee's map, so {@code assignee=me} reads a page, not every task of every user. Reads of lists'
 * tasks and of assignments hold the lock too, so no reader sees a task in two lists or in none; reads of an owner's
 * own tasks need none, since those only change within one map. Filtered listings walk the scope's tasks, which is fine
 * in memory; the DynamoDB store backs each filter by an index or a bounded read. Both return the same tasks in the same
 * order; only where the DynamoDB store ends a page early (a tag filter) can its page boundaries differ.
 *
 * <p>Each task's comments and activity sit beside it and change under the same lock as the task, so a task and its
 * history always change together.
 */
public final class InMemoryTaskRepository implements TaskRepository {
    /** Stands in for a scope without tasks, so probing unknown scopes allocates nothing; never written to. */
    private static final ConcurrentSkipListMap<String, Task> EMPTY = new ConcurrentSkipListMap<>();

    private final ConcurrentMap<TaskScope, ConcurrentSkipListMap<String, Task>> tasksByScope =
            new ConcurrentHashMap<>();
    /** Where each list's task is, by id. */
    private final ConcurrentMap<String, String> listOfTask = new ConcurrentHashMap<>();
    /** Every task with an assignee, by assignee and id; written under {@link #writes} only. */
    private final ConcurrentMap<UserId, ConcurrentSkipListMap<String, Task>> tasksByAssignee =
            new ConcurrentHashMap<>();
    /**
     * Each task's comments and activity, by task id; written and read under {@link #writes}. A tree, not a hash table:
     * ids are time-ordered, so a new task's entry lands beside the last ones, while a hash table writes it into a
     * random slot of one large array. Once that array is in the old generation, every such write marks a card the
     * collector scans at its next young pause: 22 of the 54 ms of each pause under a stream of creations (benchmarks,
     * section 3).
     */
    private final Map<String, History> histories = new TreeMap<>();
    private final Object writes = new Object();

    /**
     * A task's activity, oldest first, and its comments by id (time-ordered, so oldest first too). While its creation is
     * all that happened to a task, the history keeps only the task as created and its creator, and builds the creation
     * entry from them when it is read: most stored tasks never change, and each of them would otherwise hold
     * about fifteen objects for its history, every one copied by the collector on its way to the old generation. Under
     * a stream of creations the local server's young pauses are that copying (benchmarks, section 3).
     */
    private static final class History {
        /** The task as created, while its creation is its only entry and equals {@code Activity.created}; or null. */
        private Task created;
        /** Who created {@link #created}; null with it. */
        private UserId creator;
        /** Every entry, once anything but the creation happened; null until then. */
        private List<ActivityEntry> entries;
        /** Null until the first comment. */
        private TreeMap<String, Comment> comments;

        /** The history of a task created with {@code created}, its creation entry, or with no entry when null. */
        static History of(Task task, Activity created) {
            History history = new History();
            if (created != null && created.equals(Activity.created(task, created.actor()))) {
                history.created = task;
                history.creator = created.actor();
            } else {
                history.record(created);
            }
            return history;
        }

        /** The entries, oldest first, to read: a read changes nothing that is stored. */
        List<ActivityEntry> entries() {
            if (entries != null) {
                return entries;
            }
            return created == null ? List.of() : List.of(new ActivityEntry(1, Activity.created(created, creator)));
        }

        void record(Activity activity) {
            if (activity == null) {
                return;
            }
            if (entries == null) {
                entries = new ArrayList<>(entries());
                created = null;
                creator = null;
            }
            entries.add(new ActivityEntry(entries.size() + 1L, activity));
        }

        /** The comments by id, to read. */
        NavigableMap<String, Comment> comments() {
            return comments == null ? Collections.emptyNavigableMap() : comments;
        }

        void addComment(Comment comment) {
            if (comments == null) {
                comments = new TreeMap<>();
            }
            comments.put(comment.id(), comment);
        }

        /** Removes a comment; {@code null} when there is none by that id. */
        Comment removeComment(String commentId) {
            return comments == null ? null : comments.remove(commentId);
        }
    }

    /** An empty repository. */
    public InMemoryTaskRepository() {
    }

    @Override
    public void create(TaskScope scope, Task task, Activity created) {
        requireKeptIn(scope, task);
        // Built before taking the lock, which every write of every user waits for.
        History history = History.of(task, created);
        synchronized (writes) {
            boolean taken = scope instanceof TaskScope.InList
                    ? listOfTask.putIfAbsent(task.id(), task.listId().orElseThrow()) != null
                    : tasks(scope).containsKey(task.id());
            if (taken) {
                throw new TaskAlreadyExistsException();
            }
            tasks(scope).put(task.id(), task);
            assign(null, task);
            histories.put(task.id(), history);
        }
    }

    @Override
    public Optional<Task> find(TaskScope scope, String id) {
        if (scope instanceof TaskScope.InList) {
            synchronized (writes) {
                return Optional.ofNullable(tasksByScope.getOrDefault(scope, EMPTY).get(id));
            }
        }
        return Optional.ofNullable(tasksByScope.getOrDefault(scope, EMPTY).get(id));
    }

    @Override
    public Optional<Task> locate(OwnerId owner, String id) {
        Optional<Task> own = find(new TaskScope.Personal(owner), id);
        if (own.isPresent()) {
            return own;
        }
        synchronized (writes) {
            String listId = listOfTask.get(id);
            return listId == null ? Optional.empty() : find(new TaskScope.InList(listId), id);
        }
    }

    @Override
    public void replace(TaskScope scope, Task task, long expectedVersion, Activity change) {
        TaskRepository.requireMovableWithin(scope, task);
        synchronized (writes) {
            ConcurrentSkipListMap<String, Task> tasks = tasksByScope.getOrDefault(scope, EMPTY);
            Task current = tasks.get(task.id());
            if (current == null) {
                throw new TaskNotFoundException();
            }
            if (current.version() != expectedVersion) {
                throw new VersionConflictException();
            }
            String listId = task.listId().orElse(null);
            if (scope instanceof TaskScope.InList list && !list.listId().equals(listId)) {
                tasks.remove(task.id());
                tasks(new TaskScope.InList(listId)).put(task.id(), task);
                listOfTask.put(task.id(), listId);
            } else {
                tasks.put(task.id(), task);
            }
            assign(current, task);
            history(task.id()).record(change);
        }
    }

    @Override
    public void delete(TaskScope scope, String id, Long expectedVersion) {
        synchronized (writes) {
            ConcurrentSkipListMap<String, Task> tasks = tasksByScope.getOrDefault(scope, EMPTY);
            Task current = tasks.get(id);
            if (current == null) {
                throw new TaskNotFoundException();
            }
            if (expectedVersion != null && current.version() != expectedVersion) {
                throw new VersionConflictException();
            }
            tasks.remove(id);
            if (scope instanceof TaskScope.InList) {
                listOfTask.remove(id);
            }
            assign(current, null);
            histories.remove(id);
        }
    }

    @Override
    public TaskSlice list(TaskScope scope, TaskFilter filter, int limit, String afterPosition) {
        requirePositive(limit);
        if (scope instanceof TaskScope.InList) {
            synchronized (writes) {
                return listOf(tasksByScope.get(scope), filter, limit, afterPosition);
            }
        }
        return listOf(tasksByScope.get(scope), filter, limit, afterPosition);
    }

    private static TaskSlice listOf(
            ConcurrentSkipListMap<String, Task> tasks, TaskFilter filter, int limit, String afterPosition) {
        if (tasks == null || filter.isEmptyRange()) {
            return new TaskSlice(List.of(), null);
        }
        if (filter.order() == TaskOrder.DUE_DATE) {
            return listByDueDate(tasks, filter, limit, afterPosition);
        }
        return newestFirst(tasks.descendingMap(), filter::matches, limit, afterPosition);
    }

    private static TaskSlice newestFirst(NavigableMap<String, Task> newestFirst,
            java.util.function.Predicate<Task> matches, int limit, String afterPosition) {
        NavigableMap<String, Task> from = afterPosition == null ? newestFirst : newestFirst.tailMap(afterPosition,
                false);
        List<Task> page = new ArrayList<>(limit);
        boolean more = false;
        for (Task task : from.values()) {
            if (!matches.test(task)) {
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
        return task.dueDate().orElseThrow() + "#" + task.id();
    }

    @Override
    public TaskSlice assignedTo(UserId user, int limit, String afterPosition) {
        requirePositive(limit);
        synchronized (writes) {
            ConcurrentSkipListMap<String, Task> assigned = tasksByAssignee.getOrDefault(user, EMPTY);
            return newestFirst(assigned.descendingMap(), task -> true, limit, afterPosition);
        }
    }

    @Override
    public boolean unassignAll(String listId, UserId user, UserId actor, long now, int budget) {
        synchronized (writes) {
            ConcurrentSkipListMap<String, Task> tasks = tasksByScope.getOrDefault(new TaskScope.InList(listId), EMPTY);
            int done = 0;
            for (Task task : tasks.values()) {
                if (task.assignee().filter(user::equals).isPresent()) {
                    if (done == budget) {
                        return false;
                    }
                    Task unassigned = task.unassigned(now);
                    tasks.put(task.id(), unassigned);
                    assign(task, unassigned);
                    history(task.id()).record(Activity.changed(task, unassigned, actor).orElseThrow());
                    done++;
                }
            }
            return true;
        }
    }

    @Override
    public boolean deleteAll(String listId, int budget) {
        synchronized (writes) {
            TaskScope scope = new TaskScope.InList(listId);
            ConcurrentSkipListMap<String, Task> tasks = tasksByScope.getOrDefault(scope, EMPTY);
            Iterator<Task> remaining = tasks.values().iterator();
            for (int done = 0; remaining.hasNext(); done++) {
                if (done == budget) {
                    return false;
                }
                Task task = remaining.next();
                listOfTask.remove(task.id());
                assign(task, null);
                histories.remove(task.id());
                remaining.remove();
            }
            tasksByScope.remove(scope);
            return true;
        }
    }

    /** A task's history goes with it in the same step, so there is never anything left to purge. */
    @Override
    public boolean purgeHistory(String taskId, int budget) {
        return true;
    }

    @Override
    public void addComment(TaskScope scope, Comment comment) {
        synchronized (writes) {
            History history = existing(scope, comment.taskId());
            history.addComment(comment);
            history.record(Activity.commented(comment));
        }
    }

    @Override
    public Optional<Comment> findComment(TaskScope scope, String taskId, String commentId) {
        synchronized (writes) {
            return Optional.ofNullable(existing(scope, taskId).comments().get(commentId));
        }
    }

    @Override
    public void deleteComment(TaskScope scope, String taskId, String commentId, UserId actor, long at) {
        synchronized (writes) {
            History history = existing(scope, taskId);
            Comment comment = history.removeComment(commentId);
            if (comment == null) {
                throw new CommentNotFoundException();
            }
            history.record(Activity.commentDeleted(comment, actor, at));
        }
    }

    @Override
    public Slice<Comment> comments(TaskScope scope, String taskId, int limit, String afterPosition) {
        requirePositive(limit);
        synchronized (writes) {
            NavigableMap<String, Comment> comments = existing(scope, taskId).comments();
            NavigableMap<String, Comment> from = afterPosition == null ? comments
                    : comments.tailMap(afterPosition, false);
            List<Comment> page = from.values().stream().limit(limit).toList();
            boolean more = from.size() > limit;
            return new Slice<>(page, more ? page.get(page.size() - 1).id() : null);
        }
    }

    @Override
    public Slice<ActivityEntry> activity(TaskScope scope, String taskId, int limit, String afterPosition) {
        requirePositive(limit);
        long before;
        try {
            before = afterPosition == null ? Long.MAX_VALUE : Long.parseLong(afterPosition);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a position of an activity listing", e);
        }
        synchronized (writes) {
            List<ActivityEntry> entries = existing(scope, taskId).entries();
            int end = (int) Math.min(entries.size(), Math.max(0, before - 1));
            List<ActivityEntry> page = new ArrayList<>(Math.min(limit, end));
            for (int i = end - 1; i >= 0 && page.size() < limit; i--) {
                page.add(entries.get(i));
            }
            boolean more = end > limit;
            return new Slice<>(page, more ? Long.toString(page.get(page.size() - 1).sequence()) : null);
        }
    }

    /** The history of a task that is in {@code scope}; called under {@link #writes}. */
    private History existing(TaskScope scope, String taskId) {
        if (!tasksByScope.getOrDefault(scope, EMPTY).containsKey(taskId)) {
            throw new TaskNotFoundException();
        }
        return history(taskId);
    }

    /** The history of a stored task; called under {@link #writes}. */
    private History history(String taskId) {
        return histories.computeIfAbsent(taskId, id -> new History());
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }

    /** Forgets every task of every scope. */
    public void clear() {
        synchronized (writes) {
            tasksByScope.clear();
            listOfTask.clear();
            tasksByAssignee.clear();
            histories.clear();
        }
    }

    /** Moves a task's entry from its former assignee's map to its new one's; called under {@link #writes}. */
    private void assign(Task before, Task after) {
        if (before != null && before.assignee().isPresent()) {
            UserId assignee = before.assignee().get();
            ConcurrentSkipListMap<String, Task> assigned = tasksByAssignee.get(assignee);
            assigned.remove(before.id());
            if (assigned.isEmpty()) {
                tasksByAssignee.remove(assignee);
            }
        }
        if (after != null) {
            after.assignee().ifPresent(assignee -> tasksByAssignee
                    .computeIfAbsent(assignee, user -> new ConcurrentSkipListMap<>()).put(after.id(), after));
        }
    }

    /** A task is kept where it says it is: in its list, or, in no list, with its owner. */
    private static void requireKeptIn(TaskScope scope, Task task) {
        boolean kept = scope instanceof TaskScope.InList list ? task.listId().filter(list.listId()::equals).isPresent()
                : task.listId().isEmpty();
        if (!kept) {
            throw new IllegalArgumentException("a task is created in the scope of its own list, or of its owner");
        }
    }

    private ConcurrentSkipListMap<String, Task> tasks(TaskScope scope) {
        return tasksByScope.computeIfAbsent(scope, s -> new ConcurrentSkipListMap<>());
    }
}
