package io.taskapi.domain;

/** The task has no comment with this id. */
public final class CommentNotFoundException extends NotFoundException {
    /** The failure, with the message clients are shown. */
    public CommentNotFoundException() {
        super("Comment not found");
    }
}
