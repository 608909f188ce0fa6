package io.taskapi.domain;

/**
 * An attachment cannot change as asked in the state it or its task is in: its file was not uploaded as declared, or
 * the task has as many attachments as it may. The message says which.
 */
public final class AttachmentConflictException extends TaskException {
    /**
     * A conflict that {@code message} explains.
     *
     * @param message what the client can do about it, in words it can show
     */
    public AttachmentConflictException(String message) {
        super(message);
    }
}
