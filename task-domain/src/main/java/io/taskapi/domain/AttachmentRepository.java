package io.taskapi.domain;

import java.util.List;
import java.util.Optional;

/**
 * The port through which the core stores the records of tasks' attachments (their bytes are a {@link FileStore}'s).
 * Every operation is atomic on its own; whether the caller may see the task is the caller's to decide.
 *
 * <p>Implementations translate their technology's failures into {@link TaskException}s; an unavailable store is a
 * {@link StoreUnavailableException}.
 */
public interface AttachmentRepository {

    /**
     * Stores a new attachment, only while its task has fewer than {@code maxPerTask}, checked in the same step.
     *
     * @param attachment the new attachment, naming its task
     * @param maxPerTask the most attachments a task may have, pending ones included
     * @throws AttachmentConflictException if the task has {@code maxPerTask} attachments already; nothing is stored
     */
    void add(Attachment attachment, int maxPerTask);

    /**
     * The attachment with this id of this task, if there is one.
     *
     * @param taskId       the task's id
     * @param attachmentId the attachment's id
     * @return the attachment, or empty when the task has none with this id
     */
    Optional<Attachment> find(String taskId, String attachmentId);

    /**
     * One page of a task's attachments, oldest first.
     *
     * @param taskId        the task's id
     * @param limit         the most attachments to return, at least 1
     * @param afterPosition a {@link Slice#nextPosition()} this repository returned for the same task, or {@code null}
     * @return the page
     * @throws IllegalArgumentException if {@code afterPosition} is not a position this repository could have made
     */
    Slice<Attachment> list(String taskId, int limit, String afterPosition);

    /**
     * Every attachment of a task: at most as many as a task may have, so a bounded read.
     *
     * @param taskId the task's id
     * @return the attachments, pending ones included
     */
    List<Attachment> all(String taskId);

    /**
     * Stores {@code attachment}'s available form in place of its pending one.
     *
     * @param attachment the attachment, {@link AttachmentStatus#AVAILABLE}
     * @throws AttachmentNotFoundException if it was deleted meanwhile
     */
    void markAvailable(Attachment attachment);

    /**
     * Deletes an attachment's record.
     *
     * @param taskId       the task's id
     * @param attachmentId the attachment's id
     * @throws AttachmentNotFoundException if there is none
     */
    void delete(String taskId, String attachmentId);
}
