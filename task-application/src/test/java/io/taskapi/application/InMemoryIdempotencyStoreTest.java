package io.taskapi.application;


/** The idempotency store contract in memory. */
class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {
    @Override
    protected IdempotencyStore store() {
        return new InMemoryIdempotencyStore();
    }
}
