package io.taskapi.domain;

/** A change would leave a list without an owner: its last owner cannot be demoted, removed or leave. */
public final class LastOwnerException extends TaskException {
    /** The failure, with the message clients are shown: what to do first. */
    public LastOwnerException() {
        super("A list needs at least one owner: make another member an owner first");
    }
}
