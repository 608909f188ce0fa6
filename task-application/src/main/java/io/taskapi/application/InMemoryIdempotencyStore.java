package io.taskapi.application;

import io.taskapi.domain.OwnerId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A thread-safe {@link IdempotencyStore} in memory, for one process: the local server and the embedded domain. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    /** Expired records are swept after this many claims, so memory follows the keys of the last day only. */
    private static final int SWEEP_EVERY = 1024;

    private final ConcurrentMap<List<String>, IdempotencyRecord> records = new ConcurrentHashMap<>();
    private final AtomicInteger claims = new AtomicInteger();

    /** An empty store. */
    public InMemoryIdempotencyStore() {
    }

    @Override
    public IdempotencyClaim claim(OwnerId owner, String key, String fingerprint, long now) {
        if (claims.incrementAndGet() % SWEEP_EVERY == 0) {
            records.values().removeIf(record -> record.isExpired(now));
        }
        String claimId = UUID.randomUUID().toString();
        AtomicReference<IdempotencyRecord> held = new AtomicReference<>();
        // compute runs atomically per key: of concurrent claims, exactly one sees the key free.
        records.compute(List.of(owner.value(), key), (k, current) -> {
            if (current == null || current.isClaimableBy(fingerprint, now)) {
                return new IdempotencyRecord(fingerprint, claimId, now, now + RETENTION.toSeconds(), null);
            }
            held.set(current);
            return current;
        });
        return held.get() == null ? new IdempotencyClaim.Granted(claimId) : new IdempotencyClaim.Held(held.get());
    }

    @Override
    public void complete(OwnerId owner, String key, String claimId, IdempotentResponse response, long now) {
        records.computeIfPresent(List.of(owner.value(), key), (k, current) -> current.claimId().equals(claimId)
                ? new IdempotencyRecord(current.fingerprint(), claimId, current.claimedAt(),
                        now + RETENTION.toSeconds(), response)
                : current);
    }

    /** Forgets every key. */
    public void clear() {
        records.clear();
    }

    @Override
    public void release(OwnerId owner, String key, String claimId) {
        records.computeIfPresent(List.of(owner.value(), key),
                (k, current) -> current.claimId().equals(claimId) ? null : current);
    }
}
