package io.taskapi.dynamodb;

import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskRepositoryContract;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the repository contract against DynamoDB semantics on dynalite, with a fresh table for every test. */
class DynamoDbTaskRepositoryIT extends TaskRepositoryContract {
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();
    private static final AtomicInteger TABLES = new AtomicInteger();

    @Override
    protected TaskRepository repository() {
        DynamoDbStore store = DYNALITE.engine().store("contract-" + TABLES.incrementAndGet());
        store.prepare();
        return store.tasks();
    }
}
