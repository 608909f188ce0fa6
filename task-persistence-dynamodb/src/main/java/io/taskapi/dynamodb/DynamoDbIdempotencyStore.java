package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.IdempotencyTableSchema.BODY;
import static io.taskapi.dynamodb.IdempotencyTableSchema.CLAIMED_AT;
import static io.taskapi.dynamodb.IdempotencyTableSchema.CLAIM_ID;
import static io.taskapi.dynamodb.IdempotencyTableSchema.EXPIRES_AT;
import static io.taskapi.dynamodb.IdempotencyTableSchema.FINGERPRINT;
import static io.taskapi.dynamodb.IdempotencyTableSchema.HEADERS;
import static io.taskapi.dynamodb.IdempotencyTableSchema.KEY;
import static io.taskapi.dynamodb.IdempotencyTableSchema.OWNER;
import static io.taskapi.dynamodb.IdempotencyTableSchema.STATUS;
import static io.taskapi.dynamodb.TaskItemMapper.n;
import static io.taskapi.dynamodb.TaskItemMapper.s;

import io.taskapi.domain.IdempotencyClaim;
import io.taskapi.domain.IdempotencyRecord;
import io.taskapi.domain.IdempotencyStore;
import io.taskapi.domain.IdempotentResponse;
import io.taskapi.domain.OwnerId;
import io.taskapi.domain.StoreUnavailableException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The {@link IdempotencyStore} on its own DynamoDB table ({@link IdempotencyTableSchema}). A claim is one conditional
 * {@code PutItem}, so of concurrent attempts on any number of instances exactly one wins; the others read the record.
 *
 * <p>Expired records are ignored when read and replaced when claimed; DynamoDB's time to live on {@code expires_at}
 * deletes them eventually. Engines without time to live (dynalite) keep them, which changes nothing but storage.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
    /** A claim that loses to a record which then vanishes (expired and deleted, or released) is simply tried again. */
    private static final int CLAIM_ATTEMPTS = 3;

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbIdempotencyStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        if (tableName.isBlank()) {
            throw new IllegalArgumentException("table name must not be blank");
        }
    }

    @Override
    public IdempotencyClaim claim(OwnerId owner, String key, String fingerprint, long now) {
        for (int attempt = 1; ; attempt++) {
            String claimId = UUID.randomUUID().toString();
            Map<String, AttributeValue> item = new HashMap<>(key(owner, key));
            item.put(FINGERPRINT, s(fingerprint));
            item.put(CLAIM_ID, s(claimId));
            item.put(CLAIMED_AT, n(now));
            item.put(EXPIRES_AT, n(now + RETENTION.toSeconds()));
            try {
                call(() -> client.putItem(r -> r
                        .tableName(tableName)
                        .item(item)
                        // Free, expired, or an abandoned attempt at the same request: see IdempotencyRecord.isClaimableBy.
                        .conditionExpression("attribute_not_exists(#key) OR #expires <= :now OR"
                                + " (attribute_not_exists(#status) AND #fingerprint = :fingerprint"
                                + " AND #claimed <= :abandoned)")
                        .expressionAttributeNames(Map.of("#key", KEY, "#expires", EXPIRES_AT, "#status", STATUS,
                                "#fingerprint", FINGERPRINT, "#claimed", CLAIMED_AT))
                        .expressionAttributeValues(Map.of(":now", n(now), ":fingerprint", s(fingerprint),
                                ":abandoned", n(now - ABANDONED_AFTER.toSeconds())))));
                return new IdempotencyClaim.Granted(claimId);
            } catch (ConditionalCheckFailedException held) {
                IdempotencyRecord record = read(owner, key);
                if (record != null && !record.isClaimableBy(fingerprint, now)) {
                    return new IdempotencyClaim.Held(record);
                }
                if (attempt == CLAIM_ATTEMPTS) {
                    throw new StoreUnavailableException(held);
                }
            }
        }
    }

    @Override
    public void complete(OwnerId owner, String key, String claimId, IdempotentResponse response, long now) {
        Map<String, AttributeValue> headers = new LinkedHashMap<>();
        response.headers().forEach((name, value) -> headers.put(name, s(value)));
        try {
            call(() -> client.updateItem(r -> r
                    .tableName(tableName)
                    .key(key(owner, key))
                    .conditionExpression("#claim = :claim")
                    .updateExpression("SET #status = :status, #headers = :headers, #body = :body, #expires = :expires")
                    .expressionAttributeNames(Map.of("#claim", CLAIM_ID, "#status", STATUS, "#headers", HEADERS,
                            "#body", BODY, "#expires", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":claim", s(claimId), ":status", n(response.status()),
                            ":headers", AttributeValue.fromM(headers), ":body", s(response.body()),
                            ":expires", n(now + RETENTION.toSeconds())))));
        } catch (ConditionalCheckFailedException takenOver) {
            // Another attempt took the key over after this one was presumed abandoned; its outcome will be kept.
        }
    }

    @Override
    public void release(OwnerId owner, String key, String claimId) {
        try {
            call(() -> client.deleteItem(r -> r
                    .tableName(tableName)
                    .key(key(owner, key))
                    .conditionExpression("#claim = :claim")
                    .expressionAttributeNames(Map.of("#claim", CLAIM_ID))
                    .expressionAttributeValues(Map.of(":claim", s(claimId)))));
        } catch (ConditionalCheckFailedException takenOver) {
            // Not this attempt's any more.
        }
    }

    /** The record under the key, read consistently, or {@code null}. */
    private IdempotencyRecord read(OwnerId owner, String key) {
        GetItemResponse response = call(() -> client.getItem(r -> r
                .tableName(tableName).key(key(owner, key)).consistentRead(true)));
        if (!response.hasItem() || response.item().isEmpty()) {
            return null;
        }
        Map<String, AttributeValue> item = response.item();
        IdempotentResponse outcome = null;
        if (item.containsKey(STATUS)) {
            Map<String, String> headers = new LinkedHashMap<>();
            item.get(HEADERS).m().forEach((name, value) -> headers.put(name, value.s()));
            outcome = new IdempotentResponse(Integer.parseInt(item.get(STATUS).n()), headers, item.get(BODY).s());
        }
        return new IdempotencyRecord(item.get(FINGERPRINT).s(), item.get(CLAIM_ID).s(),
                Long.parseLong(item.get(CLAIMED_AT).n()), Long.parseLong(item.get(EXPIRES_AT).n()), outcome);
    }

    private static Map<String, AttributeValue> key(OwnerId owner, String key) {
        return Map.of(OWNER, s(owner.value()), KEY, s(key));
    }

    /** Runs one request; the store's failures become {@link StoreUnavailableException}, as for tasks. */
    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (ResourceNotFoundException e) {
            throw new StoreUnavailableException(e);
        } catch (AwsServiceException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500 || e.statusCode() == 400
                    && e.awsErrorDetails() != null && "ThrottlingException".equals(e.awsErrorDetails().errorCode())) {
                throw new StoreUnavailableException(e);
            }
            throw e;
        } catch (SdkClientException e) {
            throw new StoreUnavailableException(e);
        }
    }
}
