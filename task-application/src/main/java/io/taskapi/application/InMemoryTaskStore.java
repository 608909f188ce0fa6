package io.taskapi.application;

import io.taskapi.memory.InMemoryAttachmentRepository;
import io.taskapi.memory.InMemoryInvitationRepository;
import io.taskapi.memory.InMemoryListRepository;
import io.taskapi.memory.InMemoryTaskRepository;

/** The data kept in this process's memory: always reachable, nothing to prepare or release, gone when it stops. */
public final class InMemoryTaskStore implements TaskStore {
    private final InMemoryTaskRepository tasks = new InMemoryTaskRepository();
    private final InMemoryListRepository lists = new InMemoryListRepository();
    private final InMemoryInvitationRepository invitations = new InMemoryInvitationRepository();
    private final InMemoryAttachmentRepository attachments = new InMemoryAttachmentRepository();
    private final InMemoryIdempotencyStore idempotencyKeys = new InMemoryIdempotencyStore();

    /** An empty store. */
    public InMemoryTaskStore() {
    }

    @Override
    public InMemoryTaskRepository tasks() {
        return tasks;
    }

    @Override
    public InMemoryListRepository lists() {
        return lists;
    }

    @Override
    public InMemoryInvitationRepository invitations() {
        return invitations;
    }

    @Override
    public InMemoryAttachmentRepository attachments() {
        return attachments;
    }

    @Override
    public IdempotencyStore idempotencyKeys() {
        return idempotencyKeys;
    }

    @Override
    public String description() {
        return "in this process's memory: tasks are lost when it stops";
    }

    @Override
    public void prepare() {
        // Nothing can be misconfigured.
    }

    @Override
    public boolean isReachable() {
        return true;
    }

    /** Forgets everything, as a restart would. */
    public void clear() {
        tasks.clear();
        lists.clear();
        invitations.clear();
        attachments.clear();
        idempotencyKeys.clear();
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
