package io.taskapi.application;

import io.taskapi.memory.InMemoryAttachmentRepository;
import io.taskapi.memory.InMemoryInvitationRepository;
import io.taskapi.memory.InMemoryListRepository;
import io.taskapi.memory.InMemoryRepositories;
import io.taskapi.memory.InMemoryTaskRepository;

/** The data kept in this process's memory: always reachable, nothing to prepare or release, gone when it stops. */
public final class InMemoryTaskStore implements TaskStore {
    private final InMemoryRepositories repositories = new InMemoryRepositories();
    private final InMemoryIdempotencyStore idempotencyKeys = new InMemoryIdempotencyStore();

    /** An empty store. */
    public InMemoryTaskStore() {
    }

    @Override
    public InMemoryTaskRepository tasks() {
        return repositories.tasks();
    }

    @Override
    public InMemoryListRepository lists() {
        return repositories.lists();
    }

    @Override
    public InMemoryInvitationRepository invitations() {
        return repositories.invitations();
    }

    @Override
    public InMemoryAttachmentRepository attachments() {
        return repositories.attachments();
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
        repositories.clear();
        idempotencyKeys.clear();
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
