package io.taskapi.memory;

import io.taskapi.domain.IdempotencyStore;
import io.taskapi.domain.IdempotencyStoreContract;

/** The idempotency store contract in memory. */
class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {
    @Override
    protected IdempotencyStore store() {
        return new InMemoryIdempotencyStore();
    }
}
