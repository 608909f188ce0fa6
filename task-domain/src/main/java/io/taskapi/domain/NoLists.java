package io.taskapi.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link ListRepository} that keeps no lists: reads find none, and writes that need one find none either. */
enum NoLists implements ListRepository {
    INSTANCE;

    @Override
    public void create(TaskList list, Member owner) {
        throw new UnsupportedOperationException("this service keeps no shared lists");
    }

    @Override
    public Optional<ListAccess> access(String listId, Set<UserId> users) {
        return Optional.empty();
    }

    @Override
    public Map<String, Membership> memberships(UserId user, Set<String> listIds) {
        return Map.of();
    }

    @Override
    public void replace(TaskList list, long expectedVersion) {
        throw new ListNotFoundException();
    }

    @Override
    public void markDeleted(String listId, Long expectedVersion) {
        throw new ListNotFoundException();
    }

    @Override
    public Slice<String> listIdsOf(UserId user, int limit, String afterPosition) {
        return new Slice<>(List.of(), null);
    }

    @Override
    public Slice<Member> members(String listId, int limit, String afterPosition) {
        return new Slice<>(List.of(), null);
    }

    @Override
    public MemberChange putMember(String listId, Member member) {
        throw new ListNotFoundException();
    }

    @Override
    public boolean addMember(String listId, Member member) {
        throw new ListNotFoundException();
    }

    @Override
    public void removeMember(String listId, UserId user) {
        throw new MemberNotFoundException();
    }

    @Override
    public void queueUnassignment(String listId, UserId user, UserId actor) {
        // Nothing is ever assigned in a list that does not exist.
    }

    @Override
    public void queueHistoryPurge(String taskId) {
        // Without a queue, what a deletion's request left of a long history stays where it is: unreachable for every
        // reader, since the task is gone, and costing storage only. The in-memory store never leaves anything.
    }

    @Override
    public void historyPurgeDone(String taskId) {
        // Nothing is ever queued.
    }

    @Override
    public List<PendingWork> pendingWork(int limit) {
        return List.of();
    }

    @Override
    public boolean purge(String listId, int budget) {
        return true;
    }

    @Override
    public void unassignmentDone(String listId, UserId user) {
        // Nothing was queued.
    }
}
