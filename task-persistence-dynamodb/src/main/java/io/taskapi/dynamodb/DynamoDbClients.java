package io.taskapi.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the DynamoDB client the applications use: the JDK's URL-connection HTTP client, bounded timeouts and the
 * SDK's standard retries, so that an unreachable store fails fast instead of holding a request (or a Lambda) open.
 */
public final class DynamoDbClients {
    /** Retries come from the SDK's standard strategy; three attempts in all keeps the worst case within the timeout. */
    static final int MAX_ATTEMPTS = 3;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);
    /** Total time for one call, retries included, when an explicit endpoint is given without timeouts. */
    static final Duration LOCAL_API_CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Time for one attempt when an explicit endpoint is given without timeouts. */
    static final Duration LOCAL_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private DynamoDbClients() {
    }

    /**
     * A client configured by the standard SDK environment: the region from {@code AWS_REGION} (or the profile, or
     * instance metadata), credentials from the SDK's {@code DefaultCredentialsProvider} chain (which also covers
     * Lambda, with or without SnapStart), and the endpoint from {@code AWS_ENDPOINT_URL_DYNAMODB} or
     * {@code AWS_ENDPOINT_URL} when set, which the SDK itself reads (system property {@code aws.endpointUrlDynamoDb}).
     *
     * @param apiCallTimeout the longest a call may take, retries included
     * @param attemptTimeout the longest one attempt may take
     * @return a new client, which the caller closes
     */
    public static DynamoDbClient create(Duration apiCallTimeout, Duration attemptTimeout) {
        // Region and credentials are left unset on purpose: the SDK then resolves them with its default chains and
        // owns (and closes) the credentials provider together with the client.
        return builder(apiCallTimeout, attemptTimeout, List.of()).build();
    }

    /**
     * A client for an explicit endpoint, region and credentials, such as a local engine, with local timeouts.
     *
     * @param endpoint    the engine's URL
     * @param region      the region to sign requests for
     * @param credentials the credentials to sign requests with
     * @return a new client, which the caller closes
     */
    public static DynamoDbClient create(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return create(endpoint, region, credentials, LOCAL_API_CALL_TIMEOUT, LOCAL_ATTEMPT_TIMEOUT);
    }

    /**
     * A client for an explicit endpoint, region and credentials with the given timeouts.
     *
     * @param endpoint       the engine's URL
     * @param region         the region to sign requests for
     * @param credentials    the credentials to sign requests with
     * @param apiCallTimeout the longest a call may take, retries included
     * @param attemptTimeout the longest one attempt may take
     * @return a new client, which the caller closes
     */
    public static DynamoDbClient create(
            URI endpoint, Region region, AwsCredentialsProvider credentials, Duration apiCallTimeout,
            Duration attemptTimeout) {
        return local(endpoint, region, credentials, apiCallTimeout, attemptTimeout, List.of()).build();
    }

    /** The configured builder for an explicit endpoint, with extra interceptors; tests use it to observe calls. */
    static DynamoDbClientBuilder local(
            URI endpoint, Region region, AwsCredentialsProvider credentials, Duration apiCallTimeout,
            Duration attemptTimeout, List<ExecutionInterceptor> interceptors) {
        return builder(apiCallTimeout, attemptTimeout, interceptors)
                .endpointOverride(Objects.requireNonNull(endpoint, "endpoint"))
                .region(Objects.requireNonNull(region, "region"))
                .credentialsProvider(Objects.requireNonNull(credentials, "credentials"));
    }

    private static DynamoDbClientBuilder builder(
            Duration apiCallTimeout, Duration attemptTimeout, List<ExecutionInterceptor> interceptors) {
        requirePositive(apiCallTimeout, "apiCallTimeout");
        requirePositive(attemptTimeout, "attemptTimeout");
        ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder()
                .apiCallTimeout(apiCallTimeout)
                .apiCallAttemptTimeout(attemptTimeout)
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build());
        interceptors.forEach(overrides::addExecutionInterceptor);
        return DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(overrides.build());
    }

    private static void requirePositive(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
