package io.taskapi.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the S3 client (for the store's own requests) and the presigner (for the URLs clients use) from the store's
 * settings: the JDK's URL-connection HTTP client, bounded timeouts and the SDK's standard retries, so that an
 * unreachable store fails fast instead of holding a request (or a Lambda) open. What a setting leaves unset, the SDK
 * resolves from its standard configuration, the same way for both.
 */
final class S3Clients {
    /** Retries come from the SDK's standard strategy; three attempts in all keeps the worst case within the timeout. */
    static final int MAX_ATTEMPTS = 3;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);
    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(10);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private S3Clients() {
    }

    /**
     * What the SDK is told explicitly; each {@code null} is left to the SDK's standard configuration: the endpoint
     * from {@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL} (system property {@code aws.endpointUrlS3}), else
     * the regional AWS endpoint; the region from {@code AWS_REGION}, the profile or instance metadata; the credentials
     * from the {@code DefaultCredentialsProvider} chain (in Lambda, the execution role).
     *
     * @param pathStyle      whether the bucket goes in the path ({@code http://host/bucket/key}) rather than the host
     *                       name ({@code http://bucket.host/key}), as S3-compatible engines on one host need
     * @param apiCallTimeout the longest one request may take, retries included
     * @param attemptTimeout the longest one attempt may take
     */
    record Settings(URI endpoint, Region region, AwsCredentialsProvider credentials, boolean pathStyle,
            Duration apiCallTimeout, Duration attemptTimeout) {
        Settings {
            requirePositive(apiCallTimeout, "apiCallTimeout");
            requirePositive(attemptTimeout, "attemptTimeout");
        }
    }

    static S3Client client(Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(settings.apiCallTimeout())
                        .apiCallAttemptTimeout(settings.attemptTimeout())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS).build())
                        .build())
                .forcePathStyle(settings.pathStyle());
        // Unset values are left unset on purpose: the SDK then resolves them with its default chains and owns (and
        // closes) the credentials provider together with the client.
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        if (settings.region() != null) {
            builder.region(settings.region());
        }
        if (settings.credentials() != null) {
            builder.credentialsProvider(settings.credentials());
        }
        return builder.build();
    }

    /** The presigner: pure local computation once the credentials are known; it has no HTTP client at all. */
    static S3Presigner presigner(Settings settings) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(settings.pathStyle())
                        // The presigner's own default: a checksum check would make a GET unusable from a browser.
                        .checksumValidationEnabled(false)
                        .build());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        if (settings.region() != null) {
            builder.region(settings.region());
        }
        if (settings.credentials() != null) {
            builder.credentialsProvider(settings.credentials());
        }
        return builder.build();
    }

    private static void requirePositive(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
