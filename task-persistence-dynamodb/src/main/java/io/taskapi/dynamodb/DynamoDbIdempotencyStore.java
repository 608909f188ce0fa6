package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.IdempotencyTableSchema.Attribute.BODY;
import static io.taskapi.dynamodb.IdempotencyTableSchema.Attribute.CLAIMED_AT;
import static io.taskapi.dynamodb.IdempotencyTableSchema.Attribute.CLAIM_ID;
import static io.taskapi.dynamodb.IdempotencyTableSchema.Attribute.EXPIRES_AT;
import static io.taskapi.dynamodb.IdempotencyTableSchema.Attribute.FINGERPRINT;
import static io.taskapi.dynamodb.IdempotencyTableSchema.Attribute.HEADERS;
import static io.taskapi.dynamodb.IdempotencyTableSchema.Attribute.KEY;
import static io.taskapi.dynamodb.IdempotencyTableSchema.Attribute.OWNER;
import static io.taskapi.dynamodb.IdempotencyTableSchema.Attribute.STATUS;
import static io.taskapi.dynamodb.AttributeValues.n;
import static io.taskapi.dynamodb.AttributeValues.s;

import io.taskapi.application.IdempotencyClaim;
import io.taskapi.application.IdempotencyRecord;
import io.taskapi.application.IdempotencyStore;
import io.taskapi.application.IdempotentResponse;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.StoreUnavailableException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The {@link IdempotencyStore} on its own DynamoDB table ({@link IdempotencyTableSchema}). A claim is one conditional
 * {@code PutItem}, so of concurrent attempts on any number of instances exactly one wins; the others read the record.
 *
 * <p>Expired records are ignored when read and replaced when claimed; DynamoDB's time to live on {@code expires_at}
 * deletes them eventually. Engines without time to live (dynalite) keep them, which changes nothing but storage.
 */
final class DynamoDbIdempotencyStore implements IdempotencyStore {
    /** A claim that loses to a record which then vanishes (expired and deleted, or released) is simply tried again. */
    private static final int CLAIM_ATTEMPTS = 3;

    private final DynamoDbClient client;
    private final String tableName;

    /** A store on {@code tableName}; the store facade has checked the name. */
    DynamoDbIdempotencyStore(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public IdempotencyClaim claim(OwnerId owner, String key, String fingerprint, long now) {
        for (int attempt = 1; ; attempt++) {
            String claimId = UUID.randomUUID().toString();
            Map<String, AttributeValue> item = new HashMap<>(key(owner, key));
            item.put(FINGERPRINT.value(), s(fingerprint));
            item.put(CLAIM_ID.value(), s(claimId));
            item.put(CLAIMED_AT.value(), n(now));
            item.put(EXPIRES_AT.value(), n(now + RETENTION.toSeconds()));
            boolean granted = DynamoDbErrors.conditionHeld(() -> client.putItem(r -> r
                        .tableName(tableName)
                        .item(item)
                        // Free, expired, or an abandoned attempt at the same request (IdempotencyRecord.isClaimableBy).
                        .conditionExpression("attribute_not_exists(#key) OR #expires <= :now OR"
                                + " (attribute_not_exists(#status) AND #fingerprint = :fingerprint"
                                + " AND #claimed <= :abandoned)")
                        .expressionAttributeNames(Map.of("#key", KEY.value(), "#expires", EXPIRES_AT.value(),
                                "#status", STATUS.value(), "#fingerprint", FINGERPRINT.value(),
                                "#claimed", CLAIMED_AT.value()))
                        .expressionAttributeValues(Map.of(":now", n(now), ":fingerprint", s(fingerprint),
                                ":abandoned", n(now - ABANDONED_AFTER.toSeconds())))));
            if (granted) {
                return new IdempotencyClaim.Granted(claimId);
            }
            IdempotencyRecord record = read(owner, key);
            if (record != null && !record.isClaimableBy(fingerprint, now)) {
                return new IdempotencyClaim.Held(record);
            }
            if (attempt == CLAIM_ATTEMPTS) {
                throw new StoreUnavailableException("contended", null);
            }
        }
    }

    @Override
    public void complete(OwnerId owner, String key, String claimId, IdempotentResponse response, long now) {
        Map<String, AttributeValue> headers = new LinkedHashMap<>();
        response.headers().forEach((name, value) -> headers.put(name, s(value)));
        // A failed condition: another attempt took the key over after this one was presumed abandoned; its outcome
        // will be kept.
        DynamoDbErrors.conditionHeld(() -> client.updateItem(r -> r
                .tableName(tableName)
                .key(key(owner, key))
                .conditionExpression("#claim = :claim")
                .updateExpression("SET #status = :status, #headers = :headers, #body = :body, #expires = :expires")
                .expressionAttributeNames(Map.of("#claim", CLAIM_ID.value(), "#status", STATUS.value(),
                        "#headers", HEADERS.value(), "#body", BODY.value(), "#expires", EXPIRES_AT.value()))
                .expressionAttributeValues(Map.of(":claim", s(claimId), ":status", n(response.status()),
                        ":headers", AttributeValue.fromM(headers), ":body", s(response.body()),
                        ":expires", n(now + RETENTION.toSeconds())))));
    }

    @Override
    public void release(OwnerId owner, String key, String claimId) {
        // A failed condition: the key is not this attempt's any more.
        DynamoDbErrors.conditionHeld(() -> client.deleteItem(r -> r
                .tableName(tableName)
                .key(key(owner, key))
                .conditionExpression("#claim = :claim")
                .expressionAttributeNames(Map.of("#claim", CLAIM_ID.value()))
                .expressionAttributeValues(Map.of(":claim", s(claimId)))));
    }

    /** The record under the key, read consistently, or {@code null}. */
    private IdempotencyRecord read(OwnerId owner, String key) {
        GetItemResponse response = DynamoDbErrors.call(() -> client.getItem(r -> r
                .tableName(tableName).key(key(owner, key)).consistentRead(true)));
        if (!response.hasItem() || response.item().isEmpty()) {
            return null;
        }
        Map<String, AttributeValue> item = response.item();
        IdempotentResponse outcome = null;
        if (item.containsKey(STATUS.value())) {
            Map<String, String> headers = new LinkedHashMap<>();
            item.get(HEADERS.value()).m().forEach((name, value) -> headers.put(name, value.s()));
            outcome = new IdempotentResponse(Integer.parseInt(item.get(STATUS.value()).n()), headers,
                    item.get(BODY.value()).s());
        }
        return new IdempotencyRecord(item.get(FINGERPRINT.value()).s(), item.get(CLAIM_ID.value()).s(),
                Long.parseLong(item.get(CLAIMED_AT.value()).n()), Long.parseLong(item.get(EXPIRES_AT.value()).n()),
                outcome);
    }

    private static Map<String, AttributeValue> key(OwnerId owner, String key) {
        return Map.of(OWNER.value(), s(owner.value()), KEY.value(), s(key));
    }
}
