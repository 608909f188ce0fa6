package io.taskapi.dynamodb;

import io.taskapi.domain.TaskHistoryContract;
import io.taskapi.domain.TaskRepository;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the history contract (comments and activity) against DynamoDB semantics on dynalite, a fresh table per test. */
class DynamoDbTaskHistoryIT extends TaskHistoryContract {
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();
    private static final AtomicInteger TABLES = new AtomicInteger();

    @Override
    protected TaskRepository repository() {
        DynamoDbStore store = DYNALITE.engine().store("history-contract-" + TABLES.incrementAndGet());
        store.prepare();
        return store.tasks();
    }
}
