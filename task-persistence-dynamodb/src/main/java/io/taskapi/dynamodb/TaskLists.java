package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.n;
import static io.taskapi.dynamodb.AttributeValues.s;

import io.taskapi.domain.ListAccess;
import io.taskapi.domain.ListNotFoundException;
import io.taskapi.domain.Member;
import io.taskapi.domain.Membership;
import io.taskapi.domain.Slice;
import io.taskapi.domain.TaskAlreadyExistsException;
import io.taskapi.domain.TaskList;
import io.taskapi.domain.UserId;
import io.taskapi.domain.VersionConflictException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The lists themselves, the lists of each user, and the reads that decide who may do what, for
 * {@link DynamoDbListRepository}. A deleted list carries {@code deleted_at}, which every read checks in the same
 * request as the members it reads, so it is gone for every reader at once.
 */
final class TaskLists {
    private final ListTable table;
    private final ListMembers members;
    private final PendingWorkQueue queue;

    TaskLists(ListTable table, ListMembers members, PendingWorkQueue queue) {
        this.table = table;
        this.members = members;
        this.queue = queue;
    }

    /**
     * The list item first, with no owner counted and on the condition that the id is free; then the owner's entries
     * and the count. A writer that stops after the list item leaves a list nobody is a member of, which no reader
     * shows to anyone.
     */
    void create(TaskList list, Member owner) {
        if (!ListItemMapper.isStorableListId(list.id())) {
            throw new IllegalArgumentException("a list id must fit the table's keys");
        }
        boolean created = DynamoDbErrors.conditionHeld(() -> table.client.putItem(r -> r
                .tableName(table.name)
                .item(ListItemMapper.listItem(list))
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", ListTableSchema.PK))));
        if (!created) {
            // Either another list has the id, or the SDK retried our write after a lost answer and met it.
            Map<String, AttributeValue> stored = table.get(ListItemMapper.listKey(list.id()));
            if (ListItemMapper.isGone(stored) || !ListItemMapper.toList(stored).equals(list)
                    || ListItemMapper.ownerCount(stored) != 0) {
                throw new TaskAlreadyExistsException();
            }
        }
        members.add(list.id(), owner);
    }

    /** One consistent {@code BatchGetItem} of the list item and the member items of {@code users}. */
    Optional<ListAccess> access(String listId, Set<UserId> users) {
        if (!ListItemMapper.isStorableListId(listId)) {
            return Optional.empty();
        }
        ListTable.Snapshot snapshot = table.snapshot(listId, users);
        if (ListItemMapper.isGone(snapshot.list())) {
            return Optional.empty();
        }
        Map<UserId, Member> found = new HashMap<>();
        snapshot.members().forEach((user, item) -> found.put(user, ListItemMapper.toMember(item)));
        return Optional.of(new ListAccess(ListItemMapper.toList(snapshot.list()), found));
    }

    /** One consistent {@code BatchGetItem} per 50 lists: each list's item and the user's entry. */
    Map<String, Membership> memberships(UserId user, Set<String> listIds) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String listId : listIds) {
            if (ListItemMapper.isStorableListId(listId)) {
                keys.add(ListItemMapper.listKey(listId));
                keys.add(ListItemMapper.memberKey(listId, user));
            }
        }
        Map<String, Map<String, AttributeValue>> listItems = new HashMap<>();
        Map<String, Map<String, AttributeValue>> memberItems = new HashMap<>();
        for (Map<String, AttributeValue> item : Batches.get(table.client, table.name, keys, true)) {
            String listId = ListItemMapper.pk(item).substring(ListItemMapper.LIST_PREFIX.length());
            (ListItemMapper.isList(item) ? listItems : memberItems).put(listId, item);
        }
        Map<String, Membership> memberships = new LinkedHashMap<>();
        for (String listId : listIds) {
            Map<String, AttributeValue> list = listItems.get(listId);
            Map<String, AttributeValue> member = memberItems.get(listId);
            if (!ListItemMapper.isGone(list) && member != null) {
                memberships.put(listId, new Membership(ListItemMapper.toList(list),
                        ListItemMapper.toMember(member).role()));
            }
        }
        return memberships;
    }

    /** One conditional {@code UpdateItem} of the list's own attributes; its owners stay counted. */
    void replace(TaskList list, long expectedVersion) {
        if (!ListItemMapper.isStorableListId(list.id())) {
            throw new ListNotFoundException();
        }
        boolean replaced = DynamoDbErrors.conditionHeld(() -> table.client.updateItem(r -> r
                .tableName(table.name)
                .key(ListItemMapper.listKey(list.id()))
                .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#deleted) AND #version = :expected")
                .updateExpression("SET #name = :name, #updated = :updated, #version = :version")
                .expressionAttributeNames(Map.of("#pk", ListTableSchema.PK, "#deleted", ListTableSchema.DELETED_AT,
                        "#version", ListTableSchema.VERSION, "#name", ListTableSchema.NAME,
                        "#updated", ListTableSchema.UPDATED_AT))
                .expressionAttributeValues(Map.of(":expected", n(expectedVersion), ":name", s(list.name()),
                        ":updated", n(list.updatedAt()), ":version", n(list.version())))));
        if (!replaced) {
            Map<String, AttributeValue> stored = table.get(ListItemMapper.listKey(list.id()));
            if (ListItemMapper.isGone(stored)) {
                throw new ListNotFoundException();
            }
            if (!ListItemMapper.toList(stored).equals(list)) {
                throw VersionConflictException.ofList();
            }
            // The SDK retried our write after a lost answer, and met it.
        }
    }

    /**
     * The queue entry {@code pending/purge#<list>} first, then {@code deleted_at} on the list item, on the condition
     * that the list exists, is not deleted, and has the expected version. A writer that stops between the two, or whose
     * condition fails on a live list, leaves an entry for a list that is not deleted: the queue never offers it, and
     * drops it once it is {@link PendingWorkQueue#STRAY_AFTER} old (it is not deleted at once: a concurrent deletion of
     * the same list may have written it too). The other order could leave a deleted list that nothing purges.
     */
    void markDeleted(String listId, Long expectedVersion) {
        if (!ListItemMapper.isStorableListId(listId)) {
            throw new ListNotFoundException();
        }
        long now = table.now();
        queue.queuePurge(listId, now);
        Expression condition = new Expression("attribute_exists(#pk) AND attribute_not_exists(#deleted)")
                .name("#pk", ListTableSchema.PK).name("#deleted", ListTableSchema.DELETED_AT).value(":now", n(now));
        if (expectedVersion != null) {
            condition.append(" AND #version = :expected").name("#version", ListTableSchema.VERSION)
                    .value(":expected", n(expectedVersion));
        }
        boolean deleted = DynamoDbErrors.conditionHeld(() -> table.client.updateItem(r -> r
                .tableName(table.name)
                .key(ListItemMapper.listKey(listId))
                .conditionExpression(condition.text())
                .updateExpression("SET #deleted = :now")
                .expressionAttributeNames(condition.names())
                .expressionAttributeValues(condition.values())));
        if (!deleted) {
            Map<String, AttributeValue> stored = table.get(ListItemMapper.listKey(listId));
            if (stored == null) {
                // No such list (or one purged to the end): there is nothing the entry could be for.
                queue.deletePurgeEntry(listId);
            }
            throw ListItemMapper.isGone(stored) ? new ListNotFoundException() : VersionConflictException.ofList();
        }
    }

    /** One consistent {@code Query} of the user's partition, newest list id first. */
    Slice<String> listIdsOf(UserId user, int limit, String afterPosition) {
        ListTable.requireLimit(limit);
        if (afterPosition != null && !ListItemMapper.isStorableListId(afterPosition)) {
            throw new IllegalArgumentException("not a position of this repository");
        }
        String pk = ListItemMapper.USER_PREFIX + user.value();
        QueryResponse response = DynamoDbErrors.call(() -> table.client.query(r -> {
            r.tableName(table.name)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", ListTableSchema.PK))
                    .expressionAttributeValues(Map.of(":pk", s(pk)))
                    .scanIndexForward(false)
                    .consistentRead(true)
                    .limit(limit + 1);
            if (afterPosition != null) {
                r.exclusiveStartKey(ListItemMapper.userListKey(user, afterPosition));
            }
        }));
        List<String> ids = response.items().stream().map(ListItemMapper::listIdOfUserList).toList();
        return ListTable.slice(ids, limit, response, id -> id);
    }
}
