package io.taskapi.application;

import io.taskapi.domain.AttachmentRepository;
import io.taskapi.domain.InvitationRepository;
import io.taskapi.domain.ListRepository;
import io.taskapi.domain.TaskRepository;
import io.taskapi.memory.InMemoryAttachmentRepository;
import io.taskapi.memory.InMemoryInvitationRepository;
import io.taskapi.memory.InMemoryListRepository;
import io.taskapi.memory.InMemoryTaskRepository;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link TaskStore} over the repositories a test chooses, whose readiness it can switch off and whose closes it counts. */
public final class TestStore implements TaskStore {
    /** Whether {@link #isReachable()} says the store answers. */
    public final AtomicBoolean reachable = new AtomicBoolean(true);
    /** How often the store was closed. */
    public final AtomicInteger closes = new AtomicInteger();
    /** How often readiness was asked. */
    public final AtomicInteger probes = new AtomicInteger();

    private final TaskRepository tasks;
    private final IdempotencyStore idempotencyKeys;
    private final ListRepository lists;
    private final InvitationRepository invitations;
    private final AttachmentRepository attachments = new InMemoryAttachmentRepository();

    public TestStore(TaskRepository tasks, IdempotencyStore idempotencyKeys) {
        this(tasks, new InMemoryListRepository(), new InMemoryInvitationRepository(), idempotencyKeys);
    }

    public TestStore(TaskRepository tasks, ListRepository lists, InvitationRepository invitations,
            IdempotencyStore idempotencyKeys) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.lists = Objects.requireNonNull(lists, "lists");
        this.invitations = Objects.requireNonNull(invitations, "invitations");
        this.idempotencyKeys = Objects.requireNonNull(idempotencyKeys, "idempotencyKeys");
    }

    /** A store of {@code tasks} with idempotency keys in memory. */
    public static TestStore of(TaskRepository tasks) {
        return new TestStore(tasks, new InMemoryIdempotencyStore());
    }

    /** A store with both repositories in memory. */
    public static TestStore inMemory() {
        return of(new InMemoryTaskRepository());
    }

    @Override
    public TaskRepository tasks() {
        return tasks;
    }

    @Override
    public ListRepository lists() {
        return lists;
    }

    @Override
    public InvitationRepository invitations() {
        return invitations;
    }

    /** Attachments are always in memory here: no test so far needs them elsewhere. */
    @Override
    public AttachmentRepository attachments() {
        return attachments;
    }

    @Override
    public IdempotencyStore idempotencyKeys() {
        return idempotencyKeys;
    }

    @Override
    public String description() {
        return "a test's store";
    }

    @Override
    public void prepare() {
        // Nothing to prepare.
    }

    @Override
    public boolean isReachable() {
        probes.incrementAndGet();
        return reachable.get();
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
