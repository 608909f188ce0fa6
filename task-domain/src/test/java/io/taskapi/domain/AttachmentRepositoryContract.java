package io.taskapi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AttachmentRepository} must have. Each implementation's test extends this class and
 * supplies a fresh, empty repository.
 */
public abstract class AttachmentRepositoryContract {
    private static final UserId ANN = new UserId("ann");
    private static final long T0 = 1_703_001_234L;

    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

    /** A new, empty repository for one test. */
    protected abstract AttachmentRepository repository();

    private String nextId() {
        return new UuidV7Generator(Clock.fixed(Instant.ofEpochMilli(millis.addAndGet(7)), ZoneOffset.UTC)).newId();
    }

    private Attachment pending(String taskId, String filename) {
        return new Attachment(nextId(), taskId, filename, "application/pdf", 1234, AttachmentStatus.PENDING, T0, ANN);
    }

    @Test
    void anAddedAttachmentIsFoundListedAndMadeAvailable() {
        AttachmentRepository repository = repository();
        String task = nextId();
        Attachment plan = pending(task, "plan.pdf");

        repository.add(plan, 20);

        assertThat(repository.find(task, plan.id())).contains(plan);
        assertThat(repository.find(nextId(), plan.id())).isEmpty();
        repository.markAvailable(plan.available());
        assertThat(repository.find(task, plan.id())).contains(plan.available());
        assertThat(repository.all(task)).containsExactly(plan.available());
    }

    @Test
    void aTaskHoldsNoMoreThanItsLimit() {
        AttachmentRepository repository = repository();
        String task = nextId();
        for (int i = 0; i < 3; i++) {
            repository.add(pending(task, "f" + i), 3);
        }

        assertThatThrownBy(() -> repository.add(pending(task, "one too many"), 3))
                .isInstanceOf(AttachmentConflictException.class)
                .hasMessage("A task can have at most 3 attachments: delete one first");
        assertThat(repository.all(task)).hasSize(3);
        repository.add(pending(nextId(), "another task's"), 3);
        repository.delete(task, repository.all(task).get(0).id());
        repository.add(pending(task, "in the freed place"), 3);
        assertThat(repository.all(task)).extracting(Attachment::filename).containsExactly("f1", "f2",
                "in the freed place");
    }

    @Test
    void concurrentAddsNeverExceedTheLimit() throws Exception {
        AttachmentRepository repository = repository();
        String task = nextId();
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                Attachment attachment = pending(task, "w" + i);
                Callable<Boolean> add = () -> {
                    start.await();
                    try {
                        repository.add(attachment, 5);
                        return true;
                    } catch (AttachmentConflictException e) {
                        return false;
                    }
                };
                results.add(pool.submit(add));
            }
            start.countDown();
            int added = 0;
            for (Future<Boolean> result : results) {
                added += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(added).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(repository.all(task)).hasSize(5);
    }

    @Test
    void pagesCoverEveryAttachmentOnceOldestFirst() {
        AttachmentRepository repository = repository();
        String task = nextId();
        List<Attachment> added = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Attachment attachment = pending(task, "f" + i);
            repository.add(attachment, 20);
            added.add(attachment);
        }

        List<Attachment> seen = new ArrayList<>();
        String position = null;
        do {
            Slice<Attachment> page = repository.list(task, 3, position);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
            seen.addAll(page.items());
            position = page.nextPosition();
        } while (position != null);

        assertThat(seen).containsExactlyElementsOf(added);
        assertThat(repository.list(task, 7, null).nextPosition()).isNull();
        assertThat(repository.list(nextId(), 3, null).items()).isEmpty();
    }

    @Test
    void aDeletedAttachmentIsGoneAndCannotBeDeletedOrCompletedAgain() {
        AttachmentRepository repository = repository();
        String task = nextId();
        Attachment plan = pending(task, "plan.pdf");
        repository.add(plan, 20);

        repository.delete(task, plan.id());

        assertThat(repository.find(task, plan.id())).isEmpty();
        assertThatThrownBy(() -> repository.delete(task, plan.id())).isInstanceOf(AttachmentNotFoundException.class);
        assertThatThrownBy(() -> repository.markAvailable(plan.available()))
                .isInstanceOf(AttachmentNotFoundException.class);
        assertThat(repository.all(task)).isEmpty();
    }
}
