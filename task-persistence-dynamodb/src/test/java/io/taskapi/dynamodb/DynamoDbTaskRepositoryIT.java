package io.taskapi.dynamodb;

import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskRepositoryContract;
import io.taskapi.dynamodb.testing.Dynalite;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Runs the repository contract against DynamoDB semantics on dynalite, with a fresh table for every test. */
class DynamoDbTaskRepositoryIT extends TaskRepositoryContract {
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
    protected TaskRepository repository() {
        String table = "contract-" + TABLES.incrementAndGet();
        dynalite.createTable(table);
        return new DynamoDbTaskRepository(dynalite.client(), table);
    }
}
