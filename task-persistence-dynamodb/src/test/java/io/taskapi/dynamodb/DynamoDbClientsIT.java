package io.taskapi.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.dynamodb.testing.Dynalite;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Proves the production client takes its endpoint, region and credentials from the standard SDK settings: the SDK
 * reads {@code AWS_ENDPOINT_URL_DYNAMODB} itself, here set through its system-property twin so the test can set it.
 */
class DynamoDbClientsIT {
    private static final Map<String, String> SETTINGS = Map.of(
            "aws.region", "us-east-1",
            "aws.accessKeyId", "local",
            "aws.secretAccessKey", "local");

    @Test
    void theEnvironmentClientReachesTheEndpointNamedByTheSdkSetting() {
        try (Dynalite dynalite = Dynalite.start()) {
            dynalite.createTable("from-settings");
            Map<String, String> previous = new HashMap<>();
            Map<String, String> settings = new HashMap<>(SETTINGS);
            settings.put("aws.endpointUrlDynamoDb", dynalite.endpoint().toString());
            settings.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
            try (DynamoDbClient client = DynamoDbClients.create(Duration.ofSeconds(5), Duration.ofSeconds(2))) {
                assertThat(client.listTables().tableNames()).containsExactly("from-settings", "from-settings-idempotency");
            } finally {
                previous.forEach((name, value) -> {
                    if (value == null) {
                        System.clearProperty(name);
                    } else {
                        System.setProperty(name, value);
                    }
                });
            }
        }
    }
}
