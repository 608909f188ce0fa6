package io.taskapi.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.StoreUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The facade without an engine: presigning stays local, and what the store refuses before signing anything. */
class S3FileStoreTest {
    private static final String KEY = "0195a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b/0195a1b2-9f8e-7d6c-b5a4-938271605f4e";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    @Test
    void presigningMakesNoNetworkCall() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket accepted = server.accept();
                        connections.incrementAndGet();
                        accepted.close();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (S3FileStore store = local(URI.create("http://127.0.0.1:" + server.getLocalPort()))) {
                for (int i = 0; i < 100; i++) {
                    Instant expiresAt = Instant.now().plus(Duration.ofMinutes(5));
                    store.uploadGrant(KEY, "application/pdf", 1_000 + i, expiresAt);
                    store.downloadGrant(KEY, "plan-" + i + ".pdf", "application/pdf", expiresAt);
                }
                assertThat(connections).hasValue(0);

                // The same endpoint counts the store's own requests: each connection is closed unanswered.
                assertThatThrownBy(() -> store.stat(KEY)).isInstanceOf(StoreUnavailableException.class);
                assertThat(connections.get()).isPositive();
            }
        }
    }

    @Test
    void theUploadHeadersAreExactlyTheSignedTypeAndLength() {
        try (S3FileStore store = local(URI.create("http://127.0.0.1:9"))) {
            assertThat(store.uploadGrant(KEY, "text/csv; charset=utf-8", 0, Instant.now().plusSeconds(300))
                    .headers()).containsExactlyInAnyOrderEntriesOf(
                            Map.of("Content-Type", "text/csv; charset=utf-8", "Content-Length", "0"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text", "text/", "/plain", "text/plain\r\nX-Amz-Acl: public-read", "text/plain ",
        "text/plain; charset=\"a\nb\"", "text/plain;", "té/xt"})
    void aContentTypeThatIsNotAMediaTypeIsRefused(String contentType) {
        try (S3FileStore store = local(URI.create("http://127.0.0.1:9"))) {
            Instant expiresAt = Instant.now().plusSeconds(300);
            assertThatThrownBy(() -> store.uploadGrant(KEY, contentType, 1, expiresAt))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("\n");
            assertThatThrownBy(() -> store.downloadGrant(KEY, "a.txt", contentType, expiresAt))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "image/svg+xml",
        "text/plain; charset=\"utf-8\"", "text/csv;charset=utf-8"})
    void mediaTypesWithParametersAreSigned(String contentType) {
        try (S3FileStore store = local(URI.create("http://127.0.0.1:9"))) {
            assertThat(store.uploadGrant(KEY, contentType, 1, Instant.now().plusSeconds(300)).headers())
                    .containsEntry("Content-Type", contentType);
        }
    }

    @Test
    void aSizeOnePutCannotCarryIsRefused() {
        try (S3FileStore store = local(URI.create("http://127.0.0.1:9"))) {
            Instant expiresAt = Instant.now().plusSeconds(300);
            assertThatThrownBy(() -> store.uploadGrant(KEY, "text/plain", -1, expiresAt))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.uploadGrant(KEY, "text/plain", 5L * 1024 * 1024 * 1024 + 1, expiresAt))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.uploadGrant(KEY, "text/plain", 5L * 1024 * 1024 * 1024, expiresAt).headers())
                    .containsEntry("Content-Length", "5368709120");
        }
    }

    @Test
    void anExpiryInThePastOrBeyondSevenDaysIsRefused() {
        try (S3FileStore store = local(URI.create("http://127.0.0.1:9"))) {
            assertThatThrownBy(() -> store.uploadGrant(KEY, "text/plain", 1, Instant.now().minusSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class);
            Instant tooLate = Instant.now().plus(Duration.ofDays(8));
            assertThatThrownBy(() -> store.downloadGrant(KEY, "a", "text/plain", tooLate))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void keysOutsideTheLayoutAreRefusedByEveryOperation() {
        try (S3FileStore store = local(URI.create("http://127.0.0.1:9"))) {
            Instant expiresAt = Instant.now().plusSeconds(300);
            assertThatThrownBy(() -> store.uploadGrant("../available/x", "text/plain", 1, expiresAt))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.downloadGrant("/x", "a", "text/plain", expiresAt))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.stat("a//b")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.keep("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete("a/..")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aBucketOrPrefixS3WouldRefuseIsRefusedAtBuild() {
        assertThatThrownBy(() -> S3FileStore.builder("My_Bucket").region(Region.US_EAST_1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3FileStore.builder("attachments").keyPrefix("files").region(Region.US_EAST_1)
                .build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDescriptionNamesBucketPrefixAndEndpoint() {
        try (S3FileStore local = local(URI.create("http://127.0.0.1:9"));
                S3FileStore aws = S3FileStore.builder("attachments").region(Region.EU_WEST_1)
                        .credentials(CREDENTIALS).build()) {
            assertThat(local.description())
                    .isEqualTo("S3 bucket attachments, keys under files/, at http://127.0.0.1:9");
            assertThat(aws.description()).isEqualTo("S3 bucket attachments, at AWS");
        }
    }

    @Test
    void anApplicationsOwnClientsStayOpen() {
        try (S3Client client = S3Client.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build();
                S3Presigner presigner = S3Presigner.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                        .build()) {
            S3FileStore store = S3FileStore.builder("attachments").clients(client, presigner).build();
            store.close();

            assertThat(store.uploadGrant(KEY, "text/plain", 1, Instant.now().plusSeconds(60)).url())
                    .startsWith("https://attachments.s3.amazonaws.com/pending/" + KEY);
        }
    }

    private static S3FileStore local(URI endpoint) {
        return S3FileStore.builder("attachments").keyPrefix("files/").endpoint(endpoint).pathStyle(true)
                .region(Region.US_EAST_1).credentials(CREDENTIALS)
                .timeouts(Duration.ofSeconds(2), Duration.ofMillis(500)).build();
    }
}
