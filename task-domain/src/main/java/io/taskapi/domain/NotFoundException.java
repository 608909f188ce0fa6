package io.taskapi.domain;

/**
 * Something an operation names does not exist for its caller: missing, deleted, or another user's, which the caller
 * is never told apart.
 */
public abstract sealed class NotFoundException extends TaskException
        permits TaskNotFoundException, ListNotFoundException, MemberNotFoundException, InvitationNotFoundException,
        CommentNotFoundException, AttachmentNotFoundException {
    NotFoundException(String message) {
        super(message);
    }
}
