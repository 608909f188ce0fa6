package io.taskapi.domain;

/** The list has no member with this user id. */
public final class MemberNotFoundException extends NotFoundException {
    public MemberNotFoundException() {
        super("Member not found");
    }
}
