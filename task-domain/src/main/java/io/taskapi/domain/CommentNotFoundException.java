package io.taskapi.domain;

/** The task has no comment with this id. */
public final class CommentNotFoundException extends NotFoundException {
    public CommentNotFoundException() {
        super("Comment not found");
    }
}
