package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.OwnerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link IdempotencyStore} must do; each store's test extends this with a fresh, empty store. */
public abstract class IdempotencyStoreContract {
    private static final OwnerId ALICE = new OwnerId("alice");
    private static final OwnerId BOB = new OwnerId("bob");
    private static final long T0 = 1_800_000_000L;
    private static final long DAY = IdempotencyStore.RETENTION.toSeconds();
    private static final long ABANDONED = IdempotencyStore.ABANDONED_AFTER.toSeconds();
    private static final IdempotentResponse CREATED =
            new IdempotentResponse(201, Map.of("Location", "/tasks/1", "ETag", "\"1\""), "{\"id\":\"1\"}");

    protected abstract IdempotencyStore store();

    private static String granted(IdempotencyClaim claim) {
        assertThat(claim).isInstanceOf(IdempotencyClaim.Granted.class);
        return ((IdempotencyClaim.Granted) claim).claimId();
    }

    private static IdempotencyRecord held(IdempotencyClaim claim) {
        assertThat(claim).isInstanceOf(IdempotencyClaim.Held.class);
        return ((IdempotencyClaim.Held) claim).record();
    }

    @Test
    void aFreeKeyIsGrantedAndThenHeldWhileInProgress() {
        IdempotencyStore store = store();
        granted(store.claim(ALICE, "k", "fp", T0));

        IdempotencyRecord record = held(store.claim(ALICE, "k", "fp", T0 + 1));

        assertThat(record.inProgress()).isTrue();
        assertThat(record.fingerprint()).isEqualTo("fp");
        assertThat(record.expiresAt()).isGreaterThanOrEqualTo(T0 + DAY);
    }

    @Test
    void aCompletedOutcomeIsReturnedToEveryLaterClaimForADay() {
        IdempotencyStore store = store();
        String claim = granted(store.claim(ALICE, "k", "fp", T0));
        store.complete(ALICE, "k", claim, CREATED, T0 + 1);

        IdempotencyRecord record = held(store.claim(ALICE, "k", "other", T0 + DAY));

        assertThat(record.response()).isEqualTo(CREATED);
        assertThat(record.response().headers()).containsEntry("Location", "/tasks/1");
        assertThat(record.fingerprint()).isEqualTo("fp");
        granted(store.claim(ALICE, "k", "other", T0 + 1 + DAY));
    }

    @Test
    void keysAreScopedToTheirOwner() {
        IdempotencyStore store = store();
        granted(store.claim(ALICE, "k", "fp", T0));

        granted(store.claim(BOB, "k", "fp", T0));
    }

    @Test
    void aReleasedKeyCanBeClaimedAgain() {
        IdempotencyStore store = store();
        String claim = granted(store.claim(ALICE, "k", "fp", T0));
        store.release(ALICE, "k", claim);

        granted(store.claim(ALICE, "k", "another", T0 + 1));
    }

    @Test
    void anAbandonedAttemptAtTheSameRequestIsTakenOverAfterAMinute() {
        IdempotencyStore store = store();
        String first = granted(store.claim(ALICE, "k", "fp", T0));

        held(store.claim(ALICE, "k", "fp", T0 + ABANDONED - 1));
        held(store.claim(ALICE, "k", "different", T0 + ABANDONED));
        String second = granted(store.claim(ALICE, "k", "fp", T0 + ABANDONED));

        // The first attempt can no longer complete or release what is now the second's.
        store.complete(ALICE, "k", first, CREATED, T0 + ABANDONED + 1);
        store.release(ALICE, "k", first);
        assertThat(held(store.claim(ALICE, "k", "fp", T0 + ABANDONED + 2)).inProgress()).isTrue();
        store.complete(ALICE, "k", second, CREATED, T0 + ABANDONED + 3);
        assertThat(held(store.claim(ALICE, "k", "fp", T0 + ABANDONED + 4)).response()).isEqualTo(CREATED);
    }

    @Test
    void ofConcurrentClaimsExactlyOneIsGranted() throws Exception {
        IdempotencyStore store = store();
        int attempts = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Future<IdempotencyClaim>> claims = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Callable<IdempotencyClaim> claim = () -> {
                    start.await();
                    return store.claim(ALICE, "race", "fp", T0);
                };
                claims.add(pool.submit(claim));
            }
            start.countDown();
            int granted = 0;
            for (Future<IdempotencyClaim> claim : claims) {
                granted += claim.get() instanceof IdempotencyClaim.Granted ? 1 : 0;
            }
            assertThat(granted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
