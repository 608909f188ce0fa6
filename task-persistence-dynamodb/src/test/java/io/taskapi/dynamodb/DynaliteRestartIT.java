package io.taskapi.dynamodb;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskScope;
import io.taskapi.dynamodb.testing.Dynalite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves the test harness's restart: same endpoint, and an on-disk engine keeps its tables and tasks. */
class DynaliteRestartIT {
    private static final TaskScope ALICE = new TaskScope.Personal(new OwnerId("alice"));

    @Test
    void anOnDiskEngineKeepsTasksAcrossARestartOnTheSamePort(@TempDir Path dataDir) {
        try (Dynalite dynalite = Dynalite.start(dataDir.resolve("dynalite"))) {
            dynalite.createTable("tasks");
            Task task = aTask().build();
            new DynamoDbTaskRepository(dynalite.client(), "tasks").create(ALICE, task);
            URI before = dynalite.endpoint();

            dynalite.restart();

            assertThat(dynalite.endpoint()).isEqualTo(before);
            assertThat(new DynamoDbTaskRepository(dynalite.client(), "tasks").find(ALICE, task.id())).contains(task);
        }
    }

    @Test
    void anInMemoryEngineStartsEmptyAfterARestart() {
        try (Dynalite dynalite = Dynalite.start()) {
            dynalite.createTable("tasks");

            dynalite.restart();

            assertThat(dynalite.client().listTables().tableNames()).isEmpty();
        }
    }

    @Test
    void aStoppedEngineReleasesItsPort() throws IOException {
        Dynalite dynalite = Dynalite.start();
        int port = dynalite.port();

        dynalite.close();

        try (ServerSocket reuse = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(reuse.getLocalPort()).isEqualTo(port);
        }
    }
}
