package io.taskapi.domain;

/**
 * What deleting a task asks of its attachments: that they and their files go with it. {@link AttachmentService} is
 * the one implementation; a service without attachments uses {@link #NONE}.
 */
@FunctionalInterface
public interface TaskAttachments {
    /** For services that keep no attachments. */
    TaskAttachments NONE = taskId -> { };

    /**
     * Removes every attachment of a deleted task, and its file.
     *
     * @param taskId the deleted task's id
     */
    void removeAll(String taskId);
}
