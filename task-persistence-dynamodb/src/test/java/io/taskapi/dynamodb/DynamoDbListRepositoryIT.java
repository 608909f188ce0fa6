package io.taskapi.dynamodb;

import io.taskapi.domain.ListRepository;
import io.taskapi.domain.ListRepositoryContract;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the list repository contract against DynamoDB semantics on dynalite, with a fresh table for every test. */
class DynamoDbListRepositoryIT extends ListRepositoryContract {
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();
    private static final AtomicInteger TABLES = new AtomicInteger();

    @Override
    protected ListRepository repository() {
        String table = "lists-contract-" + TABLES.incrementAndGet();
        TableBootstrap.createIfMissing(DYNALITE.engine().client(), ListTableSchema.createTableRequest(table));
        return new DynamoDbListRepository(DYNALITE.engine().client(), table, Clock.systemUTC());
    }
}
