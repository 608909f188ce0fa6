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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.StampedLock;

/**
 * A thread-safe {@link TaskRepository} in memory, for embedding, local use and tests. Data lives as long as the
 * instance.
 *
 * <p>Tasks are kept outside the Java heap, each as the bytes of its record in {@link Slots}, and each scope's tasks as
 * one array of addresses sorted by id ({@link SortedSlots}); ids are time-ordered, so the array read backwards is
 * newest first. A store that keeps its tasks as objects in the heap has the collector copy every one of them on its
 * way to the old generation, in pauses that hold every request; under a stream of creations those pauses were the
 * local server's whole latency tail (benchmarks, section 3). A read decodes the task it returns.
 *
 * <p>One lock guards everything; reads share it. A list's task can move to another list, which takes two arrays, and
 * every assigned task is also kept in its assignee's map, so {@code assignee=me} reads a page, not every task of every
 * user. Assignments, list membership and histories beyond a task's creation stay in the heap: they are small and few
 * next to the tasks. Filtered listings walk the scope's tasks, which is fine in memory; the DynamoDB store backs each
 * filter by an index or a bounded read. Both return the same tasks in the same order; only where the DynamoDB store
 * ends a page early (a tag filter) can its page boundaries differ.
 *
 * <p>Each task's comments and activity change under the same lock as the task, so a task and its history always
 * change together. While its creation is all that happened to a task, its history is only its creator, kept with the
 * task, and the creation entry is built when it is read: most stored tasks never change.
 */
public final class InMemoryTaskRepository implements TaskRepository {
    /** How many bytes of freed slots are tolerated before the live ones are copied into new slots. */
    private static final long WASTE_ALLOWED = 16 << 20;
    private static final RecordCodec<Kept> KEPT = new RecordCodec<>(Kept.class);

    private final long wasteAllowed;
    private final StampedLock lock = new StampedLock();
    private Slots slots;
    private final Map<TaskScope, SortedSlots> tasksByScope = new HashMap<>();
    /** Where each list's task is, by id. */
    private final Map<String, String> listOfTask = new HashMap<>();
    /** Every task with an assignee, by assignee and id. */
    private final Map<UserId, NavigableMap<String, Task>> tasksByAssignee = new HashMap<>();
    /**
     * The history of each task that changed or was commented on since its creation, or whose creation entry is not
     * the one {@code Activity.created} builds, by task id. A tree, not a hash table: ids are time-ordered, so a new
     * entry lands beside the last ones, while a hash table writes it into a random slot of one large array, and once
     * that array is in the old generation every such write marks a card the collector scans at its next pause.
     */
    private final Map<String, History> histories = new TreeMap<>();

    /**
     * What is kept of a task: the task, and its creator while its creation is its only history.
     *
     * @param task    the task as it is now
     * @param creator who created it, while the creation entry {@code Activity.created} builds from {@code task} is all
     *                of its history; empty otherwise
     */
    record Kept(Task task, Optional<UserId> creator) {
    }

    /** A task's activity, oldest first, and its comments by id (time-ordered, so oldest first too). */
    private static final class History {
        private final List<ActivityEntry> entries = new ArrayList<>();
        /** Null until the first comment. */
        private TreeMap<String, Comment> comments;

        History(Optional<Activity> first) {
            first.ifPresent(this::record);
        }

        List<ActivityEntry> entries() {
            return entries;
        }

        void record(Activity activity) {
            if (activity != null) {
                entries.add(new ActivityEntry(entries.size() + 1L, activity));
            }
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
        this(WASTE_ALLOWED);
    }

    /** An empty repository that copies its live tasks into new slots once {@code wasteAllowed} bytes are freed. */
    InMemoryTaskRepository(long wasteAllowed) {
        this.wasteAllowed = wasteAllowed;
        this.slots = new Slots(wasteAllowed);
    }

    @Override
    public void create(TaskScope scope, Task task, Activity created) {
        requireKeptIn(scope, task);
        // Encoded before taking the lock, which every write of every user waits for.
        boolean onlyCreation = created != null && created.equals(Activity.created(task, created.actor()));
        byte[] value = KEPT.encode(new Kept(task, onlyCreation ? Optional.of(created.actor())
                : Optional.empty()));
        int spare;
        long stamp = lock.writeLock();
        try {
            SortedSlots tasks = tasksByScope.get(scope);
            int at = tasks == null ? -1 : tasks.search(slots, task.id());
            boolean taken = scope instanceof TaskScope.InList
                    ? listOfTask.putIfAbsent(task.id(), task.listId().orElseThrow()) != null
                    : at >= 0;
            if (taken) {
                throw new TaskAlreadyExistsException();
            }
            if (tasks == null) {
                tasks = new SortedSlots();
                tasksByScope.put(scope, tasks);
            }
            tasks.insert(-at - 1, slots.put(task.id(), value));
            assign(null, task);
            if (created != null && !onlyCreation) {
                histories.put(task.id(), new History(Optional.of(created)));
            }
            spare = slots.spareWanted();
        } finally {
            lock.unlockWrite(stamp);
        }
        offerSpare(spare);
    }

    @Override
    public Optional<Task> find(TaskScope scope, String id) {
        long stamp = lock.readLock();
        try {
            return Optional.ofNullable(task(scope, id));
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public Optional<Task> locate(OwnerId owner, String id) {
        long stamp = lock.readLock();
        try {
            Task own = task(new TaskScope.Personal(owner), id);
            if (own != null) {
                return Optional.of(own);
            }
            String listId = listOfTask.get(id);
            return listId == null ? Optional.empty() : Optional.ofNullable(task(new TaskScope.InList(listId), id));
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void replace(TaskScope scope, Task task, long expectedVersion, Activity change) {
        TaskRepository.requireMovableWithin(scope, task);
        byte[] value = KEPT.encode(new Kept(task, Optional.empty()));
        int spare;
        long stamp = lock.writeLock();
        try {
            SortedSlots tasks = tasksByScope.get(scope);
            int at = tasks == null ? -1 : tasks.search(slots, task.id());
            if (at < 0) {
                throw new TaskNotFoundException();
            }
            long ref = tasks.ref(at);
            Kept current = kept(ref);
            if (current.task().version() != expectedVersion) {
                throw new VersionConflictException();
            }
            History history = history(current);
            String listId = task.listId().orElse(null);
            if (scope instanceof TaskScope.InList list && !list.listId().equals(listId)) {
                tasks.remove(at);
                SortedSlots target = tasksByScope.computeIfAbsent(new TaskScope.InList(listId), s -> new SortedSlots());
                target.insert(-target.search(slots, task.id()) - 1, store(ref, task.id(), value));
                listOfTask.put(task.id(), listId);
            } else {
                tasks.set(at, store(ref, task.id(), value));
            }
            assign(current.task(), task);
            history.record(change);
            compactIfWasteful();
            spare = slots.spareWanted();
        } finally {
            lock.unlockWrite(stamp);
        }
        offerSpare(spare);
    }

    @Override
    public void delete(TaskScope scope, String id, Long expectedVersion) {
        long stamp = lock.writeLock();
        try {
            SortedSlots tasks = tasksByScope.get(scope);
            int at = tasks == null ? -1 : tasks.search(slots, id);
            if (at < 0) {
                throw new TaskNotFoundException();
            }
            long ref = tasks.ref(at);
            Task current = kept(ref).task();
            if (expectedVersion != null && current.version() != expectedVersion) {
                throw new VersionConflictException();
            }
            tasks.remove(at);
            forget(ref, current);
            compactIfWasteful();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public TaskSlice list(TaskScope scope, TaskFilter filter, int limit, String afterPosition) {
        requirePositive(limit);
        long stamp = lock.readLock();
        try {
            SortedSlots tasks = tasksByScope.get(scope);
            if (tasks == null || filter.isEmptyRange()) {
                return new TaskSlice(List.of(), null);
            }
            if (filter.order() == TaskOrder.DUE_DATE) {
                return listByDueDate(tasks, filter, limit, afterPosition);
            }
            List<Task> page = new ArrayList<>(limit);
            for (int i = tasks.lastBefore(slots, afterPosition); i >= 0; i--) {
                Task task = kept(tasks.ref(i)).task();
                if (!filter.matches(task)) {
                    continue;
                }
                if (page.size() == limit) {
                    return new TaskSlice(page, page.get(page.size() - 1).id());
                }
                page.add(task);
            }
            return new TaskSlice(page, null);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Earliest due first, ties oldest first, as the DynamoDB store's due date index orders them; a position is the
     * last task's {@link #dueKey}. Sorting on every page is fine in memory.
     */
    private TaskSlice listByDueDate(SortedSlots tasks, TaskFilter filter, int limit, String afterPosition) {
        List<Task> all = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            all.add(kept(tasks.ref(i)).task());
        }
        List<Task> matching = all.stream()
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
        long stamp = lock.readLock();
        try {
            NavigableMap<String, Task> assigned = tasksByAssignee.getOrDefault(user, Collections.emptyNavigableMap())
                    .descendingMap();
            NavigableMap<String, Task> from = afterPosition == null ? assigned : assigned.tailMap(afterPosition,
                    false);
            List<Task> page = from.values().stream().limit(limit).toList();
            return new TaskSlice(page, from.size() > limit ? page.get(page.size() - 1).id() : null);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public boolean unassignAll(String listId, UserId user, UserId actor, long now, int budget) {
        long stamp = lock.writeLock();
        try {
            // No compaction: an unassigned task is never larger than it was, so it stays in its slot.
            return unassignWithin(tasksByScope.get(new TaskScope.InList(listId)), user, actor, now, budget);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Unassigns up to {@code budget} of {@code user}'s tasks; whether none is left. Called under the write lock. */
    private boolean unassignWithin(SortedSlots tasks, UserId user, UserId actor, long now, int budget) {
        int done = 0;
        for (int i = 0; tasks != null && i < tasks.size(); i++) {
            long ref = tasks.ref(i);
            Kept kept = kept(ref);
            Task task = kept.task();
            if (task.assignee().filter(user::equals).isPresent()) {
                if (done == budget) {
                    return false;
                }
                Task unassigned = task.unassigned(now);
                History history = history(kept);
                tasks.set(i, store(ref, task.id(), KEPT.encode(new Kept(unassigned, Optional.empty()))));
                assign(task, unassigned);
                history.record(Activity.changed(task, unassigned, actor).orElseThrow());
                done++;
            }
        }
        return true;
    }

    @Override
    public boolean deleteAll(String listId, int budget) {
        long stamp = lock.writeLock();
        try {
            TaskScope scope = new TaskScope.InList(listId);
            boolean finished = deleteWithin(tasksByScope.get(scope), budget);
            if (finished) {
                tasksByScope.remove(scope);
            }
            compactIfWasteful();
            return finished;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Deletes up to {@code budget} of the tasks, newest first, since each removal from the end of the array moves
     * nothing; whether none is left. Called under the write lock.
     */
    private boolean deleteWithin(SortedSlots tasks, int budget) {
        for (int done = 0; tasks != null && tasks.size() > 0; done++) {
            if (done == budget) {
                return false;
            }
            int last = tasks.size() - 1;
            long ref = tasks.ref(last);
            Task task = kept(ref).task();
            tasks.remove(last);
            forget(ref, task);
        }
        return true;
    }

    /** A task's history goes with it in the same step, so there is never anything left to purge. */
    @Override
    public boolean purgeHistory(String taskId, int budget) {
        return true;
    }

    @Override
    public void addComment(TaskScope scope, Comment comment) {
        long stamp = lock.writeLock();
        try {
            History history = history(existing(scope, comment.taskId()));
            history.addComment(comment);
            history.record(Activity.commented(comment));
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public Optional<Comment> findComment(TaskScope scope, String taskId, String commentId) {
        long stamp = lock.readLock();
        try {
            existing(scope, taskId);
            return Optional.ofNullable(comments(taskId).get(commentId));
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void deleteComment(TaskScope scope, String taskId, String commentId, UserId actor, long at) {
        long stamp = lock.writeLock();
        try {
            Kept kept = existing(scope, taskId);
            if (!comments(taskId).containsKey(commentId)) {
                throw new CommentNotFoundException();
            }
            History history = history(kept);
            history.record(Activity.commentDeleted(history.removeComment(commentId), actor, at));
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public Slice<Comment> comments(TaskScope scope, String taskId, int limit, String afterPosition) {
        requirePositive(limit);
        long stamp = lock.readLock();
        try {
            existing(scope, taskId);
            NavigableMap<String, Comment> comments = comments(taskId);
            NavigableMap<String, Comment> from = afterPosition == null ? comments
                    : comments.tailMap(afterPosition, false);
            List<Comment> page = from.values().stream().limit(limit).toList();
            boolean more = from.size() > limit;
            return new Slice<>(page, more ? page.get(page.size() - 1).id() : null);
        } finally {
            lock.unlockRead(stamp);
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
        long stamp = lock.readLock();
        try {
            List<ActivityEntry> entries = entries(existing(scope, taskId));
            int end = (int) Math.min(entries.size(), Math.max(0, before - 1));
            List<ActivityEntry> page = new ArrayList<>(Math.min(limit, end));
            for (int i = end - 1; i >= 0 && page.size() < limit; i--) {
                page.add(entries.get(i));
            }
            boolean more = end > limit;
            return new Slice<>(page, more ? Long.toString(page.get(page.size() - 1).sequence()) : null);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Bytes of memory given up by deleted or moved tasks and not yet taken back; for tests and diagnostics. */
    long freedBytes() {
        long stamp = lock.readLock();
        try {
            return slots.garbage();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Forgets every task of every scope. */
    public void clear() {
        long stamp = lock.writeLock();
        try {
            tasksByScope.clear();
            listOfTask.clear();
            tasksByAssignee.clear();
            histories.clear();
            slots = new Slots(wasteAllowed);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** The task by {@code id} in {@code scope}, or null; called under the lock. */
    private Task task(TaskScope scope, String id) {
        SortedSlots tasks = tasksByScope.get(scope);
        int at = tasks == null ? -1 : tasks.search(slots, id);
        return at < 0 ? null : kept(tasks.ref(at)).task();
    }

    /** What is kept of a task that is in {@code scope}; called under the lock. */
    private Kept existing(TaskScope scope, String taskId) {
        SortedSlots tasks = tasksByScope.get(scope);
        int at = tasks == null ? -1 : tasks.search(slots, taskId);
        if (at < 0) {
            throw new TaskNotFoundException();
        }
        return kept(tasks.ref(at));
    }

    private Kept kept(long ref) {
        return KEPT.decode(slots.value(ref));
    }

    /** A stored task's history, to change: kept in the heap from now on; called under the write lock. */
    private History history(Kept kept) {
        return histories.computeIfAbsent(kept.task().id(),
                id -> new History(kept.creator().map(creator -> Activity.created(kept.task(), creator))));
    }

    /** A stored task's activity entries, to read; called under the lock. */
    private List<ActivityEntry> entries(Kept kept) {
        History history = histories.get(kept.task().id());
        if (history != null) {
            return history.entries();
        }
        return kept.creator().map(creator -> List.of(new ActivityEntry(1, Activity.created(kept.task(), creator))))
                .orElse(List.of());
    }

    /** A stored task's comments by id, to read; called under the lock. */
    private NavigableMap<String, Comment> comments(String taskId) {
        History history = histories.get(taskId);
        return history == null ? Collections.emptyNavigableMap() : history.comments();
    }

    /** Writes {@code value} into the slot at {@code ref} if it fits there, else into a new one; its address. */
    private long store(long ref, String id, byte[] value) {
        if (slots.rewrite(ref, value)) {
            return ref;
        }
        slots.free(ref);
        return slots.put(id, value);
    }

    /** Frees a task's slot and forgets its list, assignment and history; called under the write lock. */
    private void forget(long ref, Task task) {
        slots.free(ref);
        if (task.listId().isPresent()) {
            listOfTask.remove(task.id());
        }
        assign(task, null);
        histories.remove(task.id());
    }

    /**
     * Makes the buffer the slots will take next, if they want one, outside the lock, and hands it over: a new
     * buffer's memory is touched for the first time as it is zeroed, which takes milliseconds ({@link
     * Slots#spareWanted}). Only the request that filled the last buffer waits for it.
     */
    private void offerSpare(int size) {
        if (size == 0) {
            return;
        }
        ByteBuffer chunk = ByteBuffer.allocateDirect(size);
        long stamp = lock.writeLock();
        try {
            slots.offerSpare(chunk);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Copies the live tasks into new slots once freed ones outweigh them; called under the write lock. */
    private void compactIfWasteful() {
        if (!slots.wasteful()) {
            return;
        }
        Slots fresh = new Slots(wasteAllowed);
        for (SortedSlots tasks : tasksByScope.values()) {
            for (int i = 0; i < tasks.size(); i++) {
                tasks.set(i, fresh.copy(slots, tasks.ref(i)));
            }
        }
        slots = fresh;
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }

    /** Moves a task's entry from its former assignee's map to its new one's; called under the write lock. */
    private void assign(Task before, Task after) {
        if (before != null && before.assignee().isPresent()) {
            UserId assignee = before.assignee().get();
            NavigableMap<String, Task> assigned = tasksByAssignee.get(assignee);
            assigned.remove(before.id());
            if (assigned.isEmpty()) {
                tasksByAssignee.remove(assignee);
            }
        }
        if (after != null) {
            after.assignee().ifPresent(assignee -> tasksByAssignee
                    .computeIfAbsent(assignee, user -> new TreeMap<>()).put(after.id(), after));
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
}
