package io.taskapi.domain;

/** The task has no attachment with this id (or, for a download, none that is available). */
public final class AttachmentNotFoundException extends NotFoundException {
    /** The failure, with the message clients are shown. */
    public AttachmentNotFoundException() {
        super("Attachment not found");
    }
}
