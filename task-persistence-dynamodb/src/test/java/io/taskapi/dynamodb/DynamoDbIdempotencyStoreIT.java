package io.taskapi.dynamodb;

import io.taskapi.application.IdempotencyStore;
import io.taskapi.application.IdempotencyStoreContract;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The idempotency store contract on a real DynamoDB-compatible engine, one fresh table per test. */
class DynamoDbIdempotencyStoreIT extends IdempotencyStoreContract {
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();
    private static final AtomicInteger TABLES = new AtomicInteger();

    @Override
    protected IdempotencyStore store() {
        DynamoDbStore store = DYNALITE.engine().store("idempotency-" + TABLES.incrementAndGet());
        store.prepare();
        return store.idempotencyKeys();
    }
}
