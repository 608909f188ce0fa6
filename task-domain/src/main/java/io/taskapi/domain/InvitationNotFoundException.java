package io.taskapi.domain;

/** No invitation works with this code: it never existed, expired, was used, or its list is gone. */
public final class InvitationNotFoundException extends NotFoundException {
    InvitationNotFoundException() {
        super("Invitation not found");
    }
}
