package io.taskapi.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.dynamodb.testing.SharedDynalite;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The client and the store made from the SDK's standard settings (here its system properties, which stand for the
 * environment variables {@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID} and {@code AWS_ENDPOINT_URL_DYNAMODB}) reach the
 * endpoint those settings name, and the store says which.
 */
class DynamoDbClientsIT {
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();

    @Test
    void theEnvironmentClientReachesTheEndpointNamedByTheSdkSetting() {
        DYNALITE.engine().createTable("from-settings");

        try (DynamoDbClient client = DynamoDbClients.create(Duration.ofSeconds(5), Duration.ofSeconds(2))) {
            // Every page of names: the shared engine holds the tables of every test class of this JVM.
            assertThat(client.listTablesPaginator().tableNames())
                    .contains("from-settings", "from-settings-lists", "from-settings-idempotency");
        }
    }

    @Test
    void aStoreFromTheEnvironmentNamesItsTableRegionAndEndpointOnceItHasChecked() {
        try (DynamoDbStore store = DynamoDbStore.builder("described").createMissingTables(true).build()) {
            store.prepare();

            assertThat(store.description()).isEqualTo(
                    "DynamoDB table described in region us-east-1 at " + DYNALITE.engine().endpoint());
            assertThat(store.isReachable()).isTrue();
        }
    }
}
