package io.taskapi.dynamodb;

import io.taskapi.domain.InvitationRepository;
import io.taskapi.domain.InvitationRepositoryContract;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the invitation repository contract against DynamoDB semantics on dynalite, with a fresh table per test. */
class DynamoDbInvitationRepositoryIT extends InvitationRepositoryContract {
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();
    private static final AtomicInteger TABLES = new AtomicInteger();

    @Override
    protected InvitationRepository repository() {
        String table = "invitations-contract-" + TABLES.incrementAndGet();
        TableBootstrap.createIfMissing(DYNALITE.engine().client(), ListTableSchema.createTableRequest(table));
        return new DynamoDbInvitationRepository(DYNALITE.engine().client(), table);
    }
}
