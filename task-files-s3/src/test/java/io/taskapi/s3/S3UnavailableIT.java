package io.taskapi.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.s3.testing.S3rver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A store that cannot reach S3 fails fast with {@link StoreUnavailableException} and its reason, whichever operation
 * it was: nothing is down, a stopped engine, an engine that accepts connections and never answers; while signing URLs
 * goes on, since it needs no S3.
 */
class S3UnavailableIT {
    private static final String KEY = "0195a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b/0195a1b2-9f8e-7d6c-b5a4-938271605f4e";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(500);
    /** The call timeout plus the time to build a client and give up; far below what a request may hold a Lambda. */
    private static final Duration QUICKLY = Duration.ofSeconds(5);

    @Test
    void nothingListeningIsUnreachableForEveryOperation() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (S3FileStore store = store(URI.create("http://127.0.0.1:" + closedPort))) {
            for (Consumer<S3FileStore> operation : operations()) {
                assertUnavailable(store, operation, "unreachable");
            }
            assertThat(store.uploadGrant(KEY, "text/plain", 1, Instant.now().plusSeconds(300)).url())
                    .startsWith("http://127.0.0.1:" + closedPort + "/attachments/pending/");
        }
    }

    @Test
    void aStoppedEngineIsUnreachable() {
        S3rver engine = S3rver.start();
        try (S3FileStore store = engine.store("attachments").timeouts(CALL_TIMEOUT, ATTEMPT_TIMEOUT).build()) {
            engine.createBucket("attachments");
            assertThat(store.stat(KEY)).isEmpty();

            engine.stop();

            assertUnavailable(store, s3 -> s3.stat(KEY), "unreachable");
        } finally {
            engine.stop();
        }
    }

    @Test
    void anEngineThatNeverAnswersIsATimeout() throws IOException {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // kept open, never read nor answered
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (S3FileStore store = store(URI.create("http://127.0.0.1:" + silent.getLocalPort()))) {
                for (Consumer<S3FileStore> operation : operations()) {
                    assertUnavailable(store, operation, "timeout");
                }
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aMissingBucketIsUnavailableWhereS3NamesIt() {
        S3rver engine = S3rver.start();
        try (S3FileStore store = engine.store("no-such-bucket").timeouts(CALL_TIMEOUT, ATTEMPT_TIMEOUT).build()) {
            assertUnavailable(store, s3 -> s3.delete(KEY), "bucket_not_found");
            assertUnavailable(store, s3 -> s3.keep(KEY), "bucket_not_found");
            // A HEAD answer has no body to name the bucket: the object is simply not there.
            assertThat(store.stat(KEY)).isEmpty();
        } finally {
            engine.stop();
        }
    }

    private static List<Consumer<S3FileStore>> operations() {
        return List.of(store -> store.stat(KEY), store -> store.keep(KEY), store -> store.delete(KEY));
    }

    private static void assertUnavailable(S3FileStore store, Consumer<S3FileStore> operation, String reason) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> operation.accept(store))
                .isInstanceOfSatisfying(StoreUnavailableException.class,
                        failure -> assertThat(failure.reason()).isEqualTo(reason))
                .hasMessage("Service temporarily unavailable, please retry");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
    }

    private static S3FileStore store(URI endpoint) {
        return S3FileStore.builder("attachments").endpoint(endpoint).pathStyle(true).region(S3rver.REGION)
                .credentials(S3rver.credentials()).timeouts(CALL_TIMEOUT, ATTEMPT_TIMEOUT).build();
    }
}
