package io.taskapi.domain;

/**
 * An attachment cannot change as asked in the state it or its task is in: its file was not uploaded as declared, or
 * the task has as many attachments as it may. The message says which.
 */
public final class AttachmentConflictException extends TaskException {
    public AttachmentConflictException(String message) {
        super(message);
    }
}
