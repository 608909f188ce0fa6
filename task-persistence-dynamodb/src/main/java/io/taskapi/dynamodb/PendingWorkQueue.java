package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.s;

import io.taskapi.domain.PendingWork;
import io.taskapi.domain.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The queue of work left ({@code pending}) and the purge of deleted lists, for {@link DynamoDbListRepository}: a
 * deleted list keeps its items until it is purged, in bounded steps, while its {@code deleted_at} hides it from every
 * reader.
 */
final class PendingWorkQueue {
    /**
     * How old a queued piece of work must be before it is dropped as stray when it turns out to have nothing to do (its
     * list is not deleted, its user still a member): far longer than any request that queues work and then does what
     * makes it due.
     */
    static final Duration STRAY_AFTER = Duration.ofMinutes(5);
    /** Entries of the queue {@link #pendingWork} reads at most beyond its limit, skipping those not due. */
    private static final int PENDING_SCAN = 100;
    /** Items read per request when working through a partition in bounded steps. */
    private static final int BULK_PAGE = 100;

    private final ListTable table;

    PendingWorkQueue(ListTable table) {
        this.table = table;
    }

    /** Queues the purge of a list about to be deleted: written before {@code deleted_at}, see {@link TaskLists}. */
    void queuePurge(String listId, long now) {
        DynamoDbErrors.call(() -> table.client.putItem(r -> r
                .tableName(table.name).item(ListItemMapper.purgeItem(listId, now))));
    }

    void queueUnassignment(String listId, UserId user, UserId actor) {
        if (ListItemMapper.isStorableListId(listId)) {
            long now = table.now();
            DynamoDbErrors.call(() -> table.client.putItem(r -> r
                    .tableName(table.name).item(ListItemMapper.unassignItem(listId, user, actor, now))));
        }
    }

    void unassignmentDone(String listId, UserId user) {
        if (ListItemMapper.isStorableListId(listId)) {
            DynamoDbErrors.call(() -> table.client.deleteItem(r -> r
                    .tableName(table.name).key(ListItemMapper.unassignKey(listId, user))));
        }
    }

    /**
     * Queues the removal of a deleted task's history; queuing it again only renews the entry. The entry is always due:
     * the purge itself touches nothing while the task exists.
     */
    void queueHistoryPurge(String taskId) {
        if (ListItemMapper.isStorableTaskId(taskId)) {
            long now = table.now();
            DynamoDbErrors.call(() -> table.client.putItem(r -> r
                    .tableName(table.name).item(ListItemMapper.historyPurgeItem(taskId, now))));
        }
    }

    void historyPurgeDone(String taskId) {
        if (ListItemMapper.isStorableTaskId(taskId)) {
            DynamoDbErrors.call(() -> table.client.deleteItem(r -> r
                    .tableName(table.name).key(ListItemMapper.historyPurgeKey(taskId))));
        }
    }

    /**
     * In the order of the queue's keys: history purges by task id (oldest task first), then list purges by list id
     * (oldest list first), then unassignments. Each entry read is confirmed with one consistent {@code BatchGetItem}
     * per page: a list purge is due once its list is deleted or gone, an unassignment once the user is no longer a
     * member; a history purge is always due. An entry that is not due (a deletion or removal that failed, or is still
     * under way) is skipped, and dropped once it is {@link #STRAY_AFTER} old. At most {@code limit} +
     * {@value #PENDING_SCAN} entries are read.
     */
    List<PendingWork> pendingWork(int limit) {
        ListTable.requireLimit(limit);
        List<PendingWork> due = new ArrayList<>();
        long strayBefore = table.now() - STRAY_AFTER.toSeconds();
        int read = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            int wanted = Math.min(BULK_PAGE, limit + PENDING_SCAN - read);
            QueryResponse response = DynamoDbErrors.call(() -> table.client.query(r -> {
                r.tableName(table.name)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", ListTableSchema.PK))
                        .expressionAttributeValues(Map.of(":pk", s(ListItemMapper.PENDING)))
                        .consistentRead(true)
                        .limit(wanted);
                if (from != null) {
                    r.exclusiveStartKey(from);
                }
            }));
            read += response.items().size();
            Map<Map<String, AttributeValue>, Map<String, AttributeValue>> state = stateOf(response.items());
            for (Map<String, AttributeValue> entry : response.items()) {
                PendingWork work = ListItemMapper.toPendingWork(entry);
                if (isDue(work, state)) {
                    due.add(work);
                    if (due.size() == limit) {
                        return due;
                    }
                } else if (ListItemMapper.queuedAt(entry) < strayBefore) {
                    dropStray(entry);
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null && read < limit + PENDING_SCAN);
        return due;
    }

    /** The list and member items the queued {@code entries} are about, by key; absent ones are missing. */
    private Map<Map<String, AttributeValue>, Map<String, AttributeValue>> stateOf(
            List<Map<String, AttributeValue>> entries) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> entry : entries) {
            PendingWork work = ListItemMapper.toPendingWork(entry);
            if (work instanceof PendingWork.Purge purge) {
                keys.add(ListItemMapper.listKey(purge.listId()));
            } else if (work instanceof PendingWork.Unassignment unassignment) {
                keys.add(ListItemMapper.listKey(unassignment.listId()));
                keys.add(ListItemMapper.memberKey(unassignment.listId(), unassignment.user()));
            }
        }
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> state = new HashMap<>();
        for (Map<String, AttributeValue> item : Batches.get(table.client, table.name,
                keys.stream().distinct().toList(), true)) {
            state.put(ListItemMapper.key(ListItemMapper.pk(item), ListItemMapper.sk(item)), item);
        }
        return state;
    }

    private static boolean isDue(PendingWork work,
            Map<Map<String, AttributeValue>, Map<String, AttributeValue>> state) {
        if (work instanceof PendingWork.HistoryPurge) {
            return true;
        }
        if (work instanceof PendingWork.Purge purge) {
            return ListItemMapper.isGone(state.get(ListItemMapper.listKey(purge.listId())));
        }
        PendingWork.Unassignment unassignment = (PendingWork.Unassignment) work;
        return ListItemMapper.isGone(state.get(ListItemMapper.listKey(unassignment.listId())))
                || !state.containsKey(ListItemMapper.memberKey(unassignment.listId(), unassignment.user()));
    }

    /** Deletes a stray queue entry, unless it was queued again since it was read. */
    private void dropStray(Map<String, AttributeValue> entry) {
        DynamoDbErrors.conditionHeld(() -> table.client.deleteItem(r -> r
                .tableName(table.name)
                .key(ListItemMapper.key(ListItemMapper.pk(entry), ListItemMapper.sk(entry)))
                .conditionExpression("#queued = :queued")
                .expressionAttributeNames(Map.of("#queued", ListTableSchema.QUEUED_AT))
                .expressionAttributeValues(Map.of(":queued", entry.get(ListTableSchema.QUEUED_AT)))));
    }

    /**
     * Never touches a list that is not deleted. Of a deleted one, reads up to {@code budget} member items with one
     * consistent {@code Query}, deletes their users' entries for the list, then the member items
     * ({@code BatchWriteItem}); once none is left, the list item (on the condition that it is deleted), then the queue
     * entry. A writer that stops anywhere leaves the queue entry, so the next call goes on where this one stopped.
     */
    boolean purge(String listId, int budget) {
        if (!ListItemMapper.isStorableListId(listId)) {
            return true;
        }
        Map<String, AttributeValue> list = table.get(ListItemMapper.listKey(listId));
        if (list == null) {
            // Removed last, so its members are gone already; only the queue entry may be left.
            deletePurgeEntry(listId);
            return true;
        }
        if (!ListItemMapper.isGone(list)) {
            return true;
        }
        List<Map<String, AttributeValue>> members = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        boolean exhausted = false;
        // Up to one member more than the budget: it tells whether any is left after this call.
        while (!exhausted && members.size() <= budget) {
            Map<String, AttributeValue> from = start;
            int wanted = Math.min(BULK_PAGE, budget + 1 - members.size());
            QueryResponse response = DynamoDbErrors.call(() -> table.client.query(r -> {
                r.tableName(table.name)
                        .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#pk", ListTableSchema.PK, "#sk", ListTableSchema.SK))
                        .expressionAttributeValues(Map.of(":pk", s(ListItemMapper.LIST_PREFIX + listId),
                                ":from", s(ListItemMapper.MEMBER_PREFIX), ":to", s(ListItemMapper.MEMBERS_END)))
                        .consistentRead(true)
                        .limit(wanted);
                if (from != null) {
                    r.exclusiveStartKey(from);
                }
            }));
            members.addAll(response.items());
            exhausted = !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty();
            start = exhausted ? null : response.lastEvaluatedKey();
        }
        List<Map<String, AttributeValue>> removed = members.subList(0, Math.min(budget, members.size()));
        // A user's entry for a deleted list suggests nothing true, whichever membership it belonged to.
        Batches.delete(table.client, table.name, removed.stream()
                .map(item -> ListItemMapper.userListKey(ListItemMapper.toMember(item).user(), listId)).toList());
        Batches.delete(table.client, table.name, removed.stream()
                .map(item -> ListItemMapper.key(ListItemMapper.pk(item), ListItemMapper.sk(item))).toList());
        if (!exhausted || members.size() > budget) {
            return false;
        }
        DynamoDbErrors.conditionHeld(() -> table.client.deleteItem(r -> r
                .tableName(table.name)
                .key(ListItemMapper.listKey(listId))
                .conditionExpression("attribute_exists(#deleted)")
                .expressionAttributeNames(Map.of("#deleted", ListTableSchema.DELETED_AT))));
        deletePurgeEntry(listId);
        return true;
    }

    /** Deletes the queue entry of a list's purge: its list was purged to the end, or never existed. */
    void deletePurgeEntry(String listId) {
        DynamoDbErrors.call(() -> table.client.deleteItem(r -> r
                .tableName(table.name).key(ListItemMapper.purgeKey(listId))));
    }
}
