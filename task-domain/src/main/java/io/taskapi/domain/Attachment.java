package io.taskapi.domain;

import java.util.Objects;

/**
 * A file attached to a task. Its bytes are kept in a {@link FileStore} under {@link #key()}, a key of the service's own.
 *
 * @param id          a time-ordered id, so that sorting by id sorts by attaching
 * @param taskId      the task it is attached to
 * @param filename    the file's name as shown and offered on download, never part of the key
 * @param contentType the file's media type, which the upload is signed for and the download is served with
 * @param size        the file's length in bytes, which the upload is signed for
 * @param status      pending until its upload is checked, then available
 * @param createdAt   when the upload was granted, in epoch seconds
 * @param uploadedBy  who attached it
 */
public record Attachment(String id, String taskId, String filename, String contentType, long size,
        AttachmentStatus status, long createdAt, UserId uploadedBy) {

    /**
     * Checks that the attachment keeps the rules of its fields, so that a store cannot hand out one that breaks them.
     *
     * @param id          a time-ordered id, so that sorting by id sorts by attaching
     * @param taskId      the task it is attached to
     * @param filename    the file's name as shown and offered on download, never part of the key
     * @param contentType the file's media type, which the upload is signed for and the download is served with
     * @param size        the file's length in bytes, which the upload is signed for
     * @param status      pending until its upload is checked, then available
     * @param createdAt   when the upload was granted, in epoch seconds
     * @param uploadedBy  who attached it
     * @throws IllegalArgumentException if it does not
     */
    public Attachment {
        if (id == null || id.isBlank() || taskId == null || taskId.isBlank()) {
            throw new IllegalArgumentException("id and taskId must not be blank");
        }
        if (!AttachmentRules.isStorable(filename, contentType, size)) {
            throw new IllegalArgumentException("filename, content type and size must keep their rules");
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(uploadedBy, "uploadedBy");
        if (createdAt < 0) {
            throw new IllegalArgumentException("createdAt must not be negative");
        }
    }

    /**
     * Where its bytes are kept: the task's id and its own, never anything a client chose.
     *
     * @return the key in the {@link FileStore}
     */
    public String key() {
        return taskId + "/" + id;
    }

    /**
     * This attachment once its upload has been checked.
     *
     * @return the attachment, {@link AttachmentStatus#AVAILABLE}
     */
    public Attachment available() {
        return new Attachment(id, taskId, filename, contentType, size, AttachmentStatus.AVAILABLE, createdAt,
                uploadedBy);
    }
}
