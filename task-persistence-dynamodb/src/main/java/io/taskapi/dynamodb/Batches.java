package io.taskapi.dynamodb;

import io.taskapi.domain.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Batch reads and deletes on one table, within DynamoDB's limits (100 keys a read, 25 writes a request), with the
 * items DynamoDB leaves unprocessed under load tried again after a short backoff.
 */
final class Batches {
    /** DynamoDB's limits per request. */
    static final int MAX_GET_KEYS = 100;
    static final int MAX_WRITES = 25;
    /** Rounds for unprocessed items: 10 ms doubling to 640 ms, about 1.3 s in all, within a call's time budget. */
    private static final int ROUNDS = 8;
    private static final long FIRST_BACKOFF_MILLIS = 10;

    private Batches() {
    }

    /**
     * The items stored under {@code keys} (those that exist), read strongly consistently when asked. One
     * {@code BatchGetItem} per 100 keys, plus retries of what DynamoDB left unprocessed.
     */
    static List<Map<String, AttributeValue>> get(DynamoDbClient client, String table,
            List<Map<String, AttributeValue>> keys, boolean consistent) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += MAX_GET_KEYS) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + MAX_GET_KEYS)))
                    .consistentRead(consistent).build());
            for (int round = 0; !pending.isEmpty(); round++) {
                backOff(round);
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = DynamoDbErrors.call(() -> client.batchGetItem(r -> r
                        .requestItems(request)));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return items;
    }

    /** Deletes the items under {@code keys}, unconditionally; one {@code BatchWriteItem} per 25 keys. */
    static void delete(DynamoDbClient client, String table, List<Map<String, AttributeValue>> keys) {
        for (int from = 0; from < keys.size(); from += MAX_WRITES) {
            List<WriteRequest> writes = keys.subList(from, Math.min(keys.size(), from + MAX_WRITES)).stream()
                    .map(key -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, writes);
            for (int round = 0; !pending.isEmpty(); round++) {
                backOff(round);
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = DynamoDbErrors.call(() -> client.batchWriteItem(r -> r
                        .requestItems(request)));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    /**
     * Waits before round {@code round} of a batch (none before the first). DynamoDB leaves items unprocessed when a
     * partition is throttled; it asks for exponential backoff, and gives up here as it would on a throttled request.
     */
    private static void backOff(int round) {
        if (round == 0) {
            return;
        }
        if (round >= ROUNDS) {
            throw new StoreUnavailableException("throttled", null);
        }
        try {
            Thread.sleep(FIRST_BACKOFF_MILLIS << (round - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted", e);
        }
    }
}
