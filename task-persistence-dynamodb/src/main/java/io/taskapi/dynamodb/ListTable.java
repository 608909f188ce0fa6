package io.taskapi.dynamodb;

import io.taskapi.domain.Slice;
import io.taskapi.domain.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The lists table as the parts of {@link DynamoDbListRepository} share it: the client, the table, the clock, and the
 * consistent reads every decision starts from.
 */
final class ListTable {
    final DynamoDbClient client;
    final String name;
    private final Clock clock;

    /** The table {@code name}; the store facade has checked the name. */
    ListTable(DynamoDbClient client, String name, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.name = Objects.requireNonNull(name, "tableName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The item under {@code key}, read strongly consistently, or {@code null} when there is none. */
    Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        GetItemResponse response = DynamoDbErrors.call(() -> client.getItem(r -> r
                .tableName(name).key(key).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    /** The list item and the member items of {@code users}, read together in one consistent step. */
    record Snapshot(Map<String, AttributeValue> list, Map<UserId, Map<String, AttributeValue>> members) {
    }

    /** One consistent {@code BatchGetItem}: a deleted list and a removed member are refused by the same read. */
    Snapshot snapshot(String listId, Set<UserId> users) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        keys.add(ListItemMapper.listKey(listId));
        users.forEach(user -> keys.add(ListItemMapper.memberKey(listId, user)));
        Map<String, AttributeValue> list = null;
        Map<UserId, Map<String, AttributeValue>> members = new HashMap<>();
        for (Map<String, AttributeValue> item : Batches.get(client, name, keys, true)) {
            if (ListItemMapper.isList(item)) {
                list = item;
            } else {
                members.put(ListItemMapper.toMember(item).user(), item);
            }
        }
        return new Snapshot(list, members);
    }

    /** Now, in epoch seconds, as items are stamped. */
    long now() {
        return clock.instant().getEpochSecond();
    }

    /** The first {@code limit} of {@code items} read with one more than a page, and where the next page starts. */
    static <T> Slice<T> slice(List<T> items, int limit, QueryResponse response, Function<T, String> position) {
        List<T> page = items.size() > limit ? items.subList(0, limit) : items;
        boolean stoppedEarly = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        boolean more = items.size() > limit || stoppedEarly && !page.isEmpty();
        return new Slice<>(page, more ? position.apply(page.get(page.size() - 1)) : null);
    }

    static void requireLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000");
        }
    }
}
