package io.taskapi.memory;

import io.taskapi.domain.Repositories;

/** The domain's data in this process's memory: nothing to configure or release, gone when the process stops. */
public final class InMemoryRepositories implements Repositories {
    private final InMemoryTaskRepository tasks = new InMemoryTaskRepository();
    private final InMemoryListRepository lists = new InMemoryListRepository();
    private final InMemoryInvitationRepository invitations = new InMemoryInvitationRepository();
    private final InMemoryAttachmentRepository attachments = new InMemoryAttachmentRepository();

    /** Empty repositories. */
    public InMemoryRepositories() {
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

    /** Forgets everything, as a restart would. */
    public void clear() {
        tasks.clear();
        lists.clear();
        invitations.clear();
        attachments.clear();
    }
}
