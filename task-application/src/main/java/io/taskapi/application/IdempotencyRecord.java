package io.taskapi.application;

import java.util.Objects;

/**
 * What is kept under one owner's idempotency key.
 *
 * @param fingerprint identifies the request the key was first used with (a hash of its method, path and body)
 * @param claimId     the attempt that holds or held the key
 * @param claimedAt   when that attempt claimed the key, epoch seconds
 * @param expiresAt   when the record stops counting, epoch seconds; stores ignore expired records
 * @param response    the outcome, or {@code null} while the attempt is still running
 */
public record IdempotencyRecord(
        String fingerprint, String claimId, long claimedAt, long expiresAt, IdempotentResponse response) {

    /**
     * Requires a fingerprint and a claim id.
     *
     * @param fingerprint identifies the request the key was first used with
     * @param claimId     the attempt that holds or held the key
     * @param claimedAt   when that attempt claimed the key, epoch seconds
     * @param expiresAt   when the record stops counting, epoch seconds
     * @param response    the outcome, or {@code null} while the attempt is still running
     */
    public IdempotencyRecord {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(claimId, "claimId");
    }

    boolean inProgress() {
        return response == null;
    }

    boolean isExpired(long now) {
        return expiresAt <= now;
    }

    /**
     * Whether a new attempt with {@code fingerprint} may take this record's key at {@code now}.
     *
     * @param fingerprint the new attempt's fingerprint
     * @param now         epoch seconds
     * @return whether the record expired, or is an attempt of the same request abandoned for
     *         {@link IdempotencyStore#ABANDONED_AFTER}
     */
    public boolean isClaimableBy(String fingerprint, long now) {
        return isExpired(now) || inProgress() && this.fingerprint.equals(fingerprint)
                && claimedAt + IdempotencyStore.ABANDONED_AFTER.toSeconds() <= now;
    }
}
