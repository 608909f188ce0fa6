package io.taskapi.memory;

import io.taskapi.domain.LastOwnerException;
import io.taskapi.domain.ListAccess;
import io.taskapi.domain.ListNotFoundException;
import io.taskapi.domain.ListRepository;
import io.taskapi.domain.ListRole;
import io.taskapi.domain.Member;
import io.taskapi.domain.MemberChange;
import io.taskapi.domain.MemberNotFoundException;
import io.taskapi.domain.Membership;
import io.taskapi.domain.PendingWork;
import io.taskapi.domain.Slice;
import io.taskapi.domain.TaskAlreadyExistsException;
import io.taskapi.domain.TaskList;
import io.taskapi.domain.UserId;
import io.taskapi.domain.VersionConflictException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A thread-safe {@link ListRepository} in memory, for embedding, local use and tests. Every operation holds one lock,
 * which makes each as atomic as the store's conditional writes and keeps a list's owners counted exactly.
 */
public final class InMemoryListRepository implements ListRepository {
    private final Map<String, Entry> lists = new HashMap<>();
    private final Map<UserId, TreeSet<String>> listsOfUser = new HashMap<>();
    private final Set<PendingWork> pending = new LinkedHashSet<>();

    /** A list with its members, by user id. */
    private static final class Entry {
        TaskList list;
        boolean deleted;
        final TreeMap<String, Member> members = new TreeMap<>();

        Entry(TaskList list) {
            this.list = list;
        }

        long owners() {
            return members.values().stream().filter(member -> member.role() == ListRole.OWNER).count();
        }
    }

    /** An empty repository. */
    public InMemoryListRepository() {
    }

    @Override
    public synchronized void create(TaskList list, Member owner) {
        if (lists.containsKey(list.id())) {
            throw new TaskAlreadyExistsException();
        }
        Entry entry = new Entry(list);
        entry.members.put(owner.user().value(), owner);
        lists.put(list.id(), entry);
        listsOfUser.computeIfAbsent(owner.user(), user -> new TreeSet<>()).add(list.id());
    }

    @Override
    public synchronized Optional<ListAccess> access(String listId, Set<UserId> users) {
        Entry entry = live(listId);
        if (entry == null) {
            return Optional.empty();
        }
        Map<UserId, Member> found = new HashMap<>();
        for (UserId user : users) {
            Member member = entry.members.get(user.value());
            if (member != null) {
                found.put(user, member);
            }
        }
        return Optional.of(new ListAccess(entry.list, found));
    }

    @Override
    public synchronized Map<String, Membership> memberships(UserId user, Set<String> listIds) {
        Map<String, Membership> found = new LinkedHashMap<>();
        for (String listId : listIds) {
            Entry entry = live(listId);
            Member member = entry == null ? null : entry.members.get(user.value());
            if (member != null) {
                found.put(listId, new Membership(entry.list, member.role()));
            }
        }
        return found;
    }

    @Override
    public synchronized void replace(TaskList list, long expectedVersion) {
        Entry entry = live(list.id());
        if (entry == null) {
            throw new ListNotFoundException();
        }
        if (entry.list.version() != expectedVersion) {
            throw VersionConflictException.ofList();
        }
        entry.list = list;
    }

    @Override
    public synchronized void markDeleted(String listId, Long expectedVersion) {
        Entry entry = live(listId);
        if (entry == null) {
            throw new ListNotFoundException();
        }
        if (expectedVersion != null && entry.list.version() != expectedVersion) {
            throw VersionConflictException.ofList();
        }
        entry.deleted = true;
        pending.add(new PendingWork.Purge(listId));
    }

    @Override
    public synchronized Slice<String> listIdsOf(UserId user, int limit, String afterPosition) {
        NavigableSet<String> newestFirst = listsOfUser.getOrDefault(user, new TreeSet<>()).descendingSet();
        return page(new ArrayList<>(afterPosition == null ? newestFirst : newestFirst.tailSet(afterPosition, false)),
                limit, id -> id);
    }

    @Override
    public synchronized Slice<Member> members(String listId, int limit, String afterPosition) {
        Entry entry = live(listId);
        if (entry == null) {
            return new Slice<>(List.of(), null);
        }
        NavigableMap<String, Member> members = afterPosition == null ? entry.members
                : entry.members.tailMap(afterPosition, false);
        return page(new ArrayList<>(members.values()), limit, member -> member.user().value());
    }

    private static <T> Slice<T> page(List<T> all, int limit, java.util.function.Function<T, String> position) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        if (all.size() <= limit) {
            return new Slice<>(all, null);
        }
        List<T> items = all.subList(0, limit);
        return new Slice<>(items, position.apply(items.get(limit - 1)));
    }

    @Override
    public synchronized MemberChange putMember(String listId, Member member) {
        Entry entry = liveOrThrow(listId);
        Member existing = entry.members.get(member.user().value());
        if (existing == null) {
            entry.members.put(member.user().value(), member);
            listsOfUser.computeIfAbsent(member.user(), user -> new TreeSet<>()).add(listId);
            return MemberChange.ADDED;
        }
        if (existing.role() == member.role()) {
            return MemberChange.UNCHANGED;
        }
        if (existing.role() == ListRole.OWNER && entry.owners() == 1) {
            throw new LastOwnerException();
        }
        Optional<String> name = existing.name().or(member::name);
        entry.members.put(member.user().value(), new Member(member.user(), member.role(), name, existing.joinedAt()));
        return MemberChange.CHANGED;
    }

    @Override
    public synchronized boolean addMember(String listId, Member member) {
        Entry entry = liveOrThrow(listId);
        if (entry.members.containsKey(member.user().value())) {
            return false;
        }
        entry.members.put(member.user().value(), member);
        listsOfUser.computeIfAbsent(member.user(), user -> new TreeSet<>()).add(listId);
        return true;
    }

    @Override
    public synchronized void removeMember(String listId, UserId user) {
        Entry entry = live(listId);
        Member existing = entry == null ? null : entry.members.get(user.value());
        if (existing == null) {
            throw new MemberNotFoundException();
        }
        if (existing.role() == ListRole.OWNER && entry.owners() == 1) {
            throw new LastOwnerException();
        }
        entry.members.remove(user.value());
        Optional.ofNullable(listsOfUser.get(user)).ifPresent(ids -> ids.remove(listId));
    }

    @Override
    public synchronized void queueUnassignment(String listId, UserId user, UserId actor) {
        unassignmentDone(listId, user);
        pending.add(new PendingWork.Unassignment(listId, user, actor));
    }

    /**
     * {@inheritDoc}
     *
     * <p>An unassignment is offered only once its user is no longer a member: one queued before a removal that then
     * failed must not take their tasks from them.
     */
    @Override
    public synchronized List<PendingWork> pendingWork(int limit) {
        return pending.stream().filter(this::isDue).limit(limit).toList();
    }

    private boolean isDue(PendingWork work) {
        if (work instanceof PendingWork.Unassignment unassignment) {
            Entry entry = live(unassignment.listId());
            return entry == null || !entry.members.containsKey(unassignment.user().value());
        }
        return true;
    }

    @Override
    public synchronized boolean purge(String listId, int budget) {
        Entry entry = lists.get(listId);
        if (entry != null) {
            if (!entry.deleted) {
                return true;
            }
            // Members first, at most the budget; the list itself goes only once none is left.
            for (int removed = 0; !entry.members.isEmpty(); removed++) {
                if (removed == budget) {
                    return false;
                }
                Member member = entry.members.pollFirstEntry().getValue();
                Optional.ofNullable(listsOfUser.get(member.user())).ifPresent(ids -> ids.remove(listId));
            }
            lists.remove(listId);
        }
        pending.remove(new PendingWork.Purge(listId));
        return true;
    }

    @Override
    public synchronized void queueHistoryPurge(String taskId) {
        pending.add(new PendingWork.HistoryPurge(taskId));
    }

    @Override
    public synchronized void historyPurgeDone(String taskId) {
        pending.remove(new PendingWork.HistoryPurge(taskId));
    }

    @Override
    public synchronized void unassignmentDone(String listId, UserId user) {
        pending.removeIf(work -> work instanceof PendingWork.Unassignment unassignment
                && unassignment.listId().equals(listId) && unassignment.user().equals(user));
    }

    /** Forgets every list. */
    public synchronized void clear() {
        lists.clear();
        listsOfUser.clear();
        pending.clear();
    }

    private Entry live(String listId) {
        Entry entry = lists.get(listId);
        return entry == null || entry.deleted ? null : entry;
    }

    private Entry liveOrThrow(String listId) {
        Entry entry = live(listId);
        if (entry == null) {
            throw new ListNotFoundException();
        }
        return entry;
    }
}
