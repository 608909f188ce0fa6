package io.taskapi.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Proves the client is bounded in time and attempts; building a client opens no connection. */
class DynamoDbClientsTest {
    private static final URI LOCAL = URI.create("http://127.0.0.1:1");

    @Test
    void theClientHasTheGivenTimeoutsAndBoundedStandardRetries() {
        try (DynamoDbClient client = DynamoDbClients.create(LOCAL, Region.EU_WEST_1,
                AnonymousCredentialsProvider.create(), Duration.ofSeconds(4), Duration.ofSeconds(1))) {
            ClientOverrideConfiguration overrides = client.serviceClientConfiguration().overrideConfiguration();

            assertThat(overrides.apiCallTimeout()).contains(Duration.ofSeconds(4));
            assertThat(overrides.apiCallAttemptTimeout()).contains(Duration.ofSeconds(1));
            assertThat(overrides.retryStrategy()).hasValueSatisfying(
                    strategy -> assertThat(strategy.maxAttempts()).isEqualTo(DynamoDbClients.MAX_ATTEMPTS));
            assertThat(client.serviceClientConfiguration().endpointOverride()).contains(LOCAL);
            assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        }
    }

    @Test
    void aLocalClientWithoutTimeoutsGetsBoundedOnes() {
        try (DynamoDbClient client = DynamoDbClients.create(LOCAL, Region.US_EAST_1,
                AnonymousCredentialsProvider.create())) {
            ClientOverrideConfiguration overrides = client.serviceClientConfiguration().overrideConfiguration();

            assertThat(overrides.apiCallTimeout()).contains(DynamoDbClients.LOCAL_API_CALL_TIMEOUT);
            assertThat(overrides.apiCallAttemptTimeout()).contains(DynamoDbClients.LOCAL_ATTEMPT_TIMEOUT);
        }
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatThrownBy(() -> DynamoDbClients.create(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DynamoDbClients.create(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
