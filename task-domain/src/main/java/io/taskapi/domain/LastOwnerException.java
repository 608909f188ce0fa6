package io.taskapi.domain;

/** A change would leave a list without an owner: its last owner cannot be demoted, removed or leave. */
public final class LastOwnerException extends TaskException {
    public LastOwnerException() {
        super("A list needs at least one owner: make another member an owner first");
    }
}
