package io.taskapi.dynamodb;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.domain.OwnerId;
import io.taskapi.domain.Task;
import io.taskapi.domain.TaskChanges;
import io.taskapi.domain.TaskRepository;
import io.taskapi.domain.TaskScope;
import io.taskapi.domain.VersionConflictException;
import io.taskapi.dynamodb.testing.SharedDynalite;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proves optimistic concurrency loses no update: writers racing read-modify-write cycles on one task, each retrying on
 * a version conflict, all see their change in the final task, and the version counts every successful write.
 */
class NoLostUpdateIT {
    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();
    private static final TaskScope ALICE = new TaskScope.Personal(new OwnerId("alice"));
    private static final int WRITERS = 8;
    private static final int CHANGES_PER_WRITER = 10;

    @Test
    void concurrentReadModifyWriteCyclesKeepEveryWritersChange() throws Exception {
        {
            DynamoDbStore store = DYNALITE.engine().store("no-lost-update");
            store.prepare();
            TaskRepository repository = store.tasks();
            Task task = aTask().withText("log:").build();
            repository.create(ALICE, task);

            CountDownLatch start = new CountDownLatch(1);
            List<Callable<int[]>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                char writer = (char) ('A' + w);
                writers.add(() -> {
                    start.await();
                    int successes = 0;
                    int conflicts = 0;
                    for (int change = 0; change < CHANGES_PER_WRITER; change++) {
                        while (true) {
                            Task current = repository.find(ALICE, task.id()).orElseThrow();
                            // A marker per change: 3 characters x 80 changes stays within the 500-character rule.
                            String marker = " " + writer + change;
                            Task next = current.apply(
                                    TaskChanges.builder().text(current.text() + marker).build(), current.updatedAt());
                            try {
                                repository.replace(ALICE, next, current.version());
                                successes++;
                                break;
                            } catch (VersionConflictException lostTheRace) {
                                conflicts++;
                            }
                        }
                    }
                    return new int[] {successes, conflicts};
                });
            }

            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            int successes = 0;
            int conflicts = 0;
            try {
                List<Future<int[]>> results = new ArrayList<>();
                for (Callable<int[]> writer : writers) {
                    results.add(pool.submit(writer));
                }
                start.countDown();
                for (Future<int[]> result : results) {
                    successes += result.get()[0];
                    conflicts += result.get()[1];
                }
            } finally {
                pool.shutdownNow();
            }

            Task last = repository.find(ALICE, task.id()).orElseThrow();
            System.out.printf("%d writers: %d successful replaces, %d version conflicts retried%n",
                    WRITERS, successes, conflicts);
            assertThat(successes).isEqualTo(WRITERS * CHANGES_PER_WRITER);
            assertThat(last.version() - 1).isEqualTo(successes);
            for (int w = 0; w < WRITERS; w++) {
                for (int change = 0; change < CHANGES_PER_WRITER; change++) {
                    assertThat(last.text()).contains(" " + (char) ('A' + w) + change);
                }
            }
            assertThat(last.text().split(" ")).hasSize(1 + WRITERS * CHANGES_PER_WRITER);
        }
    }
}
