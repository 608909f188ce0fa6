package io.taskapi.dynamodb;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.OwnerId;
import io.taskapi.domain.StoreUnavailableException;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskFilter;
import io.taskapi.domain.TaskScope;
import io.taskapi.dynamodb.testing.Dynalite;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Proves that a store that cannot answer is reported as unavailable, and quickly, whatever the reason. */
class StoreUnavailableIT {
    private static final TaskScope ALICE = new TaskScope.Personal(new OwnerId("alice"));
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration BOUND = Duration.ofSeconds(10);

    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();

    @Test
    void aMissingTableMakesEveryOperationUnavailableNamingTheReason() {
        DynamoDbTaskRepository repository = new DynamoDbTaskRepository(DYNALITE.engine().client(), "no-such-table");
        Task task = aTask().build();

        assertThatThrownBy(() -> repository.create(ALICE, task))
                .isInstanceOf(StoreUnavailableException.class)
                .hasCauseInstanceOf(ResourceNotFoundException.class)
                .extracting(failure -> ((StoreUnavailableException) failure).reason()).isEqualTo("table_not_found");
        assertThatThrownBy(() -> repository.find(ALICE, task.id())).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> repository.replace(ALICE, task, 1)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> repository.delete(ALICE, task.id(), null))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> repository.list(ALICE, TaskFilter.ALL, 5, null))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aStoppedEngineIsUnavailableWithinSeconds() {
        Dynalite dynalite = Dynalite.start();
        try (DynamoDbClient client = boundedClient(dynalite.endpoint())) {
            dynalite.createTable("tasks");
            DynamoDbTaskRepository repository = new DynamoDbTaskRepository(client, "tasks");
            Task task = aTask().build();
            repository.create(ALICE, task);

            dynalite.stop();

            long start = System.nanoTime();
            assertThatThrownBy(() -> repository.find(ALICE, task.id()))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasCauseInstanceOf(SdkClientException.class)
                    .extracting(failure -> ((StoreUnavailableException) failure).reason()).isEqualTo("unreachable");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
            assertThatThrownBy(() -> repository.create(ALICE, aTask().build()))
                    .isInstanceOf(StoreUnavailableException.class);
        } finally {
            dynalite.close();
        }
    }

    @Test
    void anEngineThatNeverAnswersIsUnavailableWhenTheCallTimesOut() throws IOException {
        // Accepts connections and reads nothing: only the client's timeouts can end the call.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-engine");
            acceptor.setDaemon(true);
            acceptor.start();
            URI endpoint = URI.create("http://127.0.0.1:" + silent.getLocalPort());

            try (DynamoDbClient client = boundedClient(endpoint)) {
                DynamoDbTaskRepository repository = new DynamoDbTaskRepository(client, "tasks");
                long start = System.nanoTime();
                assertThatThrownBy(() -> repository.find(ALICE, aTask().build().id()))
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasCauseInstanceOf(SdkClientException.class)
                        .extracting(failure -> ((StoreUnavailableException) failure).reason()).isEqualTo("timeout");
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                assertThat(elapsed).isLessThan(BOUND).isGreaterThanOrEqualTo(ATTEMPT_TIMEOUT);
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    private static DynamoDbClient boundedClient(URI endpoint) {
        return DynamoDbClients.create(endpoint, Dynalite.REGION, Dynalite.credentials(), API_CALL_TIMEOUT,
                ATTEMPT_TIMEOUT);
    }
}
