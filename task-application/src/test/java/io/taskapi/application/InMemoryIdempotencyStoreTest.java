package io.taskapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.OwnerId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The idempotency store contract in memory, and how the in-memory store forgets. */
class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {
    private static final OwnerId ALICE = new OwnerId("alice");
    private static final long T0 = 1_800_000_000L;
    /** When a record claimed at {@link #T0} and never completed has expired. */
    private static final long T1 = T0 + IdempotencyStore.RETENTION.toSeconds();
    private static final IdempotentResponse CREATED = new IdempotentResponse(201, Map.of(), "{}");

    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();

    @Override
    protected IdempotencyStore store() {
        return new InMemoryIdempotencyStore();
    }

    /** Claims {@code count} other keys at {@code now}. */
    private void claimOthers(int count, long now) {
        for (int i = 0; i < count; i++) {
            assertThat(store.claim(ALICE, "other-" + i, "fp", now)).isInstanceOf(IdempotencyClaim.Granted.class);
        }
    }

    private String granted(IdempotencyClaim claim) {
        assertThat(claim).isInstanceOf(IdempotencyClaim.Granted.class);
        return ((IdempotencyClaim.Granted) claim).claimId();
    }

    /**
     * Memory follows the keys of the last day: every 1,024th claim sweeps out expired records (after which a late
     * completion of an expired attempt finds nothing to complete), and keeps every record still in force.
     */
    @Test
    void every1024thClaimForgetsExpiredRecordsAndKeepsTheRest() {
        String expired = granted(store.claim(ALICE, "expired", "fp", T0));
        String current = granted(store.claim(ALICE, "current", "fp", T1));
        store.complete(ALICE, "current", current, CREATED, T1);

        claimOthers(1024 - 2, T1);

        store.complete(ALICE, "expired", expired, CREATED, T1);
        assertThat(store.claim(ALICE, "expired", "fp", T1)).as("swept, so the late completion stored nothing")
                .isInstanceOf(IdempotencyClaim.Granted.class);
        assertThat(store.claim(ALICE, "current", "other", T1))
                .isEqualTo(new IdempotencyClaim.Held(new IdempotencyRecord("fp", current, T1,
                        T1 + IdempotencyStore.RETENTION.toSeconds(), CREATED)));
    }

    /** Between sweeps a claim does not scan the records: an expired record is still there until the 1,024th claim. */
    @Test
    void noClaimBeforeThe1024thSweeps() {
        String expired = granted(store.claim(ALICE, "expired", "fp", T0));
        claimOthers(1024 - 2, T1);

        store.complete(ALICE, "expired", expired, CREATED, T1);

        IdempotencyClaim claim = store.claim(ALICE, "expired", "fp", T1);
        assertThat(claim).isInstanceOf(IdempotencyClaim.Held.class);
        assertThat(((IdempotencyClaim.Held) claim).record().response()).isEqualTo(CREATED);
    }

    @Test
    void clearingForgetsEveryKey() {
        String claim = granted(store.claim(ALICE, "k", "fp", T0));
        store.complete(ALICE, "k", claim, CREATED, T0);

        store.clear();

        assertThat(store.claim(ALICE, "k", "other", T0)).isInstanceOf(IdempotencyClaim.Granted.class);
    }
}
