package io.taskapi.application;

import io.taskapi.domain.OwnerId;
import java.time.Duration;

/**
 * The port through which retries of a request that carries an idempotency key find the outcome of the first attempt.
 * Keys are scoped to an owner. Every operation is atomic on its own and shared by every instance of the service, so a
 * retry arriving anywhere, even while the first attempt still runs, sees that attempt.
 *
 * <p>Implementations translate their technology's failures into {@link io.taskapi.domain.StoreUnavailableException}.
 */
public interface IdempotencyStore {
    /** How long a key and its outcome are kept. */
    Duration RETENTION = Duration.ofHours(24);
    /** How long an attempt may hold a key without finishing before a retry may take it over (the attempt crashed). */
    Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    /**
     * Claims {@code key} for a new attempt, in one atomic step, unless a record already holds it.
     *
     * <p>The claim succeeds when no unexpired record exists, or when the record is an attempt with the same
     * fingerprint that was claimed more than {@link #ABANDONED_AFTER} ago. Otherwise the current record is returned.
     *
     * @param owner       the owner whose key it is
     * @param key         the client's idempotency key
     * @param fingerprint identifies the request (see {@link IdempotencyRecord#fingerprint()})
     * @param now         epoch seconds
     * @return {@link IdempotencyClaim.Granted}, or {@link IdempotencyClaim.Held} with the record that holds the key
     */
    IdempotencyClaim claim(OwnerId owner, String key, String fingerprint, long now);

    /**
     * Records the outcome of the attempt holding {@code claimId}; does nothing if another attempt took the key over.
     *
     * @param owner    the owner whose key it is
     * @param key      the client's idempotency key
     * @param claimId  the attempt's claim, from {@link IdempotencyClaim.Granted}
     * @param response the outcome retries are answered with
     * @param now      epoch seconds; the outcome is kept {@link #RETENTION} from then
     */
    void complete(OwnerId owner, String key, String claimId, IdempotentResponse response, long now);

    /**
     * Frees the key held by {@code claimId}, so that a retry runs afresh; does nothing if another attempt holds it.
     *
     * @param owner   the owner whose key it is
     * @param key     the client's idempotency key
     * @param claimId the attempt's claim, from {@link IdempotencyClaim.Granted}
     */
    void release(OwnerId owner, String key, String claimId);
}
