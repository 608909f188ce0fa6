package io.taskapi.domain;

/** The list has no member with this user id. */
public final class MemberNotFoundException extends NotFoundException {
    /** The failure, with the message clients are shown. */
    public MemberNotFoundException() {
        super("Member not found");
    }
}
