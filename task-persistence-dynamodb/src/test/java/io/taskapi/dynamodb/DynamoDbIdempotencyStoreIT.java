package io.taskapi.dynamodb;

import io.taskapi.domain.IdempotencyStore;
import io.taskapi.domain.IdempotencyStoreContract;
import io.taskapi.dynamodb.testing.Dynalite;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The idempotency store contract on a real DynamoDB-compatible engine, one fresh table per test. */
class DynamoDbIdempotencyStoreIT extends IdempotencyStoreContract {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static Dynalite dynalite;

    @BeforeAll
    static void startEngine() {
        dynalite = Dynalite.start();
    }

    @AfterAll
    static void stopEngine() {
        dynalite.close();
    }

    @Override
    protected IdempotencyStore store() {
        String table = "idempotency-" + TABLES.incrementAndGet();
        IdempotencyTableSchema.createIfMissing(dynalite.client(), table);
        return new DynamoDbIdempotencyStore(dynalite.client(), table);
    }
}
