package io.taskapi.dynamodb;

import io.taskapi.domain.ListAccess;
import io.taskapi.domain.ListRepository;
import io.taskapi.domain.Member;
import io.taskapi.domain.MemberChange;
import io.taskapi.domain.Membership;
import io.taskapi.domain.PendingWork;
import io.taskapi.domain.Slice;
import io.taskapi.domain.TaskList;
import io.taskapi.domain.UserId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@link ListRepository} on the lists table ({@link ListTableSchema}), through the low-level client and without
 * transactions (dynalite has none): every change that touches several items writes them in an order that no reader can
 * mistake for a wrong state at any point, should the writer stop there.
 *
 * <p>The work is in three parts on one {@link ListTable}: {@link TaskLists} (lists, the lists of each user, role
 * reads), {@link ListMembers} (members and {@code owner_count}) and {@link PendingWorkQueue} (the queue of work left
 * and the purge of deleted lists). Every read that decides is strongly consistent: access checks and memberships are
 * one consistent {@code BatchGetItem} of the list item and the member items, listings are consistent queries of one
 * partition.
 */
final class DynamoDbListRepository implements ListRepository {
    private final TaskLists lists;
    private final ListMembers members;
    private final PendingWorkQueue queue;

    /** A repository on {@code tableName}; the store facade has checked the name. */
    DynamoDbListRepository(DynamoDbClient client, String tableName, Clock clock) {
        ListTable table = new ListTable(client, tableName, clock);
        this.members = new ListMembers(table);
        this.queue = new PendingWorkQueue(table);
        this.lists = new TaskLists(table, members, queue);
    }

    @Override
    public void create(TaskList list, Member owner) {
        lists.create(list, owner);
    }

    @Override
    public Optional<ListAccess> access(String listId, Set<UserId> users) {
        return lists.access(listId, users);
    }

    @Override
    public Map<String, Membership> memberships(UserId user, Set<String> listIds) {
        return lists.memberships(user, listIds);
    }

    @Override
    public void replace(TaskList list, long expectedVersion) {
        lists.replace(list, expectedVersion);
    }

    @Override
    public void markDeleted(String listId, Long expectedVersion) {
        lists.markDeleted(listId, expectedVersion);
    }

    @Override
    public Slice<String> listIdsOf(UserId user, int limit, String afterPosition) {
        return lists.listIdsOf(user, limit, afterPosition);
    }

    @Override
    public Slice<Member> members(String listId, int limit, String afterPosition) {
        return members.members(listId, limit, afterPosition);
    }

    @Override
    public MemberChange putMember(String listId, Member member) {
        return members.putMember(listId, member);
    }

    @Override
    public boolean addMember(String listId, Member member) {
        return members.addMember(listId, member);
    }

    @Override
    public void removeMember(String listId, UserId user) {
        members.removeMember(listId, user);
    }

    @Override
    public void queueUnassignment(String listId, UserId user, UserId actor) {
        queue.queueUnassignment(listId, user, actor);
    }

    @Override
    public void queueHistoryPurge(String taskId) {
        queue.queueHistoryPurge(taskId);
    }

    @Override
    public void historyPurgeDone(String taskId) {
        queue.historyPurgeDone(taskId);
    }

    @Override
    public void unassignmentDone(String listId, UserId user) {
        queue.unassignmentDone(listId, user);
    }

    @Override
    public List<PendingWork> pendingWork(int limit) {
        return queue.pendingWork(limit);
    }

    @Override
    public boolean purge(String listId, int budget) {
        return queue.purge(listId, budget);
    }
}
