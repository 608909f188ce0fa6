package io.taskapi.domain;

/** No list with this id exists for this caller: missing, deleted, or one they are not a member of. */
public final class ListNotFoundException extends NotFoundException {
    /** The failure, with the message clients are shown. */
    public ListNotFoundException() {
        super("List not found");
    }
}
